"""The 評価書 of one 事務 share their common answers (no Qt).

The link is the store's ``jimu`` key (set when a set is created, or on a 変換) plus the table of items
that state the same fact (forms/mappings/set-shared-items.yaml). No 共通項目 rows are made: a set's
answers are drafts typed in the wizard, not named facts changed through the 共通項目 dialog with a
変更箇所 row each, and fifteen facts per 事務 would bury the user's own 共通項目.

- ``current_set``: the 評価書 of the 事務 that are in force: a version superseded by a 新年度版
  (its baseline) is history, and of a 重点 and a 全項目 the later one (a 変換 replaces the 重点).
- ``propagate_shared``: after an answer in a shared item is saved, the other 評価書 of the set take it
  where their item is blank or still held the answer just replaced (so they follow typing, undo and
  redo). An item that already says something else is left alone: the set check reports it. A 評価書
  that is 確定 (or 公表済), or a read-only store, is never written.
- ``align_set``: for sets made before this existed, or linked later: what would be filled from the
  others and what differs, applied on the user's confirmation (``apply_alignment``).
- ``submitted_fill``: 基礎 Ⅳ１ 提出する評価書の種類 as the set's kinds call for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pia_desktop.domain.document import Document, Value, is_empty
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import load_form
from pia_desktop.domain.set_items import SetTable, SharedItem, norm, same_value, set_table, translate
from pia_desktop.storage.listing import Summary
from pia_desktop.storage.store import Store, new_jimu

WRITABLE_STATUSES = ("作成中", "確認中")  # 確定, 公表済 …: the set check reports, nothing is written


@dataclass(frozen=True)
class Member:
    """One 評価書 of the set."""

    id: int
    form_id: str
    kind: str  # kiso / juten / zen
    status: str
    title: str  # 評価書名, or a placeholder
    short_name: str  # 基礎項目評価書 …

    @property
    def label(self) -> str:
        return f"{self.short_name}「{self.title}」（ID {self.id}）"


def _member(s: Summary) -> Member | None:
    try:
        form = load_form(s.form_id)
    except PiaError:
        return None
    return Member(s.id, s.form_id, form.roles.kind, s.status, s.name or "（評価書名未記入）", form.short_name)


def _in_force(summaries: list[Summary]) -> list[Member]:
    superseded = {s.baseline_id for s in summaries if s.baseline_id is not None}
    latest: dict[str, Member] = {}
    for s in sorted(summaries, key=lambda s: s.id):  # ids grow with creation: the later wins
        m = _member(s) if s.id not in superseded and s.deleted_at is None else None
        if m is not None:
            latest[m.kind] = m
    if "juten" in latest and "zen" in latest:  # a 事務 submits a 重点 or a 全項目, not both
        del latest["juten" if latest["juten"].id < latest["zen"].id else "zen"]
    return sorted(latest.values(), key=lambda m: ("kiso", "juten", "zen").index(m.kind) if m.kind in ("kiso", "juten", "zen") else 9)


def set_members(store: Store, jimu: str) -> list[Member]:
    """The 評価書 of the 事務 ``jimu`` in force."""
    return _in_force([s for s in store.list_assessments() if s.jimu == jimu])


def current_set(store: Store, aid: int) -> list[Member]:
    """The set the assessment belongs to ([] when it is not linked, or is itself history)."""
    members = _in_force(store.linked(aid))
    return members if any(m.id == aid for m in members) else []


def writable(store: Store, member: Member) -> bool:
    return not store.readonly and member.status in WRITABLE_STATUSES


# -- propagation after one edit ---------------------------------------------------------------------------


def propagate_shared(store: Store, aid: int, address: str, value: Value | None, *, previous: Value | None = None,
                     table: SetTable | None = None) -> list[tuple[int, str]]:
    """Copy the answer just saved at ``address`` of ``aid`` into the other 評価書 of its set, where
    their item is blank or equal to ``previous`` (the answer it replaced). Returns (assessment, address)
    of every item written. Call it after the edit is saved, for undo and redo too."""
    table = table or set_table()
    if not any(address in r.items.values() for r in table.items):
        return []  # most edits: no query at all
    members = current_set(store, aid)
    me = next((m for m in members if m.id == aid), None)
    if me is None:
        return []
    row = table.row_at(me.form_id, address)
    if row is None:
        return []
    written = []
    for other in members:
        target = row.item_in(other.form_id)
        if other.id == aid or target is None or not writable(store, other):
            continue
        new = translate(value, row, other.form_id)
        if new is None and not is_empty(value):
            continue  # the other form has no such option (30万人以上 in a 重点)
        current = store.answer(other.id, target)
        if same_value(current, new, row.match):
            continue
        if not (is_empty(current) or same_value(current, previous, row.match)):
            continue  # it says something else: leave it to the user (the set check reports it)
        store.set_value(other.id, target, None if new is None or is_empty(new) else new)
        written.append((other.id, target))
    return written


# -- 基礎 Ⅳ１ 提出する特定個人情報保護評価書の種類 ------------------------------------------------------------------


@dataclass(frozen=True)
class Fill:
    """An answer to write: ``value`` into ``address`` of ``member`` (replacing ``replaces``)."""

    member: Member
    address: str
    name: str  # the shared item's name
    value: Value
    source: Member | None  # where the value comes from (None: from the set itself, Ⅳ１)
    replaces: Value | None = None


def submitted_fill(store: Store, members: list[Member], table: SetTable | None = None) -> Fill | None:
    """The 基礎's Ⅳ１ when it does not say what the set is (None when it does, or there is no 基礎)."""
    table = table or set_table()
    sub = table.submitted
    kiso = next((m for m in members if sub is not None and m.form_id == sub.form), None)
    if sub is None or kiso is None:
        return None
    wanted = sub.text_for({m.kind for m in members})
    current = store.answer(kiso.id, sub.item)
    if wanted is None or current == wanted:
        return None
    label = load_form(sub.form).index[sub.item].label
    return Fill(kiso, sub.item, label, wanted, None, current)


# -- aligning an existing set --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """A shared item whose answers differ between the 評価書 of the set."""

    name: str
    answers: tuple[tuple[Member, str, Value], ...]  # (評価書, address, answer) of those that are filled


@dataclass
class AlignReport:
    members: list[Member]
    fills: list[Fill] = field(default_factory=list)  # blanks the others answer alike
    differences: list[Difference] = field(default_factory=list)
    locked: list[Fill] = field(default_factory=list)  # would be filled, but the 評価書 is 確定/公表済 or read-only

    @property
    def empty(self) -> bool:
        return not (self.fills or self.differences or self.locked)


def _align_row(store: Store, members: list[Member], row: SharedItem, report: AlignReport) -> None:
    present = [(m, row.items[m.form_id]) for m in members if m.form_id in row.items]
    answers = [(m, a, store.answer(m.id, a)) for m, a in present]
    filled = [(m, a, v) for m, a, v in answers if v is not None and not is_empty(v)]
    if not filled:
        return
    if len({repr(norm(v, row.match)) for _m, _a, v in filled}) > 1:
        report.differences.append(Difference(row.name, tuple(filled)))
        return
    source, _addr, value = filled[0]
    for m, a, v in answers:
        if v is not None and not is_empty(v):
            continue
        new = translate(value, row, m.form_id)
        if new is None:
            continue
        fill = Fill(m, a, row.name, new, source)
        (report.fills if writable(store, m) else report.locked).append(fill)


def align_set(store: Store, jimu: str, table: SetTable | None = None) -> AlignReport:
    """What linking the set's answers would do: blanks filled from the others, answers that differ,
    and 基礎 Ⅳ１. Nothing is written (``apply_alignment`` does)."""
    table = table or set_table()
    members = set_members(store, jimu)
    report = AlignReport(members)
    if not members:
        return report
    for row in table.items:
        _align_row(store, members, row, report)
    sub = submitted_fill(store, members, table)
    if sub is not None:
        (report.fills if writable(store, sub.member) else report.locked).append(sub)
    return report


Save = Callable[[int, str, Value], None]  # (assessment, address, answer): the editor's undoable edit for an open one


def apply_alignment(store: Store, fills: list[Fill], *, save: Save | None = None) -> list[Fill]:
    """Write the fills whose item still holds what the report saw (an item edited since is skipped);
    returns those written."""
    done = []
    for fill in fills:
        if not writable(store, fill.member):
            continue
        current = store.answer(fill.member.id, fill.address)
        if current == fill.value:  # already there (an open 評価書's edit was copied along)
            done.append(fill)
            continue
        if not (current == fill.replaces or (is_empty(current) and is_empty(fill.replaces))):
            continue
        if save is not None:
            save(fill.member.id, fill.address, fill.value)
        else:
            store.set_value(fill.member.id, fill.address, fill.value)
        done.append(fill)
    return done


# -- linking 評価書 that were made apart (imported, or from before sets existed) ----------------------------------------


def link_candidates(store: Store, aid: int) -> list[Member]:
    """評価書 that could be linked with ``aid`` as one 事務: of the kind its set lacks (a 基礎 for a 重点 or
    全項目, a 重点 or 全項目 for a 基礎 alone), not last year's version, and not in a set that already has
    one of the kinds ``aid``'s set has. Those naming the same 事務 (事務の名称) come first."""
    summaries = store.list_assessments()
    superseded = {s.baseline_id for s in summaries if s.baseline_id is not None}
    members = {s.id: m for s in summaries if s.id not in superseded and (m := _member(s)) is not None}
    me = members.get(aid)
    if me is None:
        return []
    own = current_set(store, aid) or [me]
    kinds = {m.kind for m in own}
    wanted = {"kiso"} if "kiso" not in kinds else ({"juten", "zen"} if len(own) == 1 else set())
    out = []
    for m in members.values():
        if m.kind not in wanted or any(o.id == m.id for o in own):
            continue
        if store.jimu_of(m.id) is not None:
            theirs = current_set(store, m.id)
            if not theirs or any(o.kind in kinds for o in theirs):
                continue
        out.append(m)

    def jimu_name(m: Member) -> str:
        role = load_form(m.form_id).roles.jimu_name
        value = store.answer(m.id, role) if isinstance(role, str) and role else None
        return value.strip() if isinstance(value, str) else ""

    name = jimu_name(me)
    return sorted(out, key=lambda m: (not name or jimu_name(m) != name, m.id))


def join_set(store: Store, aid: int, other: int) -> str:
    """Link ``other`` (and its set) with ``aid`` (and its set) as the 評価書 of one 事務; returns the key."""
    jimu = store.jimu_of(aid) or store.jimu_of(other) or new_jimu()
    for a in (aid, other):
        old = store.jimu_of(a)
        if old != jimu:
            for m in ([s.id for s in store.linked(a)] if old else [a]):
                store.set_jimu(m, jimu)
    return jimu


def add_to_set(store: Store, aid: int, doc: Document, *, save: Save | None = None) -> tuple[int, Fill | None]:
    """Store ``doc`` (a 全項目 converted from the 重点 ``aid``) as a 評価書 of ``aid``'s 事務 (linking ``aid``
    first when it had no set) and bring 基礎 Ⅳ１ in line; returns the new id and the Ⅳ１ written, if any."""
    jimu = store.jimu_of(aid)
    if jimu is None:
        jimu = new_jimu()
        store.set_jimu(aid, jimu)
    new_id = store.add_document(doc, jimu=jimu, nendo=store.nendo_of(aid))  # the same year's 評価書
    return new_id, sync_submitted(store, jimu, save=save)


def sync_submitted(store: Store, jimu: str, *, save: Save | None = None) -> Fill | None:
    """Bring 基礎 Ⅳ１ in line with the set (after a 変換 added a 全項目); the fill written, if any."""
    fill = submitted_fill(store, set_members(store, jimu))
    return fill if fill is not None and apply_alignment(store, [fill], save=save) else None

"""共通項目 (shared facts): one value used by many 評価書, changed once.

A fact is text (one answer, e.g. Ⅳ１① 請求先) or a whole repeated entry (a システム, a 委託事項: every
answer under the entry, keyed by the suffix after the entry's address). A link (assessment, address)
only records where the fact is used; the answer stays in the assessment. So unlinking keeps the
value, and a deleted or unreadable fact never takes an answer away: the item keeps its last value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from pia_desktop.changes.diff import propose_changes
from pia_desktop.changes.item_text import item_text
from pia_desktop.changes.rows import ChangeRow, add_rows, merge_rows
from pia_desktop.checks.due_dates import wareki_text
from pia_desktop.domain.addresses import format_address, group_key, parse_address
from pia_desktop.domain.document import CheckValue, Document, Value, is_empty, value_text
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, ItemType, load_form
from pia_desktop.storage.store import FactRow, FactValue, Store

TEXT_TYPES = (ItemType.TEXT, ItemType.TEXTAREA)


class SharedFactError(PiaError):
    """A 共通項目 cannot be used as asked; the message says why."""


# -- values at an address ---------------------------------------------------------------------------


def _under(key: str, entry: str) -> bool:
    return key == entry or key.startswith(entry + ".")


def entry_value(doc: Document, entry: str) -> dict[str, Value]:
    """Every answer under the entry ``I.2.system[3]``, keyed by what follows the entry's address ("", ".1" …)."""
    return {k[len(entry):]: v for k, v in doc.values.items() if _under(k, entry)}


def value_at(doc: Document, address: str, kind: str) -> FactValue | None:
    if kind == "entry":
        return entry_value(doc, address) or None
    return doc.get(address)


def _norm(value: object) -> object:
    if isinstance(value, str):
        return "\n".join(line.rstrip() for line in value.strip().replace("\r\n", "\n").split("\n"))
    if isinstance(value, CheckValue):
        return (tuple(value.checked), tuple(sorted((k, v.strip()) for k, v in value.details.items() if v.strip())))
    if isinstance(value, dict):
        return tuple(sorted((k, _norm(v)) for k, v in value.items() if not is_empty(v)))
    return value


def same(a: FactValue | None, b: FactValue | None) -> bool:
    """Equal as the form prints them (surrounding blanks and line-end spaces do not count)."""
    if a is None or b is None:
        return (a is None or a == {} or (not isinstance(a, dict) and is_empty(a))) and (
            b is None or b == {} or (not isinstance(b, dict) and is_empty(b)))
    return _norm(a) == _norm(b)


def set_at(doc: Document, address: str, kind: str, value: FactValue) -> None:
    """Put the fact's value into ``doc`` (in place). An entry's answers are replaced as a whole."""
    if kind == "entry":
        if not isinstance(value, dict):
            raise SharedFactError("まとまり（エントリ）の共通項目の値が正しくありません")
        for key in [k for k in doc.values if _under(k, address)]:
            del doc.values[key]
        for suffix, v in value.items():
            doc.set(address + suffix, v)
        return
    if isinstance(value, dict):
        raise SharedFactError("共通項目の値が正しくありません")
    doc.set(address, value)


def fact_text(fact: FactRow | None, *, limit: int = 0) -> str:
    """The value as one text, for lists (an entry: its title and answers joined)."""
    if fact is None:
        return "（共通項目がありません）"
    if fact.value is None:
        return "（共通項目の値を読み取れません）"
    if isinstance(fact.value, dict):
        text = " / ".join(value_text(v) for v in fact.value.values() if not is_empty(v))
    else:
        text = value_text(fact.value)
    return text if not limit or len(text) <= limit else text[:limit] + "…"


def address_exists(form: FormDefinition, doc: Document, address: str) -> bool:
    """The item or entry is still in the document (entries can be removed after linking)."""
    addr = parse_address(address)
    if addr.template not in form.index:
        return False
    parts = addr.template.split("[]")
    for depth in range(1, len(parts)):
        template = "[]".join(parts[:depth]) + "[]"
        n = addr.slots[depth - 1]
        if n > doc.count(group_key(template, addr.file, addr.slots[: depth - 1])):
            return False
    return addr.file is None or addr.file <= doc.file_count


# -- what fits where ---------------------------------------------------------------------------------------


def entry_addresses(address: str) -> list[str]:
    """The repeated entries ``address`` lies in, innermost first: II(1).4.itaku[2].3 → [II(1).4.itaku[2]]."""
    addr = parse_address(address)
    parts = addr.template.split("[]")
    out = []
    for depth in range(len(parts) - 1, 0, -1):
        template = "[]".join(parts[:depth]) + "[]"
        out.append(format_address(template, addr.file, addr.slots[:depth]))
    return out


def fits(form: FormDefinition, fact: FactRow, address: str) -> bool:
    """The fact may be linked at ``address``: the same template, or (for a text fact made without one) any text item."""
    addr = parse_address(address)
    if fact.kind == "entry":
        return addr.template == fact.template and address.endswith("]")
    if fact.template:
        return addr.template == fact.template
    item = form.index.get(addr.template)
    return item is not None and item.type in TEXT_TYPES


def offers(form: FormDefinition, facts: Iterable[FactRow], address: str) -> list[tuple[str, FactRow]]:
    """(address to link, fact) pairs the wizard offers for the item at ``address``: text facts for the
    item itself, entry facts for the entries it lies in."""
    out: list[tuple[str, FactRow]] = []
    facts = [f for f in facts if not f.damaged]
    item = form.index.get(parse_address(address).template)
    if item is not None and item.type in TEXT_TYPES:
        out += [(address, f) for f in facts if f.kind == "text" and fits(form, f, address)]
    for entry in entry_addresses(address):
        out += [(entry, f) for f in facts if f.kind == "entry" and fits(form, f, entry)]
    return out


# -- making, linking --------------------------------------------------------------------------------------


def make_fact(store: Store, aid: int, address: str, name: str, *, entry: bool = False) -> int:
    """A new 共通項目 from the value at ``address`` of assessment ``aid``, linked there."""
    doc = store.load(aid)
    kind = "entry" if entry else "text"
    value = value_at(doc, address, kind)
    if value is None or (not isinstance(value, dict) and is_empty(value)):
        raise SharedFactError("空欄の項目は共通項目にできません。先に記入してください。")
    template = parse_address(address).template
    fid = store.add_fact(name.strip() or template, value, kind=kind, template=template)
    store.link(aid, address, fid)
    return fid


def link(store: Store, aid: int, address: str, fid: int, *, take_value: bool = True,
         save: Callable[[int, Document, str], None] | None = None) -> bool:
    """Link the item to the fact; with ``take_value`` the item takes the fact's value (True when it changed)."""
    fact = store.fact(fid)
    if fact is None or fact.value is None:
        raise SharedFactError("この共通項目は読み取れないため連結できません")
    store.link(aid, address, fid)
    if not take_value:
        return False
    doc = store.load(aid)
    if same(value_at(doc, address, fact.kind), fact.value):
        return False
    after = doc.copy()
    set_at(after, address, fact.kind, fact.value)
    (save or (lambda a, d, _t: store.save_document(a, d)))(aid, after, f"共通項目「{fact.name}」の反映")
    return True


# -- where a fact is used ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Usage:
    assessment_id: int
    title: str  # 評価書名 (or a placeholder)
    form_short: str  # 基礎項目評価書 …
    address: str
    item: str  # the printed path of the item
    current: FactValue | None  # the value in the assessment now
    in_sync: bool  # equal to the fact's value
    present: bool  # the item / entry still exists in the document


def usages(store: Store, fid: int) -> list[Usage]:
    """Every 評価書 and item linked to the fact, with its value there now."""
    fact = store.fact(fid)
    if fact is None:
        return []
    out = []
    docs: dict[int, Document] = {}
    for aid, address in store.usages(fid):
        doc = docs.get(aid) or docs.setdefault(aid, store.load(aid))
        form = load_form(doc.form_id)
        current = value_at(doc, address, fact.kind)
        present = address_exists(form, doc, address)
        title = doc.get(form.roles.title)
        try:
            label = item_text(form, address, multi_file=doc.file_count > 1) if present else address
        except (KeyError, PiaError):
            label = address
        out.append(Usage(aid, title if isinstance(title, str) and title else "（評価書名未記入）", form.short_name, address,
                         label, current, fact.value is not None and same(current, fact.value), present))
    return out


# -- changing a fact everywhere ---------------------------------------------------------------------------------


@dataclass
class Planned:
    """One assessment's share of a change: the document before and after, and the proposed row."""

    assessment_id: int
    addresses: list[str]
    before: Document
    after: Document  # the linked items changed, no row yet
    row: ChangeRow | None  # None: the form has no 変更箇所, or nothing printed changed
    add_row: bool = True

    def result(self) -> Document:
        doc = self.after.copy()
        if self.row is not None and self.add_row:
            add_rows(doc, [self.row])
        return doc


@dataclass
class Applied:
    """What ``apply_change`` did, enough to undo it."""

    fact_id: int
    old_value: FactValue | None
    new_value: FactValue
    changes: list[Planned] = field(default_factory=list)
    saved: dict[int, Document] = field(default_factory=dict)  # what each assessment was saved as


def today_wareki(today: date | None = None) -> str:
    return wareki_text(today or date.today())


def plan_change(store: Store, fid: int, new_value: FactValue, *, targets: Iterable[tuple[int, str]] | None = None,
                changed_on: str | None = None, docs: dict[int, Document] | None = None) -> list[Planned]:
    """The change of fact ``fid`` to ``new_value`` in every linked item (or only ``targets``), one entry
    per assessment, each with one merged (別添２) row proposed as the 変更箇所 generator words it.
    ``docs`` gives documents to start from instead of the stored ones (an assessment open in the editor)."""
    fact = store.fact(fid)
    if fact is None:
        raise SharedFactError(f"共通項目 ID {fid} は保存ファイルにありません")
    chosen = set(targets) if targets is not None else None
    changed_on = changed_on or today_wareki()
    by_aid: dict[int, list[str]] = {}
    for aid, address in store.usages(fid):
        if chosen is None or (aid, address) in chosen:
            by_aid.setdefault(aid, []).append(address)
    plans = []
    for aid, addresses in by_aid.items():
        before = (docs or {}).get(aid) or store.load(aid)
        form = load_form(before.form_id)
        present = [a for a in addresses if address_exists(form, before, a)]
        after = before.copy()
        for address in present:
            set_at(after, address, fact.kind, new_value)
        if after.values == before.values:
            continue
        row = None
        if form.changes_rows:
            rows = propose_changes(before, after, changed_on=changed_on, form=form)
            row = merge_rows(rows) if rows else None
        plans.append(Planned(aid, present, before, after, row))
    return plans


Saver = Callable[[int, Document, str], None]  # (assessment id, document, what changed) → saved


def apply_change(store: Store, fid: int, new_value: FactValue, plans: list[Planned], *, save: Saver | None = None) -> Applied:
    """Save every planned assessment (through ``save`` when given: the editor's undoable step for an open
    one), then the fact's new value. An assessment whose save fails keeps its old value."""
    fact = store.fact(fid)
    if fact is None:
        raise SharedFactError(f"共通項目 ID {fid} は保存ファイルにありません")
    applied = Applied(fid, fact.value, new_value, plans)
    text = f"共通項目「{fact.name}」の変更"
    for plan in plans:
        doc = plan.result()
        if save is not None:
            save(plan.assessment_id, doc, text)
        else:
            store.save_document(plan.assessment_id, doc)
        applied.saved[plan.assessment_id] = doc
    store.update_fact(fid, value=new_value)
    return applied


def undo_change(store: Store, applied: Applied, *, save: Saver | None = None,
                docs: dict[int, Document] | None = None) -> list[int]:
    """Put back what ``apply_change`` changed. An assessment edited since is left alone; returns their ids."""
    skipped = []
    for plan in applied.changes:
        aid = plan.assessment_id
        current = (docs or {}).get(aid) or store.load(aid)
        saved = applied.saved.get(aid)
        if saved is None or current.values != saved.values or current.repeat_counts != saved.repeat_counts:
            skipped.append(aid)
            continue
        restored = plan.before.copy()
        if save is not None:
            save(aid, restored, "共通項目の変更の取り消し")
        else:
            store.save_document(aid, restored)
    if applied.old_value is not None and store.fact(applied.fact_id) is not None:
        store.update_fact(applied.fact_id, value=applied.old_value)
    return skipped


def linked_facts(store: Store, aid: int) -> dict[str, FactRow | None]:
    """Address → its fact for the assessment's links (None: the fact is gone or unreadable: the item
    keeps its value and shows as no longer linked)."""
    out: dict[str, FactRow | None] = {}
    facts = {f.id: f for f in store.facts()}
    for address, fid in store.links_of(aid).items():
        fact = facts.get(fid)
        out[address] = fact if fact is not None and not fact.damaged else None
    return out

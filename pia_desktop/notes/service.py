"""What a user does with notes, on a store: add, answer, close, reopen, resolve a conflict, export and
import a notes file. The GUI and the ``notes`` command both call these; nothing here imports Qt."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pia_desktop.domain.addresses import parse_address
from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, ItemType, load_form
from pia_desktop.domain.traversal import walk
from pia_desktop.domain.validation import describe, display_value
from pia_desktop.notes import model
from pia_desktop.notes.files import NotesFile, NotesFileError, NotesTarget
from pia_desktop.notes.merge import Outcome, StoredNote, merge, resolve
from pia_desktop.notes.model import Note
from pia_desktop.storage.store import Store


class NotesError(PiaError):
    """A note cannot be made or changed as asked; the message says why."""


# -- items ------------------------------------------------------------------------------------------


def item_addresses(form: FormDefinition, doc: Document) -> dict[str, str]:
    """Every item instance a note may be put on: address → printed path, in document order."""
    return {s.address: s.path_text for s in walk(form, doc) if s.item.type not in (ItemType.FIXED,)}


def resolve_item(form: FormDefinition, doc: Document, item: str) -> str:
    """The address of ``item``, given as ``dump`` prints its path or as its address."""
    items = item_addresses(form, doc)
    text = item.strip()
    if text in items:
        return text
    folded = text.replace(" > ", " › ").replace(">", "›")
    by_path = [a for a, p in items.items() if p == folded or p.replace("　※", "") == folded]
    if len(by_path) == 1:
        return by_path[0]
    ends = [a for a, p in items.items() if p.endswith(" › " + folded)]
    if len(ends) == 1:
        return ends[0]
    if len(ends) > 1:
        raise NotesError(f"項目「{item}」に当たる項目が{len(ends)}件あります。dump が表示する項目のパス全体か番地で指定してください")
    raise NotesError(f"項目「{item}」はこの評価書にありません。dump が表示する項目のパスか番地で指定してください")


def item_value(form: FormDefinition, doc: Document, address: str) -> str:
    value = doc.get(address)
    return display_value(form, address, value) if value is not None else ""


def document_order(form: FormDefinition, doc: Document, notes: list[StoredNote]) -> list[StoredNote]:
    """Notes in the order their items are printed; notes on one item oldest first."""
    order = {a: i for i, a in enumerate(item_addresses(form, doc))}
    return sorted(notes, key=lambda s: (order.get(s.note.item, len(order)), s.note.at, s.note.id))


# -- changing notes ------------------------------------------------------------------------------------


def add_note(store: Store, aid: int, item: str, text: str, *, kind: str = "修正依頼", by: str = "") -> Note:
    doc = store.load(aid)
    form = load_form(doc.form_id)
    address = resolve_item(form, doc, item)
    if not text.strip():
        raise NotesError("指摘の内容が空です")
    if kind not in model.KINDS:
        raise NotesError(f"指摘の種類は {'・'.join(model.KINDS)} のいずれかです（{kind}）")
    if len(text) > model.MAX_TEXT:
        raise NotesError(f"指摘は{model.MAX_TEXT}字までです")
    note = model.new_note(address, text.strip(), kind=kind, by=by, value_then=item_value(form, doc, address))
    store.put_notes(aid, [StoredNote(note)])
    return note


def _change(store: Store, aid: int, note_id: str, how: str, by: str, text: str = "") -> Note:
    stored = store.note(aid, note_id)
    if len(text) > model.MAX_TEXT:
        raise NotesError(f"回答は{model.MAX_TEXT}字までです")
    note = resolve(stored, by=by) if stored.conflicts else stored.note  # acting on a conflict settles it
    if how == "answer":
        if not text.strip():
            raise NotesError("回答の内容が空です")
        note = model.answer(note, text.strip(), by=by)
    elif how == "close":
        note = model.close(note, by=by)
    elif how == "reopen":
        note = model.reopen(note, by=by, text=text.strip())
    store.put_notes(aid, [StoredNote(note)])
    return note


def answer_note(store: Store, aid: int, note_id: str, text: str, *, by: str = "") -> Note:
    return _change(store, aid, note_id, "answer", by, text)


def close_note(store: Store, aid: int, note_id: str, *, by: str = "") -> Note:
    return _change(store, aid, note_id, "close", by)


def reopen_note(store: Store, aid: int, note_id: str, *, by: str = "", text: str = "") -> Note:
    return _change(store, aid, note_id, "reopen", by, text)


def resolve_conflict(store: Store, aid: int, note_id: str, *, take: int = 0, by: str = "") -> Note:
    """Settle a conflict: ``take`` 0 keeps this store's version, n the n-th version that arrived."""
    stored = store.note(aid, note_id)
    if not stored.conflicts:
        raise NotesError("この指摘には食い違いがありません")
    if not 0 <= take <= len(stored.conflicts):
        raise NotesError(f"選べる版は 0～{len(stored.conflicts)} です")
    note = resolve(stored, stored.conflicts[take - 1] if take else None, by=by)
    store.put_notes(aid, [StoredNote(note)])
    return note


# -- files ----------------------------------------------------------------------------------------------


def export_notes(store: Store, aid: int) -> NotesFile:
    doc = store.load(aid)
    identity = doc.identity or store.identity(aid)
    if identity is None:
        raise NotesError("読み取り専用の古い保存ファイルの評価書には識別子がないため、指摘を書き出せません")
    form = load_form(doc.form_id)
    notes = [s.note for s in document_order(form, doc, store.notes(aid))]
    process = store.review_process(aid)
    empty = process.comment_period is None and process.third_party is None
    target = NotesTarget(uid=identity.uid, version=identity.version, form_id=doc.form_id,
                         title=str(doc.get(form.roles.title) or ""))
    values = {n.item: item_value(form, doc, n.item) for n in notes}
    return NotesFile(assessment=target, process=None if empty else process, notes=notes, values=values)


@dataclass
class NotesImport:
    aid: int
    counts: Counter[Outcome] = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)  # the items (paths) whose notes diverged

    def summary(self) -> str:
        c = self.counts
        parts = [f"新しい指摘 {c['added']} 件", f"更新 {c['updated'] + c['merged']} 件", f"変更なし {c['unchanged']} 件"]
        if c["conflict"]:
            parts.append(f"食い違い {c['conflict']} 件（両方の版を残しました）")
        return "、".join(parts)


def find_target(store: Store, target: NotesTarget, source: str) -> int:
    ids = store.find_by_version(target.version)
    if len(ids) == 1:
        return ids[0]
    name = f"「{target.title}」" if target.title else f"（識別子 {target.version[:8]}）"
    if len(ids) > 1:
        raise NotesFileError(f"{source} の評価書{name}が保存ファイルに{len(ids)}件あります。--id で取り込み先を指定してください")
    if store.find_by_uid(target.uid):
        raise NotesFileError(
            f"{source} は評価書{name}の別の版（年度）への指摘です。この保存ファイルにあるのは別の版のため、取り込みません")
    raise NotesFileError(
        f"{source} は評価書{name}への指摘ですが、この評価書は保存ファイルにありません。"
        "先に作成者の提出用PDFかJSONを取り込んでください")


def import_notes(store: Store, data: NotesFile, *, source: str, aid: int | None = None) -> NotesImport:
    """Merge the notes of ``data`` into its 評価書 (found by its identity, or ``aid``). Nothing is saved
    when the file does not fit: another 評価書, an item the form does not have."""
    if aid is None:
        aid = find_target(store, data.assessment, source)
    else:
        identity = store.identity(aid)
        if identity is not None and identity.version != data.assessment.version:
            raise NotesFileError(f"{source} は評価書 ID {aid} への指摘ではありません（識別子が違います）")
    doc = store.load(aid)
    if doc.form_id != data.assessment.form_id:
        raise NotesFileError(f"{source} の様式（{data.assessment.form_id}）が評価書 ID {aid} の様式と違います")
    form = load_form(doc.form_id)
    for i, note in enumerate(data.notes):
        try:
            form.index[parse_address(note.item).template]
        except (KeyError, ValueError) as exc:
            raise NotesFileError(f"{source} の notes/{i} の項目「{note.item}」はこの様式にありません") from exc
    current = {s.note.id: s for s in store.notes(aid)}
    result = NotesImport(aid)
    changed: list[StoredNote] = []
    for note in data.notes:
        merged, outcome = merge(current.get(note.id), note)
        result.counts[outcome] += 1
        if outcome == "conflict":
            result.conflicts.append(describe(form, note.item))
        reported = data.values.get(note.item)
        if reported is not None and reported != merged.reported:  # what the item says over there now
            merged = StoredNote(merged.note, merged.conflicts, reported)
            if outcome == "unchanged":
                changed.append(merged)
        if outcome != "unchanged":
            current[note.id] = merged
            changed.append(merged)
    if changed:
        store.put_notes(aid, changed)
    if data.process is not None:
        mine = store.review_process(aid)
        fill = type(mine)(comment_period=mine.comment_period or data.process.comment_period,
                          third_party=mine.third_party or data.process.third_party)
        if fill != mine:
            store.set_review_process(aid, fill)
    return result

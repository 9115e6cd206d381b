"""The set check: answers that differ between the 評価書 of one 事務 (forms/mappings/set-shared-items.yaml).

It needs the other 評価書, so it runs where the store is: ``set_findings(store, aid)`` returns
``Finding``s like ``review`` does, on this 評価書's items (a jump goes to the item here):
- ``set:differs`` — a shared item answered differently in another 評価書 of the set;
- ``set:missing`` — answered here, blank in a 評価書 that cannot take it by itself (確定・公表済, or a set
  linked before its answers were shared: 「組の記載をそろえる」 fills it);
- ``set:submitted`` — 基礎 Ⅳ１ does not name the set's 評価書.
All are warnings: which answer is right is for the user to say.
"""

from __future__ import annotations

from datetime import date

from pia_desktop.checks.review import Review
from pia_desktop.domain.document import Document, Value, is_empty
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, load_form
from pia_desktop.domain.set_items import SetTable, norm, set_table
from pia_desktop.domain.validation import Finding, display_value
from pia_desktop.shared.set_sharing import Member, current_set, submitted_fill
from pia_desktop.storage.store import Store

LIMIT = 40  # characters of an answer quoted in a message


def _quote(form_id: str, address: str, value: Value | None) -> str:
    text = display_value(load_form(form_id), address, value) if value is not None else ""
    one = " ".join(str(text).split())
    return one if len(one) <= LIMIT else one[:LIMIT] + "…"


def set_findings(store: Store, aid: int, doc: Document | None = None, table: SetTable | None = None) -> list[Finding]:
    """The set check's findings for assessment ``aid`` (``doc``: its answers as open in the editor)."""
    members = current_set(store, aid)
    me = next((m for m in members if m.id == aid), None)
    if me is None:
        return []
    table = table or set_table()
    doc = doc if doc is not None else store.load(aid)
    form = load_form(me.form_id)
    view = DocView(form, doc)
    out: list[Finding] = []
    for other in members:
        if other.id == aid:
            continue
        for row, here, there in table.rows_for(me.form_id, other.form_id):
            mine, theirs = doc.get(here), store.answer(other.id, there)
            if is_empty(mine):
                continue  # blank here: the form's own check asks for it
            if is_empty(theirs):
                out.append(Finding("warning", "set:missing", here, view.path(here),
                                   f"「{row.name}」は{other.label}では未記入です（この評価書：「{_quote(me.form_id, here, mine)}」）。"
                                   "「組の記載をそろえる」で写せます。"))
            elif norm(mine, row.match) != norm(theirs, row.match):
                out.append(Finding("warning", "set:differs", here, view.path(here),
                                   f"「{row.name}」が{other.label}と異なります（この評価書：「{_quote(me.form_id, here, mine)}」、"
                                   f"{other.short_name}：「{_quote(other.form_id, there, theirs)}」）。同じ事務の評価書では同じ記載にします。"))
    fill = submitted_fill(store, members, table)
    if fill is not None and fill.member.id == aid:
        out.append(_submitted_finding(view, fill.address, str(fill.value), members))
    return out


def _submitted_finding(view: DocView, address: str, wanted: str, members: list[Member]) -> Finding:
    names = "・".join(m.label for m in members)
    current = view.doc.get(address)
    if is_empty(current):
        text = f"この事務の評価書は{names}です。「{wanted}」を選んでください。"
    else:
        text = f"「{current}」となっていますが、この事務の評価書は{names}です（「{wanted}」）。"
    return Finding("warning", "set:submitted", address, view.path(address), text)


def review_in_set(store: Store, aid: int, form: FormDefinition, doc: Document, today: date | None = None) -> Review:
    """``run_review`` plus the set check, in document order: what the 点検 dock shows for an open 評価書."""
    from pia_desktop.checks.review import _in_document_order, run_review

    last = doc.last_review()
    result = run_review(form, doc, today, last_review=last.reviewed_on if last else None)
    try:
        extra = set_findings(store, aid, doc)
    except PiaError as exc:  # a damaged sibling or table must not hide this 評価書's own findings
        extra = [Finding("warning", "set:unreadable", "", "", f"同じ事務の評価書と比べられませんでした：{exc.message}")]
    if not extra:
        return result
    return Review(_in_document_order(form, doc, [*result.findings, *extra]), result.due, result.today)

"""Placing an unplaced fragment by hand (the 取り込み review screen): into an item, appended to
its value or replacing it, or dismissed as not needed. The result's document and report change
together and the assignment is recorded in the report; nothing is saved here (the caller saves
the document when the user accepts the import). No Qt.
"""

from __future__ import annotations

from typing import Literal

from pia_desktop.domain.addresses import parse_address
from pia_desktop.domain.conversion import replace
from pia_desktop.domain.document import value_text
from pia_desktop.domain.form_definition import ItemType, load_form
from pia_desktop.importers.report import Assignment, ImportResult
from pia_desktop.importers.source import ImportFailure
from pia_desktop.importers.values import parse_value

Mode = Literal["append", "replace"]
BY_HAND = "手作業で割り当てました"


def targets(result: ImportResult) -> list[tuple[str, str]]:
    """(address, printed path) of every item a fragment can go to, in document order."""
    return [(e.address, e.path) for e in result.report.entries if e.status != "fixed"]


def can_append(result: ImportResult, address: str) -> bool:
    item = load_form(result.document.form_id).index[parse_address(address).template]
    return item.type in (ItemType.TEXT, ItemType.TEXTAREA)


def assign(result: ImportResult, index: int, address: str, mode: Mode = "append") -> str:
    """Put fragment ``index`` into ``address``; the item's new value as text. A text that cannot be
    the item's value (not one of a choice's options, not a date …) raises ImportFailure."""
    report, doc = result.report, result.document
    frag = report.fragments[index]
    item = load_form(doc.form_id).index[parse_address(address).template]
    text = frag.text.strip()
    if item.type in (ItemType.TEXT, ItemType.TEXTAREA):
        old = doc.get(address)
        value = f"{old}\n{text}" if mode == "append" and isinstance(old, str) and old else text
    else:
        parsed = parse_value(item, text if item.type != ItemType.CHOICE or "[" in text else f"[ {text} ]")
        if parsed.value is None or parsed.note:
            raise ImportFailure(f"「{text[:40]}」は「{item.label}」の値として読めません{('（' + parsed.note + '）') if parsed.note else ''}。")
        value = parsed.value
    doc.set(address, value)
    frag.status = "placed"
    frag.addresses = [address]
    frag.by_hand = True
    frag.note = BY_HAND
    shown = value_text(value)
    for i, entry in enumerate(report.entries):
        if entry.address == address:
            report.entries[i] = replace(entry, status="imported", value=shown, source=(entry.source + " " + text).strip(),
                                        where=entry.where or frag.where, note=BY_HAND)
    report.assignments.append(Assignment(index, address, mode, text))
    return shown


def dismiss(result: ImportResult, index: int) -> None:
    """The user says fragment ``index`` is not needed (the form's own text, a stray note)."""
    frag = result.report.fragments[index]
    frag.status = "form"
    frag.kind = "hand"
    frag.by_hand = True
    frag.note = "不要として確認しました"
    result.report.assignments.append(Assignment(index, "", "dismiss", frag.text))

"""The sections that are not label │ content rows: the cover (stamp, title, the 評価書番号 │ 評価書名 table,
boxed items), 別添1 (a list of entries) and 別添2 (a table, one row per entry)."""

from __future__ import annotations

from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.form_definition import Item, ItemType
from pia_desktop.domain.traversal import Slot, file_mark
from pia_desktop.pdf.view_model.cells import NON_PUBLIC, PrintedValues, Text, content_for
from pia_desktop.pdf.view_model.rows import Band, Section, Wide


def cover_slot(section: Section, item: Item, slot: Slot, values: PrintedValues) -> None:
    if item.type == ItemType.FIXED:
        fixed = item.fixed_value if isinstance(item.fixed_value, str) else "\n".join(item.fixed_value or [])
        if not section.stamp:
            section.stamp = fixed
        elif not section.heading:
            section.heading = fixed
        else:
            section.rows += [Band(item.label), Wide(Text(fixed))]
        return
    single_line = item.type in (ItemType.TEXT, ItemType.NUMBER, ItemType.DATE)
    if single_line and not section.rows:
        # the leading one-line items form the 評価書番号 │ 評価書名 table
        section.head = (*section.head, (item.label, values.text(slot.address)))
        return
    content = content_for(item, slot.address, values)
    if isinstance(content, Text) and item.type == ItemType.TEXTAREA:
        content = Text(content.text, min_lines=3)
    section.rows += [Band(item.label, address=slot.address), Wide(content, slot.address)]


def table_slot(section: Section, item: Item, slot: Slot, values: PrintedValues) -> None:
    if item.type == ItemType.GROUP:
        section.table_rows.append(())
        return
    if item.type == ItemType.HEADING:
        return
    text = values.text(slot.address) if item.type != ItemType.CHECKS else _checks_inline(values, slot.address)
    if not section.table_rows:
        section.table_rows.append(())
    section.table_rows[-1] = (*section.table_rows[-1], text)


def _checks_inline(values: PrintedValues, address: str) -> str:
    if values.is_hidden(address):
        return NON_PUBLIC
    value = values.get(address)
    return "、".join(value.checked) if isinstance(value, CheckValue) else ""


def list_slot(section: Section, item: Item, slot: Slot, values: PrintedValues, doc: Document) -> None:
    if item.type in (ItemType.GROUP, ItemType.HEADING):
        return
    text = values.text(slot.address)
    if item.type == ItemType.TEXTAREA:
        section.rows.append(Wide(Text(text), slot.address))
        return
    parent = slot.item.id.rsplit(".", 1)[0]
    is_file_heading = "[]" not in item.id and parent == item.id.split(".")[0]
    if is_file_heading and not text and doc.file_count > 1 and slot.file is not None:
        text = file_mark(slot.file)  # several files: each gets at least its number
    if text:
        section.rows.append(Band(text, kind="slot" if is_file_heading else "risk", address=slot.address))

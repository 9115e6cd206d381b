"""Repeating entries and optional blocks filled in part: an empty entry (システム, 委託事項, 提供先 …), one that
lacks its name or most of what it requires, and Ⅴ２・Ⅴ３ (任意の手続) begun and not finished.
"""

from __future__ import annotations

from collections.abc import Iterator

from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.registry import rule
from pia_desktop.domain.addresses import format_address, parse_address
from pia_desktop.domain.conditions import active_effects
from pia_desktop.domain.document import is_empty
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.form_definition import Item, ItemType

# (group template, identifying child relative to the entry: None = the titled header itself)
_ENTRY_GROUPS: tuple[tuple[str, str | None], ...] = (
    ("I.2.system[]", ".1"),
    ("II.4.itaku[]", None),
    ("II.5.teikyo[]", None),
    ("II.5.iten[]", None),
    ("annex1.group[]", ".items"),
    ("annex2.row[]", ".komoku"),
)


def _value_items(item: Item) -> Iterator[Item]:
    for child in item.children:
        if child.type == ItemType.GROUP:
            continue
        if child.has_value and child.type != ItemType.CHECKBOX:
            yield child
        yield from _value_items(child)


def _required_items(v: DocView, group_item: Item, entry: str, file: int | None, n: int) -> list[str]:
    out = []
    candidates = ([group_item] if group_item.repeat and group_item.repeat.titled else []) + list(_value_items(group_item))
    for item in candidates:
        address = entry if item is group_item else format_address(item.id, file, (n,))
        effects = active_effects(v.form, v.doc, address)
        if any(e.condition.effect == "not_applicable" for e in effects):
            continue
        if item.required or any(e.condition.effect == "required" for e in effects):
            out.append(address)
    return out


@rule("entry-empty", "entry-partial")
def entries_filled(v: DocView, emit: Emitter) -> None:
    for template, ident in _ENTRY_GROUPS:
        group_item = v.form.index.get(template)
        if group_item is None:
            continue  # a form without this group (基礎項目評価書)
        per_file = v.form.section_of(template).per_file
        for file in (list(v.files()) if per_file else [None]):
            group = format_address(template[:-2], file)
            for n in v.entries(group):
                entry = f"{group}[{n}]"
                if any(e.condition.effect == "not_applicable" for e in active_effects(v.form, v.doc, entry)):
                    continue
                if not v.has_content(entry):
                    emit("entry-empty", entry, entry=v.name(entry))
                    continue
                required = _required_items(v, group_item, entry, file, n)
                missing = [a for a in required if is_empty(v.doc.get(a))]
                ident_a = entry if ident is None else entry + ident
                if missing and (ident_a in missing or len(missing) * 2 > len(required)):
                    labels = "、".join(_label_in_entry(v, a, entry) for a in missing)
                    emit("entry-partial", entry, entry=v.name(entry), missing=labels)


def _label_in_entry(v: DocView, address: str, entry: str) -> str:
    if address == entry:
        return "名称"
    return v.form.index[parse_address(address).template].label


# -- Ⅴ２・Ⅴ３ 任意の手続 -----------------------------------------------------------------------------------------


@rule("optional-partial")
def optional_blocks(v: DocView, emit: Emitter) -> None:
    for block in ("V.2", "V.3"):
        items = [c.id for c in v.form.index[block].children if c.has_value]
        filled = [a for a in items if not is_empty(v.doc.get(a))]
        if filled and len(filled) < len(items):
            missing = [a for a in items if a not in filled]
            emit("optional-partial", missing[0], block=v.name(block), missing="、".join(v.form.index[a].label for a in missing))

"""How each item of the form prints (a band, a spanning label, a check box on its heading's band …) and how
each section prints, derived from the item tree and cached per form; the package docstring lists the rules."""

from __future__ import annotations

import re

from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.pdf.view_model.rows import SectionKind

TEMPLATE_PARENS = re.compile(r"（[ 　]*）")  # the "（ ）" of a number printed inside the choice before it


def _children(form: FormDefinition, item_id: str) -> list[Item]:
    return form.index[item_id].children


def _is_value_row(item: Item) -> bool:
    return (item.has_value and item.type != ItemType.CHECKBOX) or item.type == ItemType.FIXED


_STYLES: dict[int, dict[str, str]] = {}


def row_styles(form: FormDefinition) -> dict[str, str]:
    """Row style per template id (section kinds, heading styles …); see the package docstring."""
    cached = _STYLES.get(id(form))
    if cached is None:
        cached = _STYLES[id(form)] = _compute_styles(form)
    return cached


def _compute_styles(form: FormDefinition) -> dict[str, str]:
    styles: dict[str, str] = {}
    for section in form.items:
        styles[section.id] = section_kind(form, section)
    for item_id, item in form.index.items():
        parent_id = form.parents[item_id]
        if parent_id is None:
            continue
        siblings = _children(form, parent_id)
        before = siblings[: siblings.index(item)]
        depth = len(form.ancestors(item_id)) - 1
        if item.type == ItemType.HEADING:
            if depth == 1:
                styles[item_id] = "band"
            elif any(_is_value_row(s) for s in before):
                styles[item_id] = "span"
            else:
                styles[item_id] = "risk"
        elif item.type == ItemType.CHECKBOX:
            styles[item_id] = "box"
        elif item.type == ItemType.NUMBER and TEMPLATE_PARENS.search(item.label) and before and before[-1].type == ItemType.CHOICE:
            styles[item_id] = "suffix"
        elif item.type != ItemType.GROUP:
            if depth == 1:
                styles[item_id] = "banded"
            elif any(s.type == ItemType.HEADING and styles.get(s.id) == "risk" for s in before):
                styles[item_id] = "captioned"
            else:
                styles[item_id] = "field"
    return styles


def section_kind(form: FormDefinition, section: Item) -> SectionKind:
    """How a section prints: the cover, 項目一覧, label│content tables, a list (別添1), a table (別添2)."""
    if section.type == ItemType.FIXED:
        return "toc"
    kids = section.children
    if any(k.type == ItemType.FIXED and k.fixed_value == form.stamp for k in kids):
        return "cover"
    unlisted = [k for k in kids if k.type == ItemType.GROUP and k.repeat is not None and not k.repeat.print_groups]
    if unlisted and len(kids) == 1 and all(not c.children for c in kids[0].children):
        return "table"
    if unlisted:
        return "list"
    return "body"

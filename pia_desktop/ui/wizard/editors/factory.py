"""The editor for an item, picked by the item's type."""

from __future__ import annotations

from pia_desktop.domain.form_definition import Item, ItemType
from pia_desktop.ui.wizard.editors.base import ItemEditor, Suggestion
from pia_desktop.ui.wizard.editors.check_boxes import CheckboxEditor, ChecksEditor
from pia_desktop.ui.wizard.editors.choice import ChoiceEditor
from pia_desktop.ui.wizard.editors.number_and_date import DateEditor, NumberEditor
from pia_desktop.ui.wizard.editors.text import LineEditor, TextAreaEditor


def make_editor(item: Item, *, title: bool = False, suggestions: dict[str, Suggestion] | None = None) -> ItemEditor:
    """The editor for an item (``title``: the value carried by a titled entry header)."""
    if title:
        return LineEditor(item)
    t = item.type
    if t == ItemType.TEXT:
        return LineEditor(item)
    if t == ItemType.NUMBER:
        return NumberEditor(item, suggestion=(suggestions or {}).get(""))
    if t == ItemType.DATE:
        return DateEditor(item)
    if t == ItemType.TEXTAREA:
        return TextAreaEditor(item)
    if t == ItemType.CHOICE:
        return ChoiceEditor(item)
    if t == ItemType.CHECKS:
        return ChecksEditor(item, suggestions=suggestions)
    if t == ItemType.CHECKBOX:
        return CheckboxEditor(item)
    raise ValueError(f"{item.id}: no editor for {t}")

"""Open real 評価書 (the seed fixtures) and a document with every item filled, and find every value
displayed in the widget of its own item — checked through the widgets' own state, not the model."""

from __future__ import annotations

import pytest

from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import available_forms, load_form
from pia_desktop.domain.traversal import walk
from pia_desktop.storage.store import Store
from pia_desktop.ui.wizard.editors.base import ItemEditor
from pia_desktop.ui.wizard.editors.check_boxes import CheckboxEditor, ChecksEditor
from pia_desktop.ui.wizard.editors.choice import ChoiceEditor
from pia_desktop.ui.wizard.editors.text import LineEditor, TextAreaEditor
from pia_desktop.ui.wizard.rows import ItemRow
from tests.conftest import fixture_path
from tests.ui.conftest import seed_003_document
from tests.ui.docfactory import full_document


def shown(editor: ItemEditor):  # type: ignore[no-untyped-def]
    """What the widgets show, read from the widgets themselves."""
    if isinstance(editor, ChoiceEditor):
        checked = [text for text, b in editor.buttons.items() if b.isChecked()]
        return checked[0] if checked else None
    if isinstance(editor, ChecksEditor):
        checked = [text for text, b in editor.boxes.items() if b.isChecked()]
        details = {t: e.text() for t, e in editor.details.items() if t in checked and e.text()}
        return CheckValue(checked=checked, details=details) if checked or details else None
    if isinstance(editor, CheckboxEditor):
        return True if editor.box.isChecked() else None
    if isinstance(editor, TextAreaEditor):
        return editor.edit.toPlainText() or None
    assert isinstance(editor, LineEditor)
    return editor.edit.text() or None


def documents() -> dict[str, Document]:
    form = load_form()
    docs = {"seed-003": seed_003_document()}
    for name in ("seed-000", "seed-001"):
        if fixture_path(name).exists():
            docs[name] = read_document(fixture_path(name))
    docs["every-item-two-files"] = full_document(form, file_count=2)
    for form_id in available_forms():  # the wizard of every form, from its definition alone
        if form_id != form.form_id:
            docs[f"every-item-{form_id}"] = full_document(load_form(form_id))
    return docs


DOCS = documents()


@pytest.mark.parametrize("name", list(DOCS))
def test_every_value_is_displayed_in_its_own_widget(name: str, make_window, store_path) -> None:
    doc = DOCS[name]
    with Store(store_path) as store:
        aid = store.add_document(doc)
        doc = store.load(aid)
    window = make_window()
    wizard = window.open_assessment(aid)
    assert wizard is not None
    form = load_form(doc.form_id)
    checked = 0
    for slot in walk(form, doc):
        if not slot.item.has_value:
            continue
        widget = wizard.widget_for(slot.address)
        assert isinstance(widget, ItemRow) and widget.address == slot.address, slot.address
        value = doc.get(slot.address)
        display = shown(widget.editor)
        if value is None or value is False:
            assert display is None, f"{slot.path_text}: shows {display!r} but has no value"
            continue
        if isinstance(widget.editor, ChoiceEditor):
            option = slot.item.option(str(value))
            assert option is not None
            # the official text, numbered as printed (long ones broken into lines)
            assert widget.editor.buttons[option.text].text().replace("\n", "") == option.printed
        assert display == value, slot.path_text
        checked += 1
    assert checked == len([v for v in doc.values.values() if v is not False])
    assert checked > 50


def test_seed_003_lists_match_the_fixture(make_window, store_path) -> None:
    doc = seed_003_document()
    with Store(store_path) as store:
        aid = store.add_document(doc)
    wizard = make_window().open_assessment(aid)
    assert wizard is not None
    wizard.show_section("annex2")
    group = wizard.current_page().groups["annex2.row"]
    assert len(group.entries) == doc.count("annex2.row")
    # Long lists open only their newest entries; the closed ones show their answers on one line.
    closed = [e for e in group.entries if not e.expanded]
    assert closed and closed[0].summary is not None
    first_date = str(doc.get("annex2.row[1].henko_bi"))
    assert closed[0].summary.text_full().startswith(first_date)
    wizard.show_section("I")
    systems = wizard.current_page().groups["I.2.system"]
    assert [e.name for e in systems.entries] == [f"システム{n}" for n in range(1, doc.count("I.2.system") + 1)]

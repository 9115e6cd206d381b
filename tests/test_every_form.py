"""Every form in forms/ works end to end from its definition alone: a document with every item filled
with generated text validates, prints every value in the official layout in document order, and comes
back through JSON → PDF → import (attachment and printed labels) as the same document; the CLI's
check, dump, export-pdf, import and changes work on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pia_desktop.changes.rollforward import rolled_forward
from pia_desktop.checks.review import review
from pia_desktop.cli.main import main
from pia_desktop.domain.document import Document, value_text
from pia_desktop.domain.exchange import document_to_data, read_document, write_document
from pia_desktop.domain.form_definition import ItemType, available_forms, load_form
from pia_desktop.domain.traversal import walk
from pia_desktop.domain.validation import validate
from pia_desktop.importers.api import import_file
from pia_desktop.importers.folding import fold
from pia_desktop.pdf.exporter import export_pdf, export_pdf_bytes
from tests.pdf.pdftext import body_text, filled_needles, missing_in_order, repeated_headers
from tests.pdfread import page_texts
from tests.ui.docfactory import full_document

FORMS = sorted(available_forms())


def _full(form_id: str) -> Document:
    form = load_form(form_id)
    per_file = any(s.per_file for s in form.items)
    return full_document(form, file_count=2 if per_file else 1)


def test_the_three_forms_are_there() -> None:
    kinds = {load_form(f).roles.kind for f in FORMS}
    assert kinds == {"kiso", "juten", "zen"}


@pytest.mark.parametrize("form_id", FORMS)
def test_generated_document_fills_every_item_and_validates(form_id: str) -> None:
    form = load_form(form_id)
    doc = _full(form_id)
    answerable = {s.item.id for s in walk(form, doc) if s.item.has_value}
    filled = {s.item.id for s in walk(form, doc) if doc.get(s.address) is not None}
    # every answerable item of the form is filled (check boxes are left unticked on purpose)
    unfilled = {i for i in answerable - filled if form.index[i].type != ItemType.CHECKBOX}
    assert unfilled == set()
    errors = [f for f in validate(form, doc) if f.severity == "error"]
    assert errors == []
    # the reviewer's rules run on every form and name only items of that form
    for finding in review(form, doc):
        assert finding.address == "" or finding.path, finding


@pytest.mark.parametrize("form_id", FORMS)
def test_pdf_prints_every_generated_value_in_document_order(form_id: str) -> None:
    form = load_form(form_id)
    doc = _full(form_id)
    needles = filled_needles(form, doc, by_line=True)
    assert len(needles) > 40
    pdf = export_pdf_bytes(doc, form)
    text = body_text(page_texts(pdf), repeated_headers(form))
    assert missing_in_order(text, needles) == []
    assert fold(form.stamp) in fold(text[:200])


@pytest.mark.parametrize("form_id", FORMS)
def test_json_pdf_import_gives_the_same_document(form_id: str, tmp_path: Path) -> None:
    doc = _full(form_id)
    src = tmp_path / "doc.json"
    write_document(doc, src)
    pdf = tmp_path / "doc.pdf"
    export_pdf(read_document(src), pdf)
    back = import_file(pdf).document
    assert document_to_data(back) == document_to_data(read_document(src))


@pytest.mark.parametrize("form_id", FORMS)
def test_printed_labels_alone_recover_the_document(form_id: str, tmp_path: Path) -> None:
    """Without the attachment (a 無害化 gateway strips it) the importer finds the form by its title and
    reads the values back by the printed labels."""
    doc = _full(form_id)
    pdf = tmp_path / "stripped.pdf"
    export_pdf(doc, pdf, embed_document=False)
    result = import_file(pdf)
    back = result.document
    assert back.form_id == form_id
    same = [k for k, v in doc.values.items() if fold(value_text(v)) == fold(value_text(back.values.get(k)))]
    missed = sorted(set(doc.values) - set(same))
    assert len(same) / len(doc.values) >= 0.9, missed[:20]


@pytest.mark.parametrize("form_id", FORMS)
def test_cli_commands_work_on_every_form(form_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = load_form(form_id)
    doc = _full(form_id)
    src = tmp_path / "doc.json"
    write_document(doc, src)
    # generated text is not a consistent 評価書: the reviewer's rules may find errors; the exit status says so
    errors = [f for f in review(form, doc) if f.severity == "error"]
    assert main(["check", str(src), "--json"]) == (1 if errors else 0)
    assert json.loads(capsys.readouterr().out)["errors"] == len(errors)
    assert main(["dump", str(src)]) == 0
    dumped = capsys.readouterr().out
    title = str(doc.get(form.roles.title))
    assert title in dumped
    pdf = tmp_path / "doc.pdf"
    assert main(["export-pdf", str(src), str(pdf)]) == 0
    assert pdf.stat().st_size > 10_000
    out = tmp_path / "back.json"
    assert main(["import", str(pdf), "--out", str(out)]) == 0
    assert read_document(out).values == read_document(src).values
    # changes: a new year's draft with one edited value proposes a row for it
    new = read_document(src)
    new.set(form.roles.title, title + "（改）")
    new_path = tmp_path / "new.json"
    write_document(new, new_path)
    rows = tmp_path / "rows.json"
    capsys.readouterr()
    assert main(["changes", str(src), str(new_path), "--out", str(rows)]) == 0
    proposed = json.loads(rows.read_text(encoding="utf-8"))
    assert any(title + "（改）" in r["after"] for r in proposed)


@pytest.mark.parametrize("form_id", FORMS)
def test_public_pdf_and_page_numbers(form_id: str, tmp_path: Path) -> None:
    """The 公表用 variant prints （非公表） for an item marked so and carries no attachment; pages are numbered."""
    form = load_form(form_id)
    doc = _full(form_id)
    secret = form.roles.org
    doc.non_public = [secret]
    pages = page_texts(export_pdf_bytes(doc, form, public=True))
    text = "".join(pages)
    assert "（非公表）" in text and str(doc.get(secret)) not in text
    numbered = [p for p in pages if p.strip()]
    assert all(f"- {n} -" in page for n, page in enumerate(numbered, 1))
    public_pdf = tmp_path / "public.pdf"
    export_pdf(doc, public_pdf, public=True)
    assert import_file(public_pdf).report.kind != "pdf-embedded"


@pytest.mark.parametrize("form_id", FORMS)
def test_new_year_draft_clears_the_dates_of_each_form(form_id: str) -> None:
    form = load_form(form_id)
    doc = _full(form_id)
    new = rolled_forward(doc)
    cleared = [a for a in (form.roles.published, form.roles.conducted) if a]
    assert cleared and all(doc.get(a) is not None and new.get(a) is None for a in cleared)
    assert {k: v for k, v in new.values.items()} == {k: v for k, v in doc.values.items() if k not in cleared}


@pytest.mark.parametrize("form_id", FORMS)
def test_another_tools_workbook_imports_by_printed_labels(form_id: str, tmp_path: Path) -> None:
    """A workbook holding the printed labels and values (as the 様式 Excel file does) is read back by
    label matching into the right form; the share of values recovered is reported on failure."""
    from tests.foreign_workbook import write_workbook

    doc = _full(form_id)
    result = import_file(write_workbook(load_form(form_id), doc, tmp_path / "other-tool.xlsx"))
    back = result.document
    assert back.form_id == form_id and result.report.kind == "xlsx"
    same = [k for k, v in doc.values.items() if fold(value_text(v)) == fold(value_text(back.values.get(k)))]
    missed = sorted(set(doc.values) - set(same))
    assert len(same) / len(doc.values) >= 0.9, (len(same), len(doc.values), missed[:20])


@pytest.mark.parametrize("form_id", FORMS)
def test_every_item_has_a_path_of_its_own(form_id: str) -> None:
    """Messages, dump, the import report and 変更箇所 name items by their printed path: two items with
    the same path could not be told apart (the form prints some labels twice under one heading)."""
    from pia_desktop.changes.item_text import item_text
    from pia_desktop.domain.validation import describe

    form = load_form(form_id)
    doc = _full(form_id)
    slots = [s for s in walk(form, doc) if s.item.has_value]
    for name, path_of in (("describe", lambda a: describe(form, a)),
                          ("変更箇所", lambda a: item_text(form, a, multi_file=True))):
        seen: dict[str, str] = {}
        clashes = []
        for slot in slots:
            first = seen.setdefault(path_of(slot.address), slot.address)
            if first != slot.address:
                clashes.append((first, slot.address))
        assert len(seen) > 50 and clashes == [], f"{name}: {clashes[:6]}"

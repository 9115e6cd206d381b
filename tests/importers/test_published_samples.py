"""Importing each published-style sample (PDF and xlsx as other tools make them: ours generated from the
fixtures, and the reference samples under ../shared where present) recovers ≥ 95% of the values in its
truth.json into the right items; the assertion message names every miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from pia_desktop.domain.form_definition import load_form
from pia_desktop.domain.validation import validate
from pia_desktop.importers import import_file
from tests.importers.truth import sample_dirs, sample_files, score

SAMPLE_FILES = sample_files(sample_dirs())


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_recovers_95_percent_into_the_right_items(path: Path) -> None:
    form = load_form()
    result = import_file(path)
    total, misses = score(form, result.document, result.report, path.parent / "truth.json")
    rate = (total - len(misses)) / total
    listing = "\n".join(m.line() for m in misses)
    print(f"{path.name}: {total - len(misses)}/{total} = {rate:.1%}\n{listing}")
    assert rate >= 0.95, f"{path.name}: recovered {rate:.1%}; misses:\n{listing}"
    # Every miss with nothing imported must be visible in the report as not imported.
    by_address = {e.address: e for e in result.report.entries}
    for miss in misses:
        entry = by_address.get(miss.address)
        if not miss.got and entry is not None:
            assert entry.status != "imported", miss.line()


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_import_is_a_valid_document_with_its_structure(path: Path) -> None:
    result = import_file(path)
    doc = result.document
    errors = [f.line() for f in validate(load_form(), doc) if f.severity == "error"]
    assert errors == []
    assert doc.count("annex2.row") >= 3  # the whole 別添2 table
    assert doc.count("I.2.system") >= 3  # repeated システム blocks
    assert doc.count("annex1(1).group") >= 1
    assert result.report.source_version  # the 様式 stamp was read
    # the report accounts for every value item of the imported structure
    assert {e.status for e in result.report.entries} <= {"imported", "empty", "not_found", "ambiguous", "fixed"}
    assert result.report.count("imported") == sum(1 for e in result.report.entries if e.status == "imported") > 80


@pytest.mark.parametrize("d", sample_dirs(), ids=lambda d: d.name)
def test_pdf_and_xlsx_of_one_sample_agree(d: Path) -> None:
    """Two different renderings of the same 評価書 give the same answers (whitespace aside)."""
    from pia_desktop.domain.document import value_text
    from pia_desktop.importers.folding import fold

    pdf = import_file(next(d.glob("*.pdf"))).document
    xlsx = import_file(next(d.glob("*.xlsx"))).document
    differing = [k for k in xlsx.values if fold(value_text(xlsx.values[k])) != fold(value_text(pdf.values.get(k)))]
    assert differing == []
    assert pdf.repeat_counts == xlsx.repeat_counts

"""The attachment of our own 提出用 PDF is checked against the printed pages before it is trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import load_form
from pia_desktop.importers import import_file
from pia_desktop.importers.attachment import AttachmentConflict
from tests.conftest import fixture_path
from tests.hostile.corpus import _attach, _real_pages

pytest.importorskip("pia_desktop.pdf.exporter")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from pia_desktop.domain.exchange import dumps_document
    from pia_desktop.pdf.exporter import export_pdf

    out = tmp_path_factory.mktemp("attach")
    doc = read_document(fixture_path("seed-001"))
    form = load_form(doc.form_id)
    paths = {k: out / f"{k}.pdf" for k in ("own", "bare", "forged", "two", "public", "other")}
    export_pdf(doc, paths["own"])
    export_pdf(doc, paths["bare"], embed_document=False)
    forged = doc.copy()
    forged.values[form.roles.title] = "児童手当に関する事務 重点項目評価書"
    forged.values[form.roles.org] = "金沢市長"
    _attach(paths["bare"], paths["forged"], dumps_document(forged))
    two = doc.copy()
    changed = [a for a, v in doc.values.items() if isinstance(v, str) and 5 < len(v) < 30 and a not in (form.roles.title, form.roles.org)][2:4]
    for a in changed:
        two.values[a] = str(two.values[a]) + "（改）"
    _attach(paths["bare"], paths["two"], dumps_document(two))
    marked = doc.copy(non_public=[a for a, v in doc.values.items() if isinstance(v, str) and len(v) > 8][:5])
    public = out / "public-bare.pdf"
    export_pdf(marked, public, public=True)
    _attach(public, paths["public"], dumps_document(marked))
    other = out / "other-bare.pdf"
    _real_pages(other, 2)
    _attach(other, paths["other"], dumps_document(doc))
    paths["changed"] = Path("|".join(changed))
    return paths


def test_an_attachment_that_agrees_with_the_pages_is_imported_as_it_is(pdfs: dict[str, Path]) -> None:
    result = import_file(pdfs["own"])
    assert result.conflict is None and result.report.kind == "pdf-embedded"
    assert result.document == read_document(fixture_path("seed-001"))


@pytest.mark.parametrize("name", ["forged", "two", "other"])
def test_an_attachment_that_differs_is_a_conflict_the_caller_resolves(pdfs: dict[str, Path], name: str) -> None:
    result = import_file(pdfs[name])
    conflict = result.conflict
    assert isinstance(conflict, AttachmentConflict)
    if name == "other":  # pages that are no 評価書 at all: nothing to compare, still not trusted silently
        assert conflict.printed is None and "照合できません" in conflict.reason
    else:
        assert conflict.differences
        assert result.report.kind == "pdf"  # meanwhile: what the pages print
    assert conflict.message() in result.report.notes[0]
    if name == "two":
        assert {d.address for d in conflict.differences} == set(str(pdfs["changed"]).split("|"))
    if name == "forged":
        assert "金沢市長" in conflict.message()
    attached = conflict.choose("attachment")
    assert attached.report.kind == "pdf-embedded" and attached.conflict is None


def test_the_cli_writes_nothing_and_exits_3_until_told_which_to_trust(pdfs: dict[str, Path], tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.json"
    assert main(["import", str(pdfs["forged"]), "--out", str(out), "--add", "--store", str(tmp_path / "s.sqlite3")]) == 3
    err = capsys.readouterr().err
    assert "forged.pdf に添付された評価書データと、印刷された内容が一致しません" in err and "--trust" in err
    assert not out.exists() and not (tmp_path / "s.sqlite3").exists()
    assert main(["import", str(pdfs["forged"]), "--out", str(out), "--trust", "attachment"]) == 0
    assert read_document(out).values[load_form(read_document(fixture_path("seed-001")).form_id).roles.org] == "金沢市長"
    main(["import", str(pdfs["forged"]), "--out", str(out), "--trust", "pages"])
    assert read_document(out).values[load_form(read_document(fixture_path("seed-001")).form_id).roles.org] != "金沢市長"


def test_an_attachment_on_a_public_pdf_is_never_used(pdfs: dict[str, Path]) -> None:
    result = import_file(pdfs["public"])
    assert result.conflict is None and result.report.kind == "pdf"
    assert "公表用" in result.report.notes[0]
    assert "（非公表）" in "".join(v for v in result.document.values.values() if isinstance(v, str))


@pytest.mark.parametrize("seed", ["seed-000", "seed-004"])
def test_no_false_conflict_on_our_own_pdfs(seed: str, tmp_path: Path) -> None:
    """The printed route misses or misplaces a few values of some layouts: those alone are no conflict."""
    from pia_desktop.pdf.exporter import export_pdf

    doc = read_document(fixture_path(seed))
    export_pdf(doc, tmp_path / "own.pdf")
    result = import_file(tmp_path / "own.pdf")
    assert result.conflict is None and result.document == doc

"""Importing says what the copy is: a printed 評価書 with a 公表日 comes in 公表済; our own JSON keeps its
状況; and ``import --add`` does not add a 評価書 the store already holds unless --allow-duplicate."""

from __future__ import annotations

from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.domain.exchange import read_document, write_document
from pia_desktop.importers import import_file
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path
from tests.importers.truth import sample_dirs

SAMPLES = sample_dirs()
needs_samples = pytest.mark.skipif(not SAMPLES, reason="published samples not available")


@needs_samples
def test_the_published_pdf_and_its_xlsx_are_one_published_assessment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = SAMPLES[0]
    xlsx, pdf = next(folder.glob("*.xlsx")), next(folder.glob("*.pdf"))
    result = import_file(xlsx)
    assert result.document.status == "公表済"
    assert any("公表済の評価書" in n for n in result.report.notes)
    store = tmp_path / "s.sqlite3"
    assert main(["import", str(xlsx), "--add", "--allow-unplaced", "--store", str(store)]) == 0
    capsys.readouterr()
    code = main(["import", str(pdf), "--add", "--allow-unplaced", "--store", str(store)])
    err = capsys.readouterr().err
    assert code == 1
    with Store(store, readonly=True) as s:
        [first] = s.list_assessments()
    assert f"同じ内容の評価書が保存ファイルにあります: ID {first.id}「{first.name}」" in err and "公表済" in err
    assert "--allow-duplicate" in err
    assert first.status == "公表済" and first.nendo is not None
    assert main(["import", str(pdf), "--add", "--allow-unplaced", "--allow-duplicate", "--store", str(store)]) == 0
    with Store(store, readonly=True) as s:
        assert len(s.list_assessments()) == 2


@needs_samples
def test_a_printed_draft_without_a_kohyo_bi_is_not_published(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    source = next(SAMPLES[0].glob("*.xlsx"))
    published = import_file(source).document
    kohyo = published.get("cover.kohyo_bi")
    assert published.status == "公表済" and kohyo  # the sample is a published 評価書 …
    book = load_workbook(source)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value == kohyo]
    assert cells  # … whose 公表日 is printed in a cell: a draft printed before publication has it blank
    for cell in cells:
        cell.value = None
    path = tmp_path / "draft.xlsx"
    book.save(path)
    result = import_file(path)
    assert result.document.status == "作成中"
    assert not any("公表済" in n for n in result.report.notes)


def test_own_json_keeps_its_status(tmp_path: Path) -> None:
    doc = read_document(fixture_path("seed-003"))
    doc.status = "確認中"
    path = tmp_path / "draft.json"
    write_document(doc, path)
    assert import_file(path).document.status == "確認中"
    doc.status = "公表済"
    write_document(doc, path)
    assert read_document(path).status == "公表済"  # the exchange format carries it
    assert import_file(path).document.status == "公表済"


def test_store_copy_with_the_same_answers_is_refused_by_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "colleague.sqlite3", tmp_path / "mine.sqlite3"
    with Store(source) as s:
        sid = s.add_document(read_document(fixture_path("seed-001")))
    with Store(target) as t:
        t.add_document(read_document(fixture_path("seed-001")))
    assert main(["import", str(source), "--id", str(sid), "--add", "--store", str(target)]) == 1
    assert "同じ内容の評価書" in capsys.readouterr().err
    with Store(target, readonly=True) as t:
        assert len(t.list_assessments()) == 1

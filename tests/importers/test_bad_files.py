"""Damaged, encrypted, empty and non-評価書 files: a clear Japanese message naming the file, and
nothing written (no output file, the store unchanged)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.importers import ImportFailure, import_file
from pia_desktop.importers.xlsx_reader import OLE_MAGIC
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path


def _pdf_with_text(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("HeiseiKakuGo-W5", 11)
    for i, line in enumerate(lines):
        c.drawString(60, 780 - i * 18, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_with_text(["特定個人情報保護評価書"]))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _xlsx(rows: list[list[str]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


BAD_FILES: dict[str, tuple[str, bytes | None]] = {
    "empty.pdf": ("空のファイル", b""),
    "damaged.pdf": ("壊れている", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n"),
    "encrypted.pdf": ("パスワード", None),
    "invoice.pdf": ("評価書）として読み取れません", None),
    "damaged.xlsx": ("壊れている", b"PK\x03\x04" + b"\x00" * 200),
    "encrypted.xlsx": ("パスワード", OLE_MAGIC + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100),
    "old.xls": ("古い Excel 形式", OLE_MAGIC + b"\x00" * 512),
    "budget.xlsx": ("評価書）として読み取れません", None),
    "notes.json": ("JSONとして読めません", b"{ this is not json"),
    "other.json": ("PIA Desktop の評価書ファイルではありません", b'{"format": "something-else", "values": {}}'),
    "image.png": ("取り込める形式ではありません", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    "broken.sqlite3": ("broken.sqlite3", b"SQLite format 3\x00" + b"\x00" * 300),
}


def _make(tmp_path: Path, name: str) -> Path:
    _, data = BAD_FILES[name]
    if data is None:
        data = {
            "encrypted.pdf": _encrypted_pdf,
            "invoice.pdf": lambda: _pdf_with_text(["請求書", "品名 数量 単価", "コピー用紙 10 500", "合計 5,000円"]),
            "budget.xlsx": lambda: _xlsx([["予算", "金額"], ["消耗品費", "12000"], ["旅費", "3000"]]),
        }[name]()
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_a_clear_message_naming_the_file(tmp_path: Path, name: str) -> None:
    path = _make(tmp_path, name)
    with pytest.raises(ImportFailure) as info:
        if name.endswith(".sqlite3"):
            from pia_desktop.importers.api import StoreSource

            StoreSource(path)
        else:
            import_file(path)
    message = info.value.message
    assert path.name in message
    assert BAD_FILES[name][0] in message
    assert "Traceback" not in message


@pytest.mark.parametrize("name", ["empty.pdf", "damaged.pdf", "encrypted.pdf", "invoice.pdf", "damaged.xlsx", "budget.xlsx", "encrypted.xlsx"])
def test_cli_import_of_a_bad_file_writes_nothing(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = _make(tmp_path, name)
    store_path = tmp_path / "store.sqlite3"
    from pia_desktop.domain.exchange import read_document

    with Store(store_path) as store:
        store.add_document(read_document(fixture_path("seed-003")))
        before = [(s.id, s.updated_at) for s in store.list_assessments()]
    out, report = tmp_path / "out.json", tmp_path / "report.json"
    code = main(["import", str(path), "--out", str(out), "--report", str(report), "--add", "--store", str(store_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert path.name in err and "エラー" in err
    assert not out.exists() and not report.exists()
    with Store(store_path, readonly=True) as store:
        assert [(s.id, s.updated_at) for s in store.list_assessments()] == before


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    path.write_bytes(buf.getvalue())
    with pytest.raises(ImportFailure, match=r"archive\.xlsx は Excel ブック"):
        import_file(path)


def test_huge_pdf_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pia_desktop.importers import pdf_reader

    path = tmp_path / "huge.pdf"
    path.write_bytes(_pdf_with_text(["特定個人情報保護評価書"]))
    monkeypatch.setattr(pdf_reader, "MAX_PDF_BYTES", 100)
    with pytest.raises(ImportFailure, match=r"huge\.pdf は大きすぎます"):
        import_file(path)


def test_time_budget_stops_a_slow_pdf(tmp_path: Path) -> None:
    from pia_desktop.importers.pdf_reader import read_pdf

    path = tmp_path / "slow.pdf"
    path.write_bytes(_pdf_with_text(["特定個人情報保護評価書"]))
    with pytest.raises(ImportFailure, match="時間がかかりすぎる"):
        read_pdf(path, time_budget=-1)

"""PDF export of characters beyond the fonts' basics: the text layer says what was typed, the glyphs are right,
the export names what it cannot print, and a re-imported 公表用 PDF gives every character back."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox, QWidget
from reportlab.pdfbase.ttfonts import makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas

from pia_desktop.cli.main import main
from pia_desktop.domain.exchange import read_document, write_document
from pia_desktop.pdf.exporter import export_pdf_bytes
from pia_desktop.pdf.fonts import MINCHO, register_fonts
from pia_desktop.pdf.glyphs import printed_text
from pia_desktop.pdf.text_layer import to_unicode_cmap
from pia_desktop.ui.output.export import ExportJob
from tests.checks.unprintable_doc import KUZU_LISTED, KUZU_UNLISTED, REPORTED, VALUES, unprintable_doc


@pytest.fixture(scope="module")
def public_pdf() -> bytes:
    return export_pdf_bytes(unprintable_doc(), public=True)


def _texts(pdf: bytes) -> dict[str, str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        plumber = "".join(p.extract_text() or "" for p in doc.pages)
    document = pypdfium2.PdfDocument(pdf)
    pdfium = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    return {
        "pypdf": "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages),
        "pdfplumber": plumber,
        "pypdfium2": pdfium,
    }


def test_the_text_layer_is_what_was_typed(public_pdf: bytes) -> None:
    for reader, text in _texts(public_pdf).items():
        for typed in VALUES.values():
            assert typed.split("電話")[0] in text, (reader, typed)


def test_a_re_imported_public_pdf_gives_every_character_back(public_pdf: bytes, tmp_path: Path) -> None:
    src = tmp_path / "公表用.pdf"
    src.write_bytes(public_pdf)
    out = tmp_path / "back.json"
    main(["import", str(src), "--out", str(out)])
    back = read_document(out)
    for address, typed in VALUES.items():
        assert back.get(address) == typed, address


def _draw(text: str) -> bytes:
    """``text`` drawn in BIZ UD明朝 on a small page, as the export draws a line."""
    register_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(200, 60), invariant=1)
    canvas.setFont(MINCHO, 40)
    canvas.drawString(10, 15, printed_text(text))
    canvas.save()
    return buf.getvalue()


def _pixels(pdf: bytes) -> bytes:
    return pypdfium2.PdfDocument(pdf)[0].render(scale=2).to_pil().convert("L").tobytes()


def test_variation_sequences_print_in_the_fonts_glyph() -> None:
    plain, variant, default, unlisted = (_pixels(_draw(t)) for t in ("葛", KUZU_LISTED, "葛\U000e0101", KUZU_UNLISTED))
    assert variant != plain  # 葛󠄀: the font's own glyph for the sequence
    assert default == plain and unlisted == plain  # the default glyph; an unlisted selector is not drawn as a box
    box = _pixels(_draw("𠮷"))
    assert box != _pixels(_draw("")) and box == _pixels(_draw("😀"))  # both the .notdef box
    for text in (KUZU_LISTED, KUZU_UNLISTED, "𠮷😀", "株式会社𩸽"):
        assert PdfReader(io.BytesIO(_draw(text))).pages[0].extract_text().strip() == text


def test_plain_text_is_drawn_unchanged() -> None:
    text = "児童手当に関する事務　①（ＡＢＣ）\t"
    assert printed_text(text) is text


def test_cmap_is_reportlabs_for_the_bmp() -> None:
    rng = random.Random(20)
    for _ in range(50):
        subset = [0, *rng.sample(range(0x20, 0xD800), rng.randint(1, 255))]
        assert to_unicode_cmap("AAAAAA+Font", subset) == makeToUnicodeCMap("AAAAAA+Font", subset)
    assert "<01> <D867DE3D>" in to_unicode_cmap("AAAAAA+Font", [0, 0x29E3D])


def test_cli_export_names_what_it_cannot_print(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "odd.json"
    write_document(unprintable_doc(), src)
    assert main(["export-pdf", str(src), str(tmp_path / "out.pdf")]) == 0
    err = capsys.readouterr().err
    notes = [line for line in err.splitlines() if line.startswith("注意: ")]
    assert len(notes) == len(REPORTED)
    for _rule, chars in REPORTED.values():
        assert any(chars in line for line in notes), chars
    assert "注意: Ⅰ　基本情報 › １．特定個人情報ファイルを取り扱う事務 › ①事務の名称: PDFのフォント" in err
    assert "𩸽" not in err and KUZU_LISTED not in err


class _Dialogs:
    def __init__(self, save_to: Path) -> None:
        self.save_to = save_to
        self.asked: list[tuple[str, Any]] = []

    def ask_save_path(self, parent: Any, suggested: Path) -> Path | None:
        self.asked.append(("save", suggested))
        return self.save_to

    def ask_open_folder(self, parent: Any, path: Path, note: str = "") -> bool:
        self.asked.append(("open_folder", path))
        return False

    def error(self, parent: Any, title: str, text: str) -> None:
        self.asked.append(("error", text))

    def warn(self, parent: Any, title: str, text: str) -> None:
        self.asked.append(("warn", text))


def test_gui_export_warns_before_offering_the_folder(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    for name in ("warning", "critical", "information", "exec"):
        monkeypatch.setattr(QMessageBox, name, lambda *_a, **_k: pytest.fail("a real modal dialog"))
    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs = _Dialogs(tmp_path / "out.pdf")
    job = ExportJob(parent, unprintable_doc(), dialogs=dialogs, show_progress=False)  # type: ignore[arg-type]
    with qtbot.waitSignal(job.finished, timeout=60_000):
        job.start()
    assert [k for k, _ in dialogs.asked] == ["save", "warn", "open_folder"]
    warning = dialogs.asked[1][1]
    assert "印字できない文字" in warning and "Ⅰ　基本情報 › １．特定個人情報ファイルを取り扱う事務 › ①事務の名称" in warning
    assert all(chars in warning for _rule, chars in REPORTED.values())


def test_preview_counts_the_items_and_warns_on_save(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from pia_desktop.ui.output.preview import PdfPreviewDialog

    for name in ("warning", "critical", "information", "exec"):
        monkeypatch.setattr(QMessageBox, name, lambda *_a, **_k: pytest.fail("a real modal dialog"))
    dialogs = _Dialogs(tmp_path / "saved.pdf")
    dlg = PdfPreviewDialog(unprintable_doc(), dialogs=dialogs, prefer_qtpdf=False, start_dir=tmp_path)  # type: ignore[arg-type]
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.save_button.isEnabled(), timeout=60_000)
    assert dlg.status.text().endswith(f"印字できない文字があります（{len(REPORTED)} 項目）")
    assert "「𠮷」（U+20BB7）" in dlg.status.toolTip()
    assert dlg.save() == tmp_path / "saved.pdf"
    assert [k for k, _ in dialogs.asked] == ["save", "warn", "open_folder"]
    dlg.close()

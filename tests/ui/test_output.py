"""出力 as the clerk meets it: the preview zooms, pages and prints (for 決裁); JSON で保存 in the menu;
what each variant holds is said; the folder of the last file is offered again."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from pia_desktop.domain.exchange import read_document
from pia_desktop.ui.output import printing as pdf_print
from pia_desktop.ui.output.export import export_json, install_export_actions
from pia_desktop.ui.output.export_dialogs import PUBLIC_NONE_NOTE, export_note
from pia_desktop.ui.output.preview import PdfPreviewDialog
from pia_desktop.ui.shell.settings import Settings
from tests.conftest import fixture_path


class Scripted:
    """The export's questions, answered in advance."""

    def __init__(self, save_to: Path | None) -> None:
        self.save_to = save_to
        self.asked: list[tuple[str, Any]] = []

    def ask_save_path(self, parent: Any, suggested: Path) -> Path | None:
        self.asked.append(("save", suggested))
        return self.save_to

    def ask_open_folder(self, parent: Any, path: Path, note: str = "") -> bool:
        self.asked.append(("open_folder", note))
        return False

    def error(self, parent: Any, title: str, text: str) -> None:
        self.asked.append(("error", text))


@pytest.fixture
def doc():  # type: ignore[no-untyped-def]
    return read_document(fixture_path("seed-003"))


def _preview(qtbot, doc, dialogs, **kw):  # type: ignore[no-untyped-def]
    dlg = PdfPreviewDialog(doc, dialogs=dialogs, prefer_qtpdf=False, **kw)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.print_button.isEnabled(), timeout=60_000)
    return dlg


def test_preview_prints_what_it_shows(app, qtbot, doc, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []

    def fake_dialog(parent: Any, printer: QPrinter) -> bool:  # the clerk picks a printer and presses 印刷
        asked.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(pdf_print, "ask_print", fake_dialog)
    dlg = _preview(qtbot, doc, Scripted(None))
    count = dlg.pages.page_count()
    assert dlg.print_button.text().startswith("印刷") and dlg.print_button.isVisible()
    assert dlg.print_document() == count
    assert asked and asked[0].pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    assert len(PdfReader(out).pages) == count == len(PdfReader(io.BytesIO(dlg.pdf)).pages)
    assert f"{count} ページを印刷しました" in dlg.status.text()

    monkeypatch.setattr(pdf_print, "ask_print", lambda _p, _printer: False)  # cancelled: nothing printed
    out.unlink()
    assert dlg.print_document() == 0 and not out.exists()
    dlg.reject()


def test_print_range_chosen_in_the_dialog(app) -> None:  # type: ignore[no-untyped-def]
    printer = pdf_print.new_printer(10)
    assert pdf_print.pages_to_print(printer, 10) == list(range(10))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(3, 4)
    assert pdf_print.pages_to_print(printer, 10) == [2, 3]


def test_preview_zooms_and_moves_page_by_page(app, qtbot, doc) -> None:  # type: ignore[no-untyped-def]
    dlg = _preview(qtbot, doc, Scripted(None))
    count = dlg.pages.page_count()
    assert dlg.page_box.suffix() == f" / {count} ページ"
    width = dlg.pages.labels[0].pixmap().width()
    with qtbot.waitSignal(dlg.ready, timeout=60_000):
        dlg.zoom_in.click()  # 100 % → 125 %
    assert dlg.zoom_box.currentText() == "125%"
    assert dlg.pages.labels[0].pixmap().width() == pytest.approx(width * 1.25, rel=0.02)
    with qtbot.waitSignal(dlg.ready, timeout=60_000):
        dlg.zoom_box.setCurrentText("幅に合わせる")
    viewport = dlg.pages.scroll.viewport().width()
    assert viewport * 0.85 <= dlg.pages.labels[0].pixmap().width() <= viewport
    dlg.next_page.click()
    dlg.next_page.click()
    QApplication.processEvents()
    assert dlg.page_box.value() == 3 and dlg.pages.current_page() == 2
    dlg.prev_page.click()
    QApplication.processEvents()
    assert dlg.page_box.value() == 2 and dlg.pages.current_page() == 1
    bar = dlg.pages.scroll.verticalScrollBar()
    bar.setValue(dlg.pages.labels[5].y())  # scrolling the pages moves the page number along
    QApplication.processEvents()
    assert dlg.page_box.value() == 6
    dlg.reject()


def test_each_variant_says_what_it_holds(app, qtbot, doc) -> None:  # type: ignore[no-untyped-def]
    doc.non_public = []
    assert "非公表とした記載を含むすべての記載" in export_note(doc, False) and "添付" in export_note(doc, False)
    assert export_note(doc, True) == PUBLIC_NONE_NOTE  # nothing 非公表: said so
    address = next(a for a in ("IV.2.1", "I.1.1") if doc.get(a) is not None)
    doc.non_public = [address]
    assert "非公表とした 1 項目" in export_note(doc, True) and "添付していません" in export_note(doc, True)
    dlg = _preview(qtbot, doc, Scripted(None))
    assert "評価書データ（すべての回答）を添付" in dlg.note.text()
    with qtbot.waitSignal(dlg.ready, timeout=60_000):
        dlg.variant.setCurrentIndex(1)
    assert "非公表とした 1 項目" in dlg.note.text()
    dlg.reject()


def test_json_export_in_the_output_menu(app, qtbot, doc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    dialogs = Scripted(tmp_path / "評価書.json")
    actions = install_export_actions(menu, parent, lambda: doc, dialogs=dialogs)  # type: ignore[arg-type]
    json_action = next(a for a in actions if a.text().startswith("JSON で保存"))
    assert "非公表の記載を含む" in json_action.statusTip()
    json_action.trigger()
    assert read_document(tmp_path / "評価書.json") == doc
    assert dialogs.asked[0][0] == "save" and dialogs.asked[0][1].suffix == ".json"
    assert dialogs.asked[-1][0] == "open_folder" and "公表しないでください" in dialogs.asked[-1][1]
    submission = next(a for a in actions if "提出用" in a.text())
    public = next(a for a in actions if "公表用" in a.text())
    assert "非公表とした記載を含むすべての記載" in submission.statusTip() and "添付しません" in public.statusTip()


def test_json_export_to_a_missing_folder_says_so(app, qtbot, doc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs = Scripted(tmp_path / "ない" / "x.json")
    assert export_json(None, doc, dialogs=dialogs) is None  # type: ignore[arg-type]
    assert dialogs.asked[-1][0] == "error" and "ない" in dialogs.asked[-1][1]


def test_save_dialogs_start_in_the_folder_used_last(app, qtbot, doc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "決裁用"
    folder.mkdir()
    export_json(None, doc, dialogs=Scripted(folder / "a.json"))  # type: ignore[arg-type]
    assert Settings().last_folder("json") == folder
    again = Scripted(None)
    export_json(None, doc, dialogs=again)  # type: ignore[arg-type]
    assert again.asked[0][1].parent == folder  # offered there the next time
    assert Settings().last_folder("pdf") != folder  # per purpose


def test_qt_pdf_viewer_zooms_and_pages_too(app, qtbot, doc) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("PySide6.QtPdf")
    from PySide6.QtPdfWidgets import QPdfView

    dlg = PdfPreviewDialog(doc, dialogs=Scripted(None), prefer_qtpdf=True)  # type: ignore[arg-type]
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.print_button.isEnabled(), timeout=60_000)
    view = dlg.pages.view  # type: ignore[attr-defined]
    dlg.zoom_box.setCurrentText("150%")
    assert view.zoomMode() == QPdfView.ZoomMode.Custom and view.zoomFactor() == pytest.approx(1.5)
    dlg.zoom_box.setCurrentText("幅に合わせる")
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    dlg.go_to_page(3)
    assert dlg.pages.current_page() == 3 and dlg.page_box.value() == 4
    dlg.reject()


def test_file_dialogs_open_in_the_folder_used_last_per_purpose(app, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from pia_desktop.ui.shell.dialogs import Dialogs

    stores, lists = tmp_path / "保存ファイル", tmp_path / "一覧表"
    stores.mkdir()
    lists.mkdir()
    opened_at: list[str] = []
    answers = [str(stores / "課.sqlite3"), str(lists / "一覧.xlsx"), "", ""]

    def fake(_parent, _title, start, _filter):  # type: ignore[no-untyped-def]
        opened_at.append(start)
        return answers.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    dialogs = Dialogs()
    assert dialogs.ask_open_store(None, tmp_path) == stores / "課.sqlite3"
    assert dialogs.ask_save_list(None, tmp_path / "評価書一覧.xlsx") == lists / "一覧.xlsx"
    assert dialogs.ask_open_store(None, tmp_path) is None  # cancelled
    assert dialogs.ask_save_list(None, tmp_path / "評価書一覧.xlsx") is None
    assert opened_at == [str(tmp_path), str(tmp_path / "評価書一覧.xlsx"), str(stores), str(lists / "評価書一覧.xlsx")]

"""印刷プレビュー and the 出力 action, offscreen with pytest-qt; every dialog is scripted."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6.QtWidgets")

from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from pia_desktop.domain.document import Document
from pia_desktop.domain.exchange import canonical
from pia_desktop.pdf.embedded import read_embedded_document
from pia_desktop.ui.output.export import ExportJob, install_export_actions
from pia_desktop.ui.output.export_dialogs import suggested_file_name
from pia_desktop.ui.output.preview import PdfPreviewDialog, RasterPagesView


class ScriptedDialogs:
    def __init__(self, save_to: Path | None, open_folder: bool = False) -> None:
        self.save_to = save_to
        self.open_folder = open_folder
        self.asked: list[tuple[str, Any]] = []

    def ask_save_path(self, parent: Any, suggested: Path) -> Path | None:
        self.asked.append(("save", suggested))
        return self.save_to

    def ask_open_folder(self, parent: Any, path: Path, note: str = "") -> bool:
        self.asked.append(("open_folder", path))
        return self.open_folder

    def error(self, parent: Any, title: str, text: str) -> None:
        self.asked.append(("error", text))

    def warn(self, parent: Any, title: str, text: str) -> None:
        self.asked.append(("warn", text))


def _forbidden(*_a: Any, **_k: Any) -> Any:
    raise AssertionError("a real modal dialog was opened in a test")


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, _forbidden)
    monkeypatch.setattr(QMessageBox, "exec", _forbidden)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", _forbidden)


def test_preview_shows_every_page_of_the_real_pdf(qtbot, small_doc: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs = ScriptedDialogs(tmp_path / "saved.pdf")
    dlg = PdfPreviewDialog(small_doc, dialogs=dialogs, prefer_qtpdf=False, start_dir=tmp_path)  # type: ignore[arg-type]
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.ready, timeout=30_000) as blocker:
        pass
    count = blocker.args[0]
    assert count == len(PdfReader(io.BytesIO(dlg.pdf)).pages) > 5
    assert isinstance(dlg.pages, RasterPagesView) and len(dlg.pages.labels) == count
    pixmap = dlg.pages.labels[0].pixmap()
    assert not pixmap.isNull() and 1.38 < pixmap.height() / pixmap.width() < 1.45  # A4 portrait
    assert dlg.status.text() == f"{count} ページ" and dlg.save_button.isEnabled()

    saved = dlg.save()
    assert saved == tmp_path / "saved.pdf" and saved.read_bytes() == dlg.pdf
    assert read_embedded_document(saved) == canonical(small_doc)
    assert dialogs.asked[0] == ("save", tmp_path / suggested_file_name(small_doc, False))
    dlg.close()


def test_preview_switches_to_the_public_variant(qtbot, small_doc: Document) -> None:  # type: ignore[no-untyped-def]
    small_doc.non_public = ["IV.2.1"]
    dlg = PdfPreviewDialog(small_doc, dialogs=ScriptedDialogs(None), prefer_qtpdf=False)  # type: ignore[arg-type]
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.save_button.isEnabled(), timeout=30_000)
    submitted = dlg.pdf
    with qtbot.waitSignal(dlg.ready, timeout=30_000):
        dlg.variant.setCurrentIndex(1)
    assert dlg.public and dlg.pdf != submitted
    assert read_embedded_document(dlg.pdf) is None and read_embedded_document(submitted) is not None
    dlg.close()


def test_export_action_writes_the_file_and_opens_the_folder(qtbot, small_doc: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    opened: list[Path] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs = ScriptedDialogs(tmp_path / "out.pdf", open_folder=True)
    job = ExportJob(parent, small_doc, dialogs=dialogs, open_folder_fn=opened.append, start_dir=tmp_path)  # type: ignore[arg-type]
    progress: list[int] = []
    with qtbot.waitSignal(job.finished, timeout=30_000) as blocker:
        assert job.start()
        assert job.job is not None
        job.job.progress.connect(progress.append)
    assert blocker.args == [tmp_path / "out.pdf"]
    assert read_embedded_document(tmp_path / "out.pdf") == canonical(small_doc)
    assert opened == [tmp_path]
    assert [k for k, _ in dialogs.asked] == ["save", "open_folder"]
    assert job.progress_dialog is None  # closed at the end


def test_export_action_cancelled_and_failed(qtbot, small_doc: Document, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    cancelled = ExportJob(parent, small_doc, dialogs=ScriptedDialogs(None))  # type: ignore[arg-type]
    assert cancelled.start() is False
    dialogs = ScriptedDialogs(tmp_path / "missing-folder" / "out.pdf")
    failing = ExportJob(parent, small_doc, dialogs=dialogs, show_progress=False)  # type: ignore[arg-type]
    with qtbot.waitSignal(failing.finished, timeout=30_000) as blocker:
        failing.start()
    assert blocker.args == [None]
    assert dialogs.asked[-1][0] == "error" and "フォルダ" in dialogs.asked[-1][1]


def test_menu_actions_are_installed(qtbot, small_doc: Document) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    actions = install_export_actions(menu, parent, lambda: None)
    assert [a.text() for a in actions] == ["印刷プレビュー(&V)…", "PDF出力（提出用）(&P)…", "PDF出力（公表用）(&U)…", "JSON で保存(&J)…"]
    for action in actions:
        action.trigger()  # no document open: nothing happens, nothing modal


def test_suggested_file_name_is_safe_for_windows() -> None:
    doc = Document(form_id="yoshiki3-r0610")
    doc.set("cover.hyokasho_mei", '税務/住民:"事務"　重点項目評価書')
    assert suggested_file_name(doc, True) == "税務_住民_事務_　重点項目評価書_公表用.pdf"
    assert suggested_file_name(Document(form_id="yoshiki3-r0610"), False) == "評価書.pdf"


def test_preview_with_qtpdf_when_installed(qtbot, small_doc: Document) -> None:  # type: ignore[no-untyped-def]
    """Qt's own viewer (PySide6_Pdf wheel, from PySide6 6.12); skipped where that wheel is missing."""
    pytest.importorskip("PySide6.QtPdf")
    from pia_desktop.ui.output.preview import QtPdfPagesView

    dlg = PdfPreviewDialog(small_doc, dialogs=ScriptedDialogs(None), prefer_qtpdf=True)  # type: ignore[arg-type]
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.ready, timeout=30_000) as blocker:
        pass
    assert isinstance(dlg.pages, QtPdfPagesView)
    assert blocker.args[0] == dlg.pages.page_count() == len(PdfReader(io.BytesIO(dlg.pdf)).pages) > 5
    dlg.close()

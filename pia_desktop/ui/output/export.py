"""出力: the PDF export from the GUI, off the GUI thread, with progress and "フォルダを開く" at the end.

The PDF is made by a ``PdfJob`` (``ui/output/pdf_job.py``: the same exporter as ``pia-desktop
export-pdf``). Every question to the user goes through an ``ExportDialogs`` object
(``ui/output/export_dialogs.py``), so tests substitute scripted answers and nothing modal can hang them.

Entry points for the main window:

* ``install_export_actions(menu, parent, current_document)`` adds 印刷プレビュー…, the two PDF
  exports (提出用 / 公表用) and JSON で保存… to a menu;
* ``start_export(parent, doc, public=…)`` asks where to save and exports (returns the ``ExportJob``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QProgressDialog, QWidget

from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.ui.output.export_dialogs import (
    JSON_NOTE,
    ExportDialogs,
    export_note,
    open_folder,
    suggested_file_name,
    unprintable_message,
)
from pia_desktop.ui.output.pdf_job import PdfJob
from pia_desktop.ui.shell.settings import remember_folder, start_folder


class ExportJob(QObject):
    """出力: ask for the file, export with a progress dialog, then offer "フォルダを開く".

    ``finished`` carries the written path, or None when cancelled or failed."""

    finished = Signal(object)

    def __init__(self, parent: QWidget | None, doc: Document, *, public: bool = False,
                 dialogs: ExportDialogs | None = None, open_folder_fn: Callable[[Path], None] = open_folder,
                 start_dir: Path | None = None, show_progress: bool = True) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.doc = doc
        self.public = public
        self.dialogs = dialogs or ExportDialogs()
        self.open_folder_fn = open_folder_fn
        self.start_dir = start_dir or start_folder("pdf")
        self.show_progress = show_progress
        self.path: Path | None = None
        self.job: PdfJob | None = None
        self.progress_dialog: QProgressDialog | None = None

    def start(self) -> bool:
        """Ask for the path and start; False when the user cancelled the file dialog."""
        path = self.dialogs.ask_save_path(self.parent_widget, self.start_dir / suggested_file_name(self.doc, self.public))
        if path is None:
            self.finished.emit(None)
            return False
        remember_folder("pdf", path)
        self.path = path
        self.job = PdfJob(self.doc, public=self.public, path=path, parent=self)
        self.job.progress.connect(self._on_progress)
        self.job.done.connect(self._on_done)
        self.job.error.connect(self._on_error)
        if self.show_progress:
            kind = "公表用" if self.public else "提出用"
            dlg = QProgressDialog(f"{kind}PDFを作成しています…", "", 0, 0, self.parent_widget)
            dlg.setWindowTitle("PDF出力")
            dlg.setCancelButton(None)  # ReportLab cannot be interrupted; the export takes about a second
            dlg.setMinimumDuration(300)
            self.progress_dialog = dlg
        self.job.start()
        return True

    @Slot(int)
    def _on_progress(self, pages: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(f"PDFを作成しています… {pages} ページ")

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    @Slot(bytes)
    def _on_done(self, _data: bytes) -> None:
        self._close_progress()
        assert self.path is not None and self.job is not None
        if self.job.notes:
            self.dialogs.warn(self.parent_widget, "PDF出力", unprintable_message(self.job.notes))
        if self.dialogs.ask_open_folder(self.parent_widget, self.path, note=export_note(self.doc, self.public)):
            self.open_folder_fn(self.path.parent)
        self.finished.emit(self.path)

    @Slot(str)
    def _on_error(self, message: str) -> None:
        self._close_progress()
        self.dialogs.error(self.parent_widget, "PDF出力", message)
        self.finished.emit(None)


def start_export(parent: QWidget | None, doc: Document, *, public: bool = False,
                 dialogs: ExportDialogs | None = None, open_folder_fn: Callable[[Path], None] = open_folder,
                 start_dir: Path | None = None) -> ExportJob:
    job = ExportJob(parent, doc, public=public, dialogs=dialogs, open_folder_fn=open_folder_fn, start_dir=start_dir)
    job.start()
    return job


def export_json(parent: QWidget | None, doc: Document, *, dialogs: ExportDialogs | None = None,
                open_folder_fn: Callable[[Path], None] = open_folder, start_dir: Path | None = None) -> Path | None:
    """JSON で保存: the exchange format (what ``pia-desktop store export`` writes), every answer included."""
    from pia_desktop.domain.exchange import write_document

    dialogs = dialogs or ExportDialogs()
    suggested = (start_dir or start_folder("json")) / suggested_file_name(doc, False, ".json")
    path = dialogs.ask_save_path(parent, suggested)
    if path is None:
        return None
    try:
        if not path.parent.is_dir():
            raise PiaError(f"保存先のフォルダ {path.parent} がありません")
        write_document(doc, path)
    except PiaError as exc:
        dialogs.error(parent, "JSONで保存", exc.message)
        return None
    except OSError as exc:
        dialogs.error(parent, "JSONで保存", f"{path} に書き込めません（{exc.strerror or exc}）。")
        return None
    remember_folder("json", path)
    if dialogs.ask_open_folder(parent, path, note=JSON_NOTE):
        open_folder_fn(path.parent)
    return path


def install_export_actions(menu: QMenu, parent: QWidget, current_document: Callable[[], Document | None],
                           dialogs: ExportDialogs | None = None) -> list[QAction]:
    """Add 印刷プレビュー… / PDF出力（提出用）… / PDF出力（公表用）… to ``menu``.

    ``current_document`` returns the open 評価書 (None: no document open, the actions do nothing)."""
    from pia_desktop.ui.output.preview import PdfPreviewDialog

    jobs: list[ExportJob] = []  # keep running jobs alive

    def export(public: bool) -> None:
        doc = current_document()
        if doc is None:
            return
        job = ExportJob(parent, doc, public=public, dialogs=dialogs)
        jobs.append(job)
        job.finished.connect(lambda _p: jobs.remove(job) if job in jobs else None)
        job.start()

    def preview() -> None:
        doc = current_document()
        if doc is None:
            return
        PdfPreviewDialog(doc, parent=parent, dialogs=dialogs).open()

    def save_json() -> None:
        doc = current_document()
        if doc is not None:
            export_json(parent, doc, dialogs=dialogs)

    actions = []
    for text, tip, slot in (
        ("印刷プレビュー(&V)…", "出力されるPDFを画面で確認し、印刷します", preview),
        ("PDF出力（提出用）(&P)…", "個人情報保護委員会へ提出するPDF。非公表とした記載を含むすべての記載を印字し、評価書データ（すべての回答）を添付します",
         lambda: export(False)),
        ("PDF出力（公表用）(&U)…", "公表するPDF。非公表とした記載を「（非公表）」と印字し、評価書データは添付しません", lambda: export(True)),
        ("JSON で保存(&J)…", "評価書データ（すべての回答、非公表の記載を含む）をJSONファイルに保存します（他のパソコンでの取り込み・保管用）", save_json),
    ):
        action = QAction(text, parent)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        actions.append(action)
    return actions

"""出力: the PDF export from the GUI, off the GUI thread, with progress and "フォルダを開く" at the end.

The same exporter as ``pia-desktop export-pdf`` (``pia_desktop.pdf.exporter``). Every question to the
user goes through an ``ExportDialogs`` object, so tests substitute scripted answers and nothing modal
can hang them.

Entry points for the main window:

* ``install_export_actions(menu, parent, current_document)`` adds 印刷プレビュー… and the two PDF
  exports (提出用 / 公表用) to a menu;
* ``start_export(parent, doc, public=…)`` asks where to save and exports (returns the ``ExportJob``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog, QWidget

from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, load_form

PDF_FILTER = "PDF ファイル (*.pdf)"


def suggested_file_name(doc: Document, public: bool) -> str:
    """評価書名 (or 評価書) + "_公表用" for the public variant, safe as a Windows file name."""
    from pia_desktop.domain.file_names import safe_file_stem

    name = doc.get(load_form(doc.form_id).roles.title)
    base = safe_file_stem(name, "評価書") if isinstance(name, str) else "評価書"
    return f"{base}{'_公表用' if public else ''}.pdf"


class ExportDialogs:
    """The real, modal questions of the export."""

    def ask_save_path(self, parent: QWidget | None, suggested: Path) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, "PDFの保存先", str(suggested), PDF_FILTER)
        if not path:
            return None
        out = Path(path)
        return out if out.suffix.lower() == ".pdf" else out.with_suffix(".pdf")

    def ask_open_folder(self, parent: QWidget | None, path: Path) -> bool:
        box = QMessageBox(QMessageBox.Icon.Information, "PDFを出力しました", f"PDFを出力しました。\n{path}", QMessageBox.StandardButton.NoButton, parent)
        open_button = box.addButton("フォルダを開く", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("閉じる", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is open_button

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)


def open_folder(folder: Path) -> None:
    """Show the folder in the file manager (Explorer on Windows)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class _Worker(QObject):
    """Runs the export in a worker thread; results come back as queued signals."""

    progress = Signal(int)  # pages laid out so far
    finished = Signal(bytes)
    failed = Signal(str)

    def __init__(self, doc: Document, form: FormDefinition, public: bool, path: Path | None) -> None:
        super().__init__()
        self.doc = doc
        self.form = form
        self.public = public
        self.path = path

    @Slot()
    def run(self) -> None:
        from pia_desktop.pdf.exporter import export_pdf, export_pdf_bytes

        try:
            if self.path is None:
                data = export_pdf_bytes(self.doc, self.form, public=self.public, progress=self.progress.emit)
            else:
                export_pdf(self.doc, self.path, self.form, public=self.public, progress=self.progress.emit)
                data = b""
        except PiaError as exc:
            self.failed.emit(exc.message)
            return
        except Exception as exc:  # an unexpected layout failure must reach the user, not kill the thread
            self.failed.emit(f"PDFを作成できませんでした（{type(exc).__name__}: {exc}）")
            return
        self.finished.emit(data)


class PdfJob(QObject):
    """One export in a worker thread. ``done`` carries the PDF bytes (empty when written to a file),
    ``error`` a Japanese message."""

    progress = Signal(int)
    done = Signal(bytes)
    error = Signal(str)

    def __init__(self, doc: Document, *, public: bool = False, path: Path | None = None,
                 form: FormDefinition | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc.copy()  # the user may go on editing while the export runs
        self.public = public
        self.path = path
        self.running = False
        self._thread = QThread(self)
        self._worker = _Worker(self.doc, form or load_form(doc.form_id), public, path)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.finished.connect(self._finished)
        self._worker.failed.connect(self._failed)

    def start(self) -> None:
        self.running = True
        self._thread.start()

    def _stop_thread(self) -> None:
        self.running = False
        self._thread.quit()
        self._thread.wait()

    @Slot(bytes)
    def _finished(self, data: bytes) -> None:
        self._stop_thread()
        self.done.emit(data)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._stop_thread()
        self.error.emit(message)

    def wait(self) -> None:
        """Block until the worker has finished (closing a window while an export runs)."""
        if self.running:
            self._thread.quit()
            self._thread.wait()


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
        self.start_dir = start_dir or Path.home()
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
        assert self.path is not None
        if self.dialogs.ask_open_folder(self.parent_widget, self.path):
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


def install_export_actions(menu: QMenu, parent: QWidget, current_document: Callable[[], Document | None],
                           dialogs: ExportDialogs | None = None) -> list[QAction]:
    """Add 印刷プレビュー… / PDF出力（提出用）… / PDF出力（公表用）… to ``menu``.

    ``current_document`` returns the open 評価書 (None: no document open, the actions do nothing)."""
    from pia_desktop.ui.pdf_preview import PdfPreviewDialog

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

    actions = []
    for text, tip, slot in (
        ("印刷プレビュー(&V)…", "出力されるPDFを画面で確認します", preview),
        ("PDF出力（提出用）(&P)…", "個人情報保護委員会へ提出するPDF（評価書データを添付）", lambda: export(False)),
        ("PDF出力（公表用）(&U)…", "非公表の記載を「（非公表）」と印字した公表用のPDF", lambda: export(True)),
    ):
        action = QAction(text, parent)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        actions.append(action)
    return actions

"""出力: the PDF export from the GUI, off the GUI thread, with progress and "フォルダを開く" at the end.

The same exporter as ``pia-desktop export-pdf`` (``pia_desktop.pdf.exporter``). Every question to the
user goes through an ``ExportDialogs`` object, so tests substitute scripted answers and nothing modal
can hang them.

Entry points for the main window:

* ``install_export_actions(menu, parent, current_document)`` adds 印刷プレビュー…, the two PDF
  exports (提出用 / 公表用) and JSON で保存… to a menu;
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
from pia_desktop.ui.shell.settings import remember_folder, start_folder

PDF_FILTER = "PDF ファイル (*.pdf)"
JSON_FILTER = "評価書データ JSON (*.json)"
SUBMISSION_NOTE = "提出用PDFには、非公表とした記載を含むすべての記載を印字し、評価書データ（すべての回答）を添付しています。公表には公表用PDFを使ってください。"
PUBLIC_NOTE = "公表用PDFでは、非公表とした {n} 項目を「（非公表）」と印字しています。評価書データは添付していません。"
PUBLIC_NONE_NOTE = "非公表とした項目はありません。公表用PDFにはすべての記載をそのまま印字しています（評価書データは添付していません）。"
JSON_NOTE = "評価書データ（JSON）には、非公表とした記載を含むすべての回答が入っています。公表しないでください。"


def suggested_file_name(doc: Document, public: bool, suffix: str = ".pdf") -> str:
    """評価書名 (or 評価書) + "_公表用" for the public variant, safe as a Windows file name."""
    from pia_desktop.domain.file_names import safe_file_stem

    name = doc.get(load_form(doc.form_id).roles.title)
    base = safe_file_stem(name, "評価書") if isinstance(name, str) else "評価書"
    return f"{base}{'_公表用' if public else ''}{suffix}"


def export_note(doc: Document, public: bool) -> str:
    """What the exported file holds, in the clerk's words: the 提出用 embeds every answer (非公表 ones
    too), the 公表用 does not, and a 公表用 with nothing 非公表 says so."""
    if not public:
        return SUBMISSION_NOTE
    hidden = [a for a in doc.non_public if doc.get(a) is not None]
    return PUBLIC_NOTE.format(n=len(hidden)) if hidden else PUBLIC_NONE_NOTE


class ExportDialogs:
    """The real, modal questions of the export."""

    def ask_save_path(self, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to save: a PDF, or the JSON when ``suggested`` ends in .json."""
        suffix = ".json" if suggested.suffix.lower() == ".json" else ".pdf"
        title, filter_ = ("評価書データの保存先", JSON_FILTER) if suffix == ".json" else ("PDFの保存先", PDF_FILTER)
        path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_)
        if not path:
            return None
        out = Path(path)
        return out if out.suffix.lower() == suffix else out.with_suffix(suffix)

    def ask_open_folder(self, parent: QWidget | None, path: Path, note: str = "") -> bool:
        what = "評価書データを保存しました。" if path.suffix.lower() == ".json" else "PDFを出力しました。"
        text = f"{what}\n{path}" + (f"\n\n{note}" if note else "")
        box = QMessageBox(QMessageBox.Icon.Information, what.rstrip("。"), text, QMessageBox.StandardButton.NoButton, parent)
        open_button = box.addButton("フォルダを開く", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("閉じる", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is open_button

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)


def unprintable_message(notes: list[str], limit: int = 10) -> str:
    """The warning after an export whose PDF has characters the fonts cannot print."""
    shown = notes[:limit] + ([f"ほか {len(notes) - limit} 項目"] if len(notes) > limit else [])
    return "PDFを出力しましたが、印字できない文字があります。\n\n" + "\n\n".join(shown)


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
        self.notes: list[str] = []  # characters the fonts cannot print, per item (set before ``finished``)

    @Slot()
    def run(self) -> None:
        from pia_desktop.checks.printable import printing_notes
        from pia_desktop.pdf.exporter import export_pdf, export_pdf_bytes

        try:
            if self.path is None:
                data = export_pdf_bytes(self.doc, self.form, public=self.public, progress=self.progress.emit)
            else:
                export_pdf(self.doc, self.path, self.form, public=self.public, progress=self.progress.emit)
                data = b""
            self.notes = printing_notes(self.form, self.doc, public=self.public)
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

    @property
    def notes(self) -> list[str]:
        """After ``done``: what the PDF could not print, one line per item (empty when all printed)."""
        return self._worker.notes

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

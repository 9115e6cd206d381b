"""One PDF made off the GUI thread (``PdfJob``): the same exporter as ``pia-desktop export-pdf``
(``pia_desktop.pdf.exporter``), to a file or to bytes for the 印刷プレビュー, with progress and the
characters the fonts could not print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, load_form


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


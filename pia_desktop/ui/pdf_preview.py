"""印刷プレビュー: the real PDF that 出力 would write, rendered from memory inside the application.

Nothing is written to disk (no temp file holds the draft). Pages are shown with Qt's own PDF viewer
(QPdfView) where the PySide6 PDF module is installed — from PySide6 6.12 it ships in the separate
``PySide6_Pdf`` wheel, no longer in ``PySide6_Addons`` — and otherwise rendered to images with
pypdfium2 (the renderer pdfplumber already brings along).

Entry point: ``PdfPreviewDialog(doc, parent=…)``; ``.open()`` shows it window-modal. The wizard's
出力 menu gets it through ``export_action.install_export_actions``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.ui.export_action import ExportDialogs, PdfJob, open_folder, suggested_file_name, unprintable_message

try:  # PySide6 >= 6.12: pip package PySide6_Pdf
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    HAS_QTPDF = True
except ImportError:  # pragma: no cover - depends on the installed wheels
    HAS_QTPDF = False

RASTER_SCALE = 1.35  # 1 pt → 1.35 px: an A4 page about 800 px wide, readable at 100 %


class PagesView(QWidget):
    """Shows the pages of a PDF held in memory."""

    rendered = Signal(int)  # number of pages shown

    def set_pdf(self, data: bytes) -> None:
        raise NotImplementedError

    def page_count(self) -> int:
        raise NotImplementedError


class QtPdfPagesView(PagesView):  # pragma: no cover - needs PySide6_Pdf
    """QPdfView over a QPdfDocument read from a QBuffer (the bytes never touch the disk)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view)
        self._bytes = QByteArray()
        self._buffer: QBuffer | None = None

    def set_pdf(self, data: bytes) -> None:
        self.document.close()
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.rendered.emit(self.document.pageCount())

    def page_count(self) -> int:
        return self.document.pageCount()


class _RasterWorker(QObject):
    page = Signal(int, QImage)
    done = Signal(int)
    failed = Signal(str)

    def __init__(self, data: bytes, scale: float) -> None:
        super().__init__()
        self.data = data
        self.scale = scale

    @Slot()
    def run(self) -> None:
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(self.data)
            count = len(pdf)
            for i in range(count):
                bitmap = pdf[i].render(scale=self.scale, rev_byteorder=True)  # RGB
                image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
                self.page.emit(i, image.copy())
            pdf.close()
        except Exception as exc:  # a renderer failure must not kill the thread silently
            self.failed.emit(f"プレビューを表示できませんでした（{exc}）")
            return
        self.done.emit(count)


class RasterPagesView(PagesView):
    """Fallback without QtPdf: the pages rendered to images (pypdfium2) in a worker thread."""

    def __init__(self, parent: QWidget | None = None, scale: float = RASTER_SCALE) -> None:
        super().__init__(parent)
        self.scale = scale
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.scroll)
        self._canvas = QWidget()
        self._column = QVBoxLayout(self._canvas)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._column.setSpacing(12)
        self.scroll.setWidget(self._canvas)
        self.labels: list[QLabel] = []
        self._thread: QThread | None = None
        self._worker: _RasterWorker | None = None
        self._count = 0
        self.error_text = ""

    def set_pdf(self, data: bytes) -> None:
        self.stop()
        for label in self.labels:
            label.deleteLater()
        self.labels = []
        self._count = 0
        self._thread = QThread(self)
        self._worker = _RasterWorker(data, self.scale)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.page.connect(self._add_page)
        self._worker.done.connect(self._done)
        self._worker.failed.connect(self._failed)
        self._thread.start()

    @Slot(int, QImage)
    def _add_page(self, index: int, image: QImage) -> None:
        label = QLabel(self._canvas)
        label.setPixmap(QPixmap.fromImage(image))
        label.setFrameShape(QLabel.Shape.Box)
        label.setToolTip(f"{index + 1} ページ")
        label.setAccessibleName(f"{index + 1} ページ")
        self._column.addWidget(label)
        self.labels.append(label)

    @Slot(int)
    def _done(self, count: int) -> None:
        self._count = count
        self.stop()
        self.rendered.emit(count)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.error_text = message
        self.stop()
        self.rendered.emit(0)

    def stop(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = None

    def page_count(self) -> int:
        return self._count


def make_pages_view(parent: QWidget | None = None, *, prefer_qtpdf: bool = True) -> PagesView:
    if prefer_qtpdf and HAS_QTPDF:  # pragma: no cover - needs PySide6_Pdf
        return QtPdfPagesView(parent)
    return RasterPagesView(parent)


class PdfPreviewDialog(QDialog):
    """印刷プレビュー of one 評価書: 提出用 or 公表用, with 保存… straight from the previewed bytes."""

    ready = Signal(int)  # pages shown (0 on failure)

    def __init__(self, doc: Document, parent: QWidget | None = None, *, form: FormDefinition | None = None,
                 public: bool = False, dialogs: ExportDialogs | None = None, prefer_qtpdf: bool = True,
                 start_dir: Path | None = None, open_folder_fn=open_folder) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle("印刷プレビュー")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(900, 1000)
        self.doc = doc.copy()
        self.form = form
        self.dialogs = dialogs or ExportDialogs()
        self.start_dir = start_dir or Path.home()
        self.open_folder_fn = open_folder_fn
        self.pdf: bytes = b""
        self.job: PdfJob | None = None

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.variant = QComboBox()
        self.variant.addItem("提出用（すべて印字・評価書データを添付）", False)
        self.variant.addItem("公表用（非公表の記載を「（非公表）」と印字）", True)
        self.variant.setCurrentIndex(1 if public else 0)
        self.variant.setAccessibleName("出力の種類")
        self.variant.currentIndexChanged.connect(self.render)
        bar.addWidget(QLabel("種類(&K)"))
        bar.itemAt(0).widget().setBuddy(self.variant)  # type: ignore[union-attr]
        bar.addWidget(self.variant, 1)
        self.status = QLabel("")
        bar.addWidget(self.status)
        self.save_button = QPushButton("PDFを保存(&S)…")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        bar.addWidget(self.save_button)
        close = QPushButton("閉じる")
        close.clicked.connect(self.reject)
        bar.addWidget(close)
        layout.addLayout(bar)
        self.pages = make_pages_view(self, prefer_qtpdf=prefer_qtpdf)
        self.pages.rendered.connect(self._shown)
        layout.addWidget(self.pages, 1)
        self.render()

    @property
    def public(self) -> bool:
        return bool(self.variant.currentData())

    @Slot()
    def render(self) -> None:
        self.save_button.setEnabled(False)
        self.status.setText("PDFを作成しています…")
        self.pdf = b""
        job = PdfJob(self.doc, public=self.public, form=self.form, parent=self)
        job.progress.connect(lambda n: self.status.setText(f"PDFを作成しています… {n} ページ"))
        job.done.connect(lambda data, j=job: self._made(j, data))
        job.error.connect(self._error)
        self.job = job
        job.start()

    def _made(self, job: PdfJob, data: bytes) -> None:
        if job is not self.job:  # an older rendering finished after the variant changed
            return
        self.pdf = data
        self.status.setText("表示しています…")
        self.pages.set_pdf(data)

    @Slot(str)
    def _error(self, message: str) -> None:
        self.status.setText(message)
        self.ready.emit(0)

    @Slot(int)
    def _shown(self, count: int) -> None:
        error = getattr(self.pages, "error_text", "")
        notes = self.job.notes if self.job is not None else []
        self.status.setText(error or f"{count} ページ" + (f"　印字できない文字があります（{len(notes)} 項目）" if notes else ""))
        self.status.setToolTip("\n".join(notes))
        self.save_button.setEnabled(bool(self.pdf) and count > 0)
        self.ready.emit(count)

    @Slot()
    def save(self) -> Path | None:
        """Write exactly the previewed bytes."""
        from pia_desktop.fileio import atomic_write_bytes

        if not self.pdf:
            return None
        path = self.dialogs.ask_save_path(self, self.start_dir / suggested_file_name(self.doc, self.public))
        if path is None:
            return None
        try:
            if not path.parent.exists():
                raise PiaError(f"出力先のフォルダ {path.parent} がありません")
            atomic_write_bytes(path, self.pdf)
        except PiaError as exc:
            self.dialogs.error(self, "PDF出力", exc.message)
            return None
        except OSError as exc:
            self.dialogs.error(self, "PDF出力", f"{path} に書き込めません（{exc.strerror or exc}）。PDF閲覧ソフトで開いている場合は閉じてください。")
            return None
        if self.job is not None and self.job.notes:
            self.dialogs.warn(self, "PDF出力", unprintable_message(self.job.notes))
        if self.dialogs.ask_open_folder(self, path):
            self.open_folder_fn(path.parent)
        return path

    def done(self, result: int) -> None:  # closing: let running workers finish first
        if self.job is not None:
            self.job.wait()
        if isinstance(self.pages, RasterPagesView):
            self.pages.stop()
        super().done(result)

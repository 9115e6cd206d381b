"""The pages of a PDF held in memory, shown with Qt's own viewer (QPdfView, from the PySide6_Pdf wheel)
or, where that is missing, rendered to images with pypdfium2 in a worker thread. Both zoom and move
page by page (``PagesView``)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

try:  # PySide6 >= 6.12: pip package PySide6_Pdf
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    HAS_QTPDF = True
except ImportError:  # pragma: no cover - depends on the installed wheels
    HAS_QTPDF = False

RASTER_SCALE = 1.35  # 1 pt → 1.35 px: an A4 page about 800 px wide, readable at 100 %
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
FIT_WIDTH = "幅に合わせる"


class PagesView(QWidget):
    """Shows the pages of a PDF held in memory."""

    rendered = Signal(int)  # number of pages shown
    page_changed = Signal(int)  # the page at the top of the view (0-based), as the user scrolls

    def set_pdf(self, data: bytes) -> None:
        raise NotImplementedError

    def page_count(self) -> int:
        raise NotImplementedError

    def set_zoom(self, factor: float | None) -> None:
        """1.0 = 100 %; None: the page as wide as the view."""
        raise NotImplementedError

    def go_to_page(self, index: int) -> None:
        raise NotImplementedError

    def current_page(self) -> int:
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
        self.view.pageNavigator().currentPageChanged.connect(self.page_changed)
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

    def set_zoom(self, factor: float | None) -> None:
        if factor is None:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(factor)

    def go_to_page(self, index: int) -> None:
        self.view.pageNavigator().jump(index, QPointF(), 0)

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()


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
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self.page_changed.emit(self.current_page()))
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
        self._data = b""
        self.zoom: float | None = 1.0
        self._page_after_render = 0

    def set_pdf(self, data: bytes) -> None:
        self._data = data
        self._render()

    def _render(self) -> None:
        self.stop()
        for label in self.labels:
            label.deleteLater()
        self.labels = []
        self._count = 0
        self._thread = QThread(self)
        self._worker = _RasterWorker(self._data, self.scale)
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
        if self._page_after_render:  # zoomed: back to the page that was shown, once laid out
            page, self._page_after_render = self._page_after_render, 0
            QTimer.singleShot(0, lambda: self.go_to_page(page))
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

    def set_zoom(self, factor: float | None) -> None:
        """Render again at the new size (sharp text, unlike a scaled image)."""
        self.zoom = factor
        if factor is None:
            page_pt = 595.0  # A4 width in points: every page of the 評価書 is A4 portrait
            factor = max(0.25, (self.scroll.viewport().width() - 2 * self._column.spacing()) / (page_pt * RASTER_SCALE))
        scale = RASTER_SCALE * factor
        if abs(scale - self.scale) < 0.001 or not self._data:
            self.scale = scale
            return
        self.scale = scale
        self._page_after_render = self.current_page()
        self._render()

    def go_to_page(self, index: int) -> None:
        if 0 <= index < len(self.labels):
            self.scroll.verticalScrollBar().setValue(self.labels[index].y() - self._column.spacing())

    def current_page(self) -> int:
        """The page at the top of the view."""
        top = self.scroll.verticalScrollBar().value() + self.scroll.viewport().height() // 3
        for i, label in enumerate(self.labels):
            if label.y() + label.height() >= top:
                return i
        return max(0, len(self.labels) - 1)


def make_pages_view(parent: QWidget | None = None, *, prefer_qtpdf: bool = True) -> PagesView:
    if prefer_qtpdf and HAS_QTPDF:  # pragma: no cover - needs PySide6_Pdf
        return QtPdfPagesView(parent)
    return RasterPagesView(parent)

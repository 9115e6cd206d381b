"""印刷: the previewed PDF sent to a printer (clerks print the 評価書 for 決裁).

The pages are rendered with pypdfium2 at the printer's resolution (at most PRINT_DPI) and drawn on a
QPrinter, so what is printed is exactly what was previewed and saved. The print dialog is asked for
through ``ask_print`` (or a Dialogs object's ``ask_print``), which tests replace: nothing modal can
hang them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from pia_desktop.domain.errors import PiaError

PRINT_DPI = 300  # enough for 9 pt text; more only makes the spool file larger


def new_printer(page_count: int) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFromTo(1, max(1, page_count))
    printer.setDocName("特定個人情報保護評価書")
    return printer


def ask_print(parent: QWidget | None, printer: QPrinter) -> bool:
    """The system's print dialog (printer, pages, copies); False when cancelled."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("印刷")
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """0-based page numbers the user chose (all, or from–to)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(page_count, printer.toPage() or page_count)
        return list(range(first - 1, last))
    return list(range(page_count))


def print_pdf(data: bytes, printer: QPrinter, progress: Callable[[int], None] | None = None) -> int:
    """Draw the PDF's pages on ``printer``; the number of pages printed."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # a broken PDF here is the exporter's bug: say so, do not crash
        raise PiaError(f"印刷するPDFを読めません（{exc}）") from exc
    try:
        pages = pages_to_print(printer, len(pdf))
        painter = QPainter()
        if not painter.begin(printer):
            raise PiaError("プリンターを使用できません。プリンターの設定を確認してください")
        try:
            dpi = min(printer.resolution(), PRINT_DPI)
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            for n, index in enumerate(pages):
                if n:
                    printer.newPage()
                page = pdf[index]
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
                image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
                # Fit the page into the printable area, keeping its proportions (the margins differ by printer).
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                x = (target.width() - scaled.width()) / 2
                y = (target.height() - scaled.height()) / 2
                painter.drawImage(QRectF(x, y, scaled.width(), scaled.height()), image)
                if progress is not None:
                    progress(n + 1)
        finally:
            painter.end()
        return len(pages)
    finally:
        pdf.close()

"""印刷プレビュー: the real PDF that 出力 would write, rendered from memory inside the application.

Nothing is written to disk (no temp file holds the draft). Pages are shown with Qt's own PDF viewer
(QPdfView) where the PySide6 PDF module is installed — from PySide6 6.12 it ships in the separate
``PySide6_Pdf`` wheel, no longer in ``PySide6_Addons`` — and otherwise rendered to images with
pypdfium2 (the renderer pdfplumber already brings along).

Entry point: ``PdfPreviewDialog(doc, parent=…)``; ``.open()`` shows it window-modal. The wizard's
出力 menu gets it through ``install_export_actions`` (``ui/output/export.py``). The preview zooms,
moves page by page and prints (``ui/output/printing.py``): clerks print the 評価書 for 決裁.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.ui.output.export_dialogs import (
    ExportDialogs,
    export_note,
    open_folder,
    suggested_file_name,
    unprintable_message,
)
from pia_desktop.ui.output.pdf_job import PdfJob
from pia_desktop.ui.output.pdf_pages import (  # noqa: F401  (the views are re-exported for callers)
    FIT_WIDTH,
    HAS_QTPDF,
    RASTER_SCALE,
    ZOOMS,
    PagesView,
    QtPdfPagesView,
    RasterPagesView,
    make_pages_view,
)
from pia_desktop.ui.shell.screen_fit import fit_window
from pia_desktop.ui.shell.settings import remember_folder, start_folder


class PdfPreviewDialog(QDialog):
    """印刷プレビュー of one 評価書: 提出用 or 公表用, with 保存… straight from the previewed bytes."""

    ready = Signal(int)  # pages shown (0 on failure)

    def __init__(self, doc: Document, parent: QWidget | None = None, *, form: FormDefinition | None = None,
                 public: bool = False, dialogs: ExportDialogs | None = None, prefer_qtpdf: bool = True,
                 start_dir: Path | None = None, open_folder_fn=open_folder) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle("印刷プレビュー")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        fit_window(self, QSize(960, 1040), "pdf_preview")
        self.doc = doc.copy()
        self.form = form
        self.dialogs = dialogs or ExportDialogs()
        self.start_dir = start_dir or start_folder("pdf")
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
        layout.addLayout(bar)
        self.note = QLabel("")  # what the variant holds (非公表, the attached data)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("出力の説明")
        layout.addWidget(self.note)
        layout.addLayout(self._view_bar(bar))
        self.pages = make_pages_view(self, prefer_qtpdf=prefer_qtpdf)
        self.pages.rendered.connect(self._shown)
        self.pages.page_changed.connect(self._scrolled_to)
        self.pages.set_zoom(1.0)
        layout.addWidget(self.pages, 1)
        self.render()

    def _view_bar(self, first: QHBoxLayout) -> QHBoxLayout:
        """Zoom, pages and 印刷 on a second line (the dialog fits a 1280 px screen)."""
        bar = QHBoxLayout()
        self.zoom_out = QToolButton()
        self.zoom_out.setText("－")
        self.zoom_out.setToolTip("縮小（Ctrl+-）")
        self.zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out.clicked.connect(lambda: self._step_zoom(-1))
        self.zoom_box = QComboBox()
        self.zoom_box.setAccessibleName("表示倍率")
        for z in ZOOMS:
            self.zoom_box.addItem(f"{round(z * 100)}%", z)
        self.zoom_box.addItem(FIT_WIDTH, None)
        self.zoom_box.setCurrentIndex(ZOOMS.index(1.0))
        self.zoom_box.currentIndexChanged.connect(lambda _i: self.pages.set_zoom(self.zoom_box.currentData()))
        self.zoom_in = QToolButton()
        self.zoom_in.setText("＋")
        self.zoom_in.setToolTip("拡大（Ctrl++）")
        self.zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom_in.clicked.connect(lambda: self._step_zoom(1))
        zoom_label = QLabel("倍率(&Z)")
        zoom_label.setBuddy(self.zoom_box)
        for w in (zoom_label, self.zoom_out, self.zoom_box, self.zoom_in):
            bar.addWidget(w)
        bar.addSpacing(16)
        self.prev_page = QToolButton()
        self.prev_page.setText("＜ 前のページ")
        self.prev_page.clicked.connect(lambda: self.go_to_page(self.page_box.value() - 2))
        self.page_box = QSpinBox()
        self.page_box.setAccessibleName("ページ")
        self.page_box.setRange(1, 1)
        self.page_box.setSuffix(" / 1 ページ")
        self.page_box.editingFinished.connect(lambda: self.go_to_page(self.page_box.value() - 1))
        self.next_page = QToolButton()
        self.next_page.setText("次のページ ＞")
        self.next_page.clicked.connect(lambda: self.go_to_page(self.page_box.value()))
        for w in (self.prev_page, self.page_box, self.next_page):
            bar.addWidget(w)
        bar.addStretch(1)
        self.print_button = QPushButton("印刷(&P)…")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_document)
        bar.addWidget(self.print_button)
        # 保存 and 閉じる sit at the end of the second line, with 印刷
        first.removeWidget(self.save_button)
        bar.addWidget(self.save_button)
        close = QPushButton("閉じる")
        close.clicked.connect(self.reject)
        bar.addWidget(close)
        return bar

    def _step_zoom(self, step: int) -> None:
        current = self.zoom_box.currentData()
        i = ZOOMS.index(current) if current in ZOOMS else ZOOMS.index(1.0)
        self.zoom_box.setCurrentIndex(max(0, min(len(ZOOMS) - 1, i + step)))

    def go_to_page(self, index: int) -> None:
        count = self.pages.page_count()
        if count:
            index = max(0, min(count - 1, index))
            self.pages.go_to_page(index)
            self.page_box.setValue(index + 1)

    @Slot(int)
    def _scrolled_to(self, index: int) -> None:
        if not self.page_box.hasFocus():  # not while the user types a page number
            self.page_box.setValue(index + 1)

    def print_document(self) -> int:
        """印刷…: the print dialog, then the previewed pages on the printer; the pages printed."""
        from pia_desktop.ui.output import printing as pdf_print

        if not self.pdf:
            return 0
        printer = pdf_print.new_printer(self.pages.page_count())
        ask = getattr(self.dialogs, "ask_print", None) or pdf_print.ask_print
        if not ask(self, printer):
            return 0
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = pdf_print.print_pdf(self.pdf, printer)
        except PiaError as exc:
            self.dialogs.error(self, "印刷", exc.message)
            return 0
        finally:
            QApplication.restoreOverrideCursor()
        self.status.setText(f"{printed} ページを印刷しました")
        return printed

    @property
    def public(self) -> bool:
        return bool(self.variant.currentData())

    @Slot()
    def render(self) -> None:
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.note.setText(export_note(self.doc, self.public))
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
        self.print_button.setEnabled(bool(self.pdf) and count > 0)
        self.page_box.setRange(1, max(1, count))
        self.page_box.setSuffix(f" / {count} ページ")
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
        remember_folder("pdf", path)
        if self.job is not None and self.job.notes:
            self.dialogs.warn(self, "PDF出力", unprintable_message(self.job.notes))
        if self.dialogs.ask_open_folder(self, path, note=export_note(self.doc, self.public)):
            self.open_folder_fn(path.parent)
        return path

    def done(self, result: int) -> None:  # closing: let running workers finish first
        if self.job is not None:
            self.job.wait()
        if isinstance(self.pages, RasterPagesView):
            self.pages.stop()
        super().done(result)

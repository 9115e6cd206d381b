"""Export a document as the official layout PDF: view model → ReportLab (pages, metadata, attachment).

The one exporter behind ``pia-desktop export-pdf`` and the GUI's 出力 action. Output is
deterministic (ReportLab's invariant mode): the same document gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from pia_desktop import APP_NAME, __version__
from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, load_form
from pia_desktop.fileio import atomic_write_bytes
from pia_desktop.pdf import embedded
from pia_desktop.pdf.drawing import layout
from pia_desktop.pdf.drawing.page_breaks import KeepHeadingWithStart
from pia_desktop.pdf.drawing.sections import story
from pia_desktop.pdf.fonts import MINCHO, register_fonts
from pia_desktop.pdf.view_model.build import build_view
from pia_desktop.pdf.view_model.cells import NON_PUBLIC
from pia_desktop.pdf.view_model.rows import PrintView

# Page streams Flate-compressed only: ReportLab's default also wraps them in ASCII85 (a 7-bit text encoding no
# reader needs), which its pure-Python encoder spends ~20 ms per export on and which makes them a quarter larger.
rl_config.useA85 = 0

# The items whose values go into the PDF's document information (title, author).

Progress = Callable[[int], None]  # called with the number of pages laid out so far


class _Template(BaseDocTemplate):
    """A4 portrait, one frame without padding (the tables are exactly the frame's width), "- n -"."""

    def __init__(self, *args: Any, progress: Progress | None = None, attachment: Document | None = None,
                 **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._progress = progress
        self._attachment = attachment
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_footer)])
        self.keepTogetherClass = KeepHeadingWithStart

    def beforeDocument(self) -> None:  # ReportLab hook: the canvas exists, nothing is written yet
        if self._attachment is not None:
            embedded.attach(self.canv, self._attachment)

    def afterPage(self) -> None:  # ReportLab hook
        if self._progress is not None:
            self._progress(self.page)


def _footer(canvas: Canvas, template: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(MINCHO, 9)
    canvas.drawCentredString(layout.PAGE_SIZE[0] / 2, layout.FOOTER_Y, f"- {template.page} -")
    canvas.restoreState()


def _info(doc: Document, address: str, public: bool, fallback: str) -> str:
    if public and address in doc.non_public and doc.get(address) is not None:
        return NON_PUBLIC
    value = doc.get(address)
    return value.strip() if isinstance(value, str) and value.strip() else fallback


def render_view(view: PrintView, *, title: str, author: str, subject: str, progress: Progress | None = None,
                attachment: Document | None = None) -> bytes:
    """The PDF of ``view``; with ``attachment``, that document's JSON is embedded (embedded.attach)."""
    register_fonts()
    buf = io.BytesIO()
    template = _Template(
        buf,
        progress=progress,
        attachment=attachment,
        pagesize=layout.PAGE_SIZE,
        leftMargin=layout.MARGIN_X,
        rightMargin=layout.MARGIN_X,
        topMargin=layout.MARGIN_TOP,
        bottomMargin=layout.MARGIN_BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator=f"{APP_NAME} {__version__}",
        producer=f"{APP_NAME} {__version__}",
        lang="ja-JP",
        invariant=1,
    )
    template.build(story(view))
    return buf.getvalue()


def export_pdf_bytes(
    doc: Document,
    form: FormDefinition | None = None,
    *,
    public: bool = False,
    embed_document: bool | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The PDF of ``doc``. ``public`` gives the 公表用 variant (非公表 items print "（非公表）").

    The document's JSON is attached to the 提出用 PDF by default; the 公表用 PDF never carries it,
    since the attachment would publish what the user marked 非公表.
    """
    form = form or load_form(doc.form_id)
    if doc.form_id != form.form_id:
        raise PiaError(f"様式「{doc.form_id}」の評価書を様式「{form.form_id}」で出力しようとしています")
    embed = (not public) if embed_document is None else embed_document
    if public and embed:
        raise PiaError("公表用のPDFには評価書データを添付できません（非公表の記載が含まれるため）")
    view = build_view(form, doc, public=public)
    return render_view(
        view,
        title=_info(doc, form.roles.title, public, form.name),
        author=_info(doc, form.roles.org, public, ""),
        subject=f"{form.name} {form.stamp}",
        progress=progress,
        attachment=doc if embed else None,
    )


def export_pdf(
    doc: Document,
    path: Path,
    form: FormDefinition | None = None,
    *,
    public: bool = False,
    embed_document: bool | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the PDF to ``path`` (atomically: an existing file is replaced only when complete).
    Returns the size in bytes."""
    data = export_pdf_bytes(doc, form, public=public, embed_document=embed_document, progress=progress)
    path = Path(path)
    if not path.parent.exists():
        raise PiaError(f"出力先のフォルダ {path.parent} がありません")
    try:
        atomic_write_bytes(path, data)
    except PermissionError as exc:
        raise PiaError(f"{path} に書き込めません。別のアプリケーション（PDF閲覧ソフトなど）で開いている場合は閉じてから、もう一度出力してください。") from exc
    except OSError as exc:
        raise PiaError(f"{path} に書き込めません: {exc.strerror or exc}") from exc
    return len(data)

"""Reading a PDF in the tests with pypdfium2 (PDFium, a wheel on Linux and Windows): each page's text and
page images. No system tool (poppler) is needed.

The text of a page is what PDFium's text layer gives: the strings in the order the page draws them (as
``pdftotext -raw`` reads them), a line break where the text moves to another line, a space where PDFium
sees a gap between strings; lines end in "\\n".
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium


@contextmanager
def _opened(pdf: bytes | Path) -> Iterator[pdfium.PdfDocument]:
    doc = pdfium.PdfDocument(pdf if isinstance(pdf, Path) else io.BytesIO(pdf))
    try:
        yield doc
    finally:
        doc.close()


def page_texts(pdf: bytes | Path) -> list[str]:
    """The text of every page, in drawing order."""
    with _opened(pdf) as doc:
        out = []
        for page in doc:
            textpage = page.get_textpage()
            out.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        return out


def render_pages(pdf: bytes | Path, out: Path, dpi: float = 60, prefix: str = "page") -> list[Path]:
    """Every page as a PNG in ``out`` (prefix-01.png, prefix-02.png, …), at ``dpi``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    with _opened(pdf) as doc:
        width = max(2, len(str(len(doc))))
        for n, page in enumerate(doc, 1):
            path = out / f"{prefix}-{n:0{width}d}.png"
            page.render(scale=dpi / 72).to_pil().save(path)
            page.close()
            paths.append(path)
    return paths

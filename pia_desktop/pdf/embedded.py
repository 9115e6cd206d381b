"""The document's JSON inside its own PDF (an embedded file), so next year's import is lossless.

Written by ReportLab itself while it writes the PDF (``attach``: an /EmbeddedFile stream, its /Filespec
and the catalog's /Names → /EmbeddedFiles name tree), so that the export neither re-parses the finished
PDF nor imports pypdf. Read with pypdf; reading never trusts the file: damaged PDFs and damaged
attachments become a PiaError naming the file.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.exchange import MAX_JSON_BYTES, dumps_document, parse_document

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

EMBEDDED_NAME = "pia-desktop-document.json"
EMBEDDED_DESCRIPTION = "PIA Desktop 評価書データ（翌年度の見直しで読み込むためのもの）"
MAX_PDF_BYTES = 200 * 1024 * 1024  # far above any 評価書 PDF


def attach(canvas: Canvas, doc: Document) -> None:
    """Attach the document's canonical JSON as EMBEDDED_NAME to the PDF that ``canvas`` writes.

    Call before the canvas saves. Nothing is numbered here: ReportLab numbers the new objects when it
    writes the catalog, so the output stays deterministic and the pages are written as without it.
    """
    # imported here, not at module level: the importers read attachments without loading ReportLab
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString, PDFZCompress

    class IndirectDictionary(PDFDictionary):
        __RefOnly__ = 1  # written as an object of its own and referenced (a Filespec in a name tree)

    data = dumps_document(doc).encode("utf-8")
    stream = PDFStream(
        PDFDictionary({"Type": PDFName("EmbeddedFile"), "Subtype": "/application#2Fjson",
                       "Params": PDFDictionary({"Size": len(data)})}),
        data,
        filters=[PDFZCompress],  # like ReportLab's page streams; the JSON shrinks to a fraction
    )
    filespec = IndirectDictionary({
        "Type": PDFName("Filespec"),
        "F": PDFString(EMBEDDED_NAME),
        "UF": PDFString(EMBEDDED_NAME),
        "Desc": PDFString(EMBEDDED_DESCRIPTION),
        "EF": PDFDictionary({"F": stream}),
    })
    tree = PDFDictionary({"Names": PDFArray([PDFString(EMBEDDED_NAME), filespec])})
    catalog = canvas._doc.Catalog  # ReportLab has no public accessor; it never sets /Names itself
    catalog.Names = PDFDictionary({"EmbeddedFiles": tree})


def _read_source(source: Path | str | bytes) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), "PDF"
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > MAX_PDF_BYTES:
            raise PiaError(f"{path} が大きすぎます（{size // 1024 // 1024} MB）。評価書のPDFではないと思われます")
        return path.read_bytes(), str(path)
    except FileNotFoundError as exc:
        raise PiaError(f"ファイル {path} が見つかりません") from exc
    except OSError as exc:
        raise PiaError(f"ファイル {path} を読み込めません: {exc.strerror}") from exc


def read_embedded_document(source: Path | str | bytes) -> Document | None:
    """The document embedded by PIA Desktop, or None when the PDF carries none (made elsewhere, or
    the 公表用 variant). Raises PiaError when the PDF or the attachment is damaged."""
    data, name = _read_source(source)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise PiaError(f"{name} はPDFファイルではありません")
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        attachments = reader.attachments
        payloads = attachments.get(EMBEDDED_NAME) if EMBEDDED_NAME in attachments else None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise PiaError(f"{name} はPDFとして読めません（壊れている可能性があります: {exc}）") from exc
    if not payloads:
        return None
    payload = payloads[0]
    if len(payload) > MAX_JSON_BYTES:
        raise PiaError(f"{name} に添付された評価書データが大きすぎます")
    return parse_document(payload, f"{name} に添付された評価書データ")

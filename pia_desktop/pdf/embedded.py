"""The document's JSON inside its own PDF (an embedded file), so next year's import is lossless.

Written with pypdf after ReportLab has drawn the pages (ReportLab has no embedded-file API). Reading
never trusts the file: damaged PDFs and damaged attachments become a PiaError naming the file.
"""

from __future__ import annotations

import io
from pathlib import Path

from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.exchange import MAX_JSON_BYTES, dumps_document, parse_document

EMBEDDED_NAME = "pia-desktop-document.json"
EMBEDDED_DESCRIPTION = "PIA Desktop 評価書データ（翌年度の見直しで読み込むためのもの）"
MAX_PDF_BYTES = 200 * 1024 * 1024  # far above any 評価書 PDF


def attach_document(pdf: bytes, doc: Document) -> bytes:
    """``pdf`` with the document's canonical JSON attached as EMBEDDED_NAME (deterministic bytes)."""
    from pypdf import PdfWriter  # imported here: the 公表用 PDF and the preview never attach (~50 ms)
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    attachment = writer.add_attachment(EMBEDDED_NAME, dumps_document(doc).encode("utf-8"))
    attachment.description = TextStringObject(EMBEDDED_DESCRIPTION)
    attachment.subtype = NameObject("/application#2Fjson")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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

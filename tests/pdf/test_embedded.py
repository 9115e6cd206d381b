"""The embedded document as ReportLab writes it: a well-formed /EmbeddedFiles entry, without pypdf."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

import pia_desktop
from pia_desktop.domain.document import Document
from pia_desktop.domain.exchange import canonical, dumps_document, write_document
from pia_desktop.pdf.embedded import EMBEDDED_DESCRIPTION, EMBEDDED_NAME, read_embedded_document
from pia_desktop.pdf.exporter import export_pdf_bytes


def test_strict_reader_finds_the_attachment_and_its_file_spec(small_doc: Document) -> None:
    reader = PdfReader(io.BytesIO(export_pdf_bytes(small_doc)), strict=True)
    payload = dumps_document(small_doc).encode("utf-8")
    assert reader.attachments == {EMBEDDED_NAME: [payload]}
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    assert names[0] == EMBEDDED_NAME
    spec = names[1].get_object()
    assert spec["/Type"] == "/Filespec" and spec["/F"] == spec["/UF"] == EMBEDDED_NAME
    assert spec["/Desc"] == EMBEDDED_DESCRIPTION
    stream = spec["/EF"]["/F"].get_object()
    assert stream["/Type"] == "/EmbeddedFile" and stream["/Subtype"] == "/application/json"
    assert stream["/Params"]["/Size"] == len(payload)
    assert json.loads(stream.get_data()) == json.loads(payload)


def test_attachment_leaves_the_pages_as_they_are(small_doc: Document) -> None:
    def pages(data: bytes) -> list[bytes]:
        return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(data)).pages]

    with_doc, without = export_pdf_bytes(small_doc), export_pdf_bytes(small_doc, embed_document=False)
    assert "/Names" not in PdfReader(io.BytesIO(without)).trailer["/Root"]
    assert pages(with_doc) == pages(without)


def test_export_does_not_load_pypdf(small_doc: Document, tmp_path: Path) -> None:
    """pypdf (and the cryptography it pulls in) is for reading PDFs only; the export writes with ReportLab."""
    src, out = tmp_path / "in.json", tmp_path / "out.pdf"
    write_document(small_doc, src)
    code = (
        "import sys\n"
        "from pia_desktop.cli.main import main\n"
        f"assert main(['export-pdf', {str(src)!r}, {str(out)!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pypdf', 'cryptography')))\n"
    )
    root = str(Path(pia_desktop.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "[]"
    assert read_embedded_document(out) == canonical(small_doc)

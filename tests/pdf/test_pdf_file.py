"""The PDF file: re-import of the embedded document, metadata, determinism, 公表用, damaged input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from pia_desktop import APP_NAME, __version__
from pia_desktop.domain.conversion import replace
from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.exchange import canonical, dumps_document, read_document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.pdf.embedded import EMBEDDED_NAME, read_embedded_document
from pia_desktop.pdf.exporter import export_pdf, export_pdf_bytes
from tests.conftest import SEEDS, fixture_path
from tests.pdf.pdftext import body_text
from tests.pdfread import page_texts


@pytest.mark.parametrize("name", SEEDS)
def test_reimport_of_the_exported_pdf_gives_the_identical_document(name: str, tmp_path: Path) -> None:
    path = fixture_path(name)
    if not path.exists():
        pytest.skip(f"{path.name} はまだありません")
    doc = read_document(path)
    out = tmp_path / "out.pdf"
    export_pdf(doc, out)
    back = read_embedded_document(out)
    assert back is not None
    assert back == canonical(doc)
    assert dumps_document(back) == path.read_text(encoding="utf-8")


def test_reimport_from_bytes(small_doc: Document) -> None:
    back = read_embedded_document(export_pdf_bytes(small_doc))
    assert back == canonical(small_doc)


def test_same_document_gives_the_same_bytes(small_doc: Document) -> None:
    assert export_pdf_bytes(small_doc) == export_pdf_bytes(small_doc.copy())


def test_metadata_title_author_producer(small_doc: Document) -> None:
    reader = PdfReader(io.BytesIO(export_pdf_bytes(small_doc)))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "試験に関する事務　重点項目評価書"
    assert meta.author == "試験市長"
    assert meta.producer == f"{APP_NAME} {__version__}"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait


def test_fonts_are_embedded_subsets(small_doc: Document) -> None:
    reader = PdfReader(io.BytesIO(export_pdf_bytes(small_doc)))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font.get("/Subtype") == "/TrueType" or "BIZUD" in str(font.get("/BaseFont")):
                names.add(str(font["/BaseFont"]))
                assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert names and all("+" in n for n in names)  # "AAAAAA+…": a subset


def test_public_pdf_redacts_and_carries_no_document(small_doc: Document) -> None:
    small_doc.non_public = ["IV.2.1"]
    public = export_pdf_bytes(small_doc, public=True)
    text = body_text(page_texts(public))
    assert "（非公表）" in text and "000-000-0000" not in text
    assert read_embedded_document(public) is None
    full = body_text(page_texts(export_pdf_bytes(small_doc)))
    assert "000-000-0000" in full and "（非公表）" not in full


def test_public_pdf_refuses_to_embed(small_doc: Document) -> None:
    with pytest.raises(PiaError):
        export_pdf_bytes(small_doc, public=True, embed_document=True)


def test_pdf_from_elsewhere_has_no_document(small_doc: Document) -> None:
    plain = export_pdf_bytes(small_doc, embed_document=False)
    assert read_embedded_document(plain) is None


def test_damaged_pdf_raises_pia_error(small_doc: Document, tmp_path: Path) -> None:
    data = export_pdf_bytes(small_doc)
    with pytest.raises(PiaError):
        read_embedded_document(b"not a pdf at all")
    with pytest.raises(PiaError):
        read_embedded_document(data[: len(data) // 3])
    with pytest.raises(PiaError):
        read_embedded_document(tmp_path / "missing.pdf")


def test_damaged_attachment_raises_pia_error(small_doc: Document) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(export_pdf_bytes(small_doc, embed_document=False)))
    writer.add_attachment(EMBEDDED_NAME, b'{"format": "pia-desktop/assessment", "format_version": 1, "values": [')
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(PiaError) as err:
        read_embedded_document(out.getvalue())
    assert "添付" in err.value.message


def test_document_of_another_form_is_refused(form: FormDefinition, small_doc: Document) -> None:
    other = replace(small_doc, form_id="yoshiki3-other")
    with pytest.raises(PiaError):
        export_pdf_bytes(other, form)


def test_write_to_missing_folder_is_a_pia_error(small_doc: Document, tmp_path: Path) -> None:
    with pytest.raises(PiaError):
        export_pdf(small_doc, tmp_path / "nowhere" / "out.pdf")

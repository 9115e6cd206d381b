"""The export's shortcuts through ReportLab give exactly ReportLab's result."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from pia_desktop.domain.document import Document
from pia_desktop.pdf.drawing import text as drawing
from pia_desktop.pdf.exporter import export_pdf_bytes
from pia_desktop.pdf.fonts import register_fonts
from pia_desktop.pdf.paragraph import Para

TEXTS = [
    "特定個人情報ファイルを取り扱う事務",
    "  前後の空白　と\u00a0 \u00a0連続した  空白",
    "タブ\tの後",
    "A&amp;B &lt;tag&gt;",  # markup: ReportLab's parser
    "\u00a0",
    "長い文章、" * 80 + "。",
]


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("style_name", ["value", "label", "outer", "band", "choice", "cell_center"])
def test_para_is_built_and_wrapped_as_reportlabs_paragraph(text: str, style_name: str) -> None:
    st = drawing.style(style_name)
    ours, theirs = Para(text, st), Paragraph(text, st)
    assert ours.text == theirs.text
    assert [vars(f) for f in ours.frags] == [vars(f) for f in theirs.frags]
    for width in (120.0, 300.0, 120.0, 300.0, 0.0, 120.0):  # repeated widths hit the kept result
        assert ours.wrap(width, 50) == theirs.wrap(width, 50)
        assert (ours.width, ours.height) == (theirs.width, theirs.height)
        assert repr(getattr(ours, "blPara", None)) == repr(getattr(theirs, "blPara", None))
    for height in (30.0, 5.0, 200.0):
        a, b = ours.split(120.0, height), theirs.split(120.0, height)
        assert [type(p).__name__ for p in a] == [type(p).__name__.replace("Paragraph", "Para") for p in b]
        assert [(p.wrap(120.0, 1000), repr(p.blPara.lines)) for p in a] == [(p.wrap(120.0, 1000), repr(p.blPara.lines)) for p in b]
        assert ours.wrap(120.0, 50) == theirs.wrap(120.0, 50)  # after a split that gave up (blPara deleted)


def test_tables_of_para_draw_the_same_bytes() -> None:
    """A table long enough to split rows across pages, once with Para and once with ReportLab's Paragraph."""

    def pdf(make: type[Paragraph]) -> bytes:
        st = drawing.style("value")
        rows = [[make(f"項目{i}", st), [make(line, st) for line in TEXTS * 3]] for i in range(6)]
        buf = io.BytesIO()
        SimpleDocTemplate(buf, pagesize=A4, invariant=1).build([Table(rows, colWidths=[100, 300], splitInRow=28)])
        return buf.getvalue()

    ours, theirs = pdf(Para), pdf(Paragraph)
    assert len(PdfReader(io.BytesIO(ours)).pages) > 1
    assert ours == theirs


def test_page_streams_are_flate_only(small_doc: Document) -> None:
    for page in PdfReader(io.BytesIO(export_pdf_bytes(small_doc))).pages:
        assert page["/Contents"].get_object()["/Filter"] in ("/FlateDecode", ["/FlateDecode"])

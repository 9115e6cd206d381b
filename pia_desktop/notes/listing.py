"""The 指摘・回答一覧 for 決裁: every note of a 評価書 in document order, as xlsx and as PDF.

Every cell is written as text: a note that begins with "=" stays words in the spreadsheet, never a live
formula (nor a link that opens something).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.validation import describe
from pia_desktop.notes.merge import StoredNote
from pia_desktop.notes.service import document_order, item_value
from pia_desktop.shared.xlsx_out import put_text, save_workbook

COLUMNS = ("番号", "項目", "種類", "指摘", "指摘者", "指摘日", "状態", "回答", "指摘時の記載", "現在の記載")
WIDTHS = (6, 36, 9, 40, 12, 12, 8, 40, 30, 30)


@dataclass(frozen=True)
class NoteRow:
    number: int
    item: str
    kind: str
    text: str
    by: str
    at: str
    state: str
    answers: str
    value_then: str
    value_now: str

    def cells(self) -> list[str]:
        return [str(self.number), self.item, self.kind, self.text, self.by, self.at, self.state, self.answers,
                self.value_then, self.value_now]


def note_rows(form: FormDefinition, doc: Document, notes: list[StoredNote]) -> list[NoteRow]:
    rows = []
    for i, stored in enumerate(document_order(form, doc, notes), 1):
        n = stored.note
        answers = "\n".join(f"{a.at[:10]} {a.by}：{a.text}" if a.by else f"{a.at[:10]}：{a.text}" for a in n.answers)
        state = n.state + ("（食い違いあり）" if stored.conflicts else "")
        # today's value: the author's, as their last notes file said, else this store's own
        now = stored.reported if stored.reported is not None else item_value(form, doc, n.item)
        rows.append(NoteRow(i, describe(form, n.item), n.kind, n.text, n.by, n.at[:10], state, answers, n.value_then, now))
    return rows


def write_xlsx(rows: list[NoteRow], path: Path, *, title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "指摘・回答一覧"
    put_text(ws.cell(1, 1), f"指摘・回答一覧　{title}")
    ws.append(list(COLUMNS))
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_number, r in enumerate(rows, 3):
        for col, text in enumerate(r.cells(), 1):
            cell = ws.cell(row_number, col)
            put_text(cell, text)
            cell.alignment = wrap
    for i, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{len(rows) + 2}"
    save_workbook(wb, path)


def write_pdf(rows: list[NoteRow], path: Path, *, title: str) -> None:
    """A4 landscape table (not the official layout: a working paper for 決裁)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    from pia_desktop.fileio import atomic_write_bytes
    from pia_desktop.pdf.fonts import GOTHIC, register_fonts

    register_fonts()
    cell = ParagraphStyle("cell", fontName=GOTHIC, fontSize=7.5, leading=10)
    head = ParagraphStyle("head", fontName=GOTHIC, fontSize=12, leading=16)

    def p(text: str) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), cell)

    import io

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=f"指摘・回答一覧 {title}")
    keep = (0, 1, 2, 3, 4, 5, 6, 7, 9)  # the value when written is in the xlsx; the PDF keeps to the page
    widths = [w for i, w in enumerate((10, 52, 16, 62, 20, 18, 16, 62, 0, 21)) if i in keep]
    data = [[p(COLUMNS[i]) for i in keep]] + [[p(r.cells()[i]) for i in keep] for r in rows]
    table = LongTable(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE6F0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    doc.build([Paragraph(escape(f"指摘・回答一覧　{title}"), head), Spacer(1, 4 * mm), table])
    atomic_write_bytes(path, buf.getvalue())

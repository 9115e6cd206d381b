"""ReportLab drawing of the print view: bordered platypus tables, label column left, content right.

Step three of the export. Every value line is a wrapping Paragraph (``wordWrap='CJK'``: Japanese line
breaking, no line starting with 。、」). Each row is a table of its own on a shared column grid, so the
rows read as one bordered table; rows split inside (``splitInRow``) so a cell taller than a page
continues on the next one instead of being cut. Form text (labels, bands) is set in BIZ UDゴシック,
entered content in BIZ UD明朝.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from pia_desktop.domain.form_definition import ItemType
from pia_desktop.pdf.fonts import GOTHIC, GOTHIC_BOLD, MINCHO
from pia_desktop.pdf.glyphs import printed_text
from pia_desktop.pdf.paragraph import Para
from pia_desktop.pdf.view_model import (
    CHOICE_CAPTION,
    Band,
    Caption,
    CheckGrid,
    Choice,
    Content,
    Field,
    PrintView,
    Row,
    Section,
    Text,
    Wide,
)

PAGE_SIZE = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 17 * mm
FOOTER_Y = 9 * mm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

OUTER_W = 46.0
INNER_W = 108.0
CHOICE_W = 128.0
PAD_X = 3.0
PAD_Y = 2.2
LINE_W = 0.6
LINE = colors.black
BAND_BG = colors.Color(0.82, 0.82, 0.82)
RISK_BG = colors.Color(0.91, 0.91, 0.91)
HEAD_BG = colors.Color(0.88, 0.88, 0.88)
SPLIT_MIN = 28  # points: a row is split across pages only if both pieces get at least this much

# 別添2: column widths by the kind of item in the column
_TABLE_COL_W = {ItemType.DATE: 76.0, ItemType.CHOICE: 42.0}


def escape(text: str) -> str:
    """xml.sax.saxutils.escape without importing it (it pulls urllib.request, http.client and ssl into every export)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@cache
def style(name: str) -> ParagraphStyle:
    base = {"wordWrap": "CJK", "allowWidows": 1, "allowOrphans": 1}
    table: dict[str, dict[str, Any]] = {
        "value": {"fontName": MINCHO, "fontSize": 9, "leading": 12.4},
        "label": {"fontName": GOTHIC, "fontSize": 8.4, "leading": 11.2},
        "outer": {"fontName": GOTHIC, "fontSize": 8.4, "leading": 11.2, "alignment": TA_CENTER},
        "band": {"fontName": GOTHIC_BOLD, "fontSize": 9, "leading": 12},
        "boxes": {"fontName": MINCHO, "fontSize": 8.6, "leading": 11.2, "alignment": TA_RIGHT},
        "choice": {"fontName": MINCHO, "fontSize": 9, "leading": 12, "alignment": TA_CENTER},
        "option": {"fontName": MINCHO, "fontSize": 8, "leading": 10.4},
        "check": {"fontName": MINCHO, "fontSize": 8.6, "leading": 11.4},
        "check_caption": {"fontName": GOTHIC, "fontSize": 8.4, "leading": 11.2},
        "suffix": {"fontName": MINCHO, "fontSize": 9, "leading": 12, "alignment": TA_RIGHT},
        "cell": {"fontName": MINCHO, "fontSize": 8.4, "leading": 11.2},
        "head": {"fontName": GOTHIC, "fontSize": 8.4, "leading": 11.2, "alignment": TA_CENTER},
        "cell_center": {"fontName": MINCHO, "fontSize": 8.4, "leading": 11.2, "alignment": TA_CENTER},
        "head_value": {"fontName": MINCHO, "fontSize": 9.5, "leading": 13, "alignment": TA_LEFT},
        "head_number": {"fontName": MINCHO, "fontSize": 9.5, "leading": 13, "alignment": TA_CENTER},
        "stamp": {"fontName": MINCHO, "fontSize": 9, "leading": 12},
        "title": {"fontName": GOTHIC_BOLD, "fontSize": 14.5, "leading": 20, "alignment": TA_CENTER},
        "section": {"fontName": GOTHIC_BOLD, "fontSize": 11.5, "leading": 16, "spaceAfter": 3, "keepWithNext": 1},
    }
    spec = table[name]
    if spec.get("alignment", TA_LEFT) == TA_LEFT:
        spec.setdefault("rightIndent", spec["fontSize"] / 2)  # room for a hung 。、 (kinsoku) inside the cell
    return ParagraphStyle(name, **base, **spec)


def _line_markup(line: str) -> str:
    """One line of plain text as Paragraph markup: escaped, runs of spaces kept, variation sequences as the
    fonts draw them, missing characters with their text (glyphs.py)."""
    return escape(printed_text(line).replace("\t", "    ")).replace("  ", " \u00a0")


def para(text: str, style_name: str) -> Paragraph:
    """A one-line text (label, option, heading) as a wrapping paragraph."""
    return Para(_line_markup(" ".join(text.splitlines())) or "\u00a0", style(style_name))


def text_block(text: str, style_name: str, min_lines: int = 0) -> list[Flowable]:
    """Multi-line text as one paragraph per line. Single-line paragraphs take ReportLab's fast CJK
    wrapping path, and they avoid its stray empty line after a hung 。 before a <br/>."""
    st = style(style_name)
    lines = text.splitlines() if text else []
    lines += [""] * (min_lines - len(lines))
    return [Para(_line_markup(line) or "\u00a0", st) for line in lines]


class SplittingTable(Table):
    """A table that never gives up on a row taller than a page.

    Rows split inside (``splitInRow``) only where both pieces get SPLIT_MIN points, so no piece is a
    sliver. A row that cannot be placed otherwise (at the top of a page, or taller than a page) is
    split with no minimum: a short piece beats ReportLab's "too large" error, which would lose the
    whole export.
    """

    keep_rows = False  # rows move to the next page whole unless taller than a page (別添2)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", True))
        self._calc(availWidth, availHeight)
        first = sum(self._rowHeights[: self.repeatRows + 1])
        oversize = first > getattr(frame, "_height", availHeight)
        if self.keep_rows:
            pieces = self._splitRows(availHeight, doInRowSplit=False)
            if not pieces and (at_top or oversize):
                pieces = self._splitRows(availHeight, doInRowSplit=True)
        else:
            pieces = super().split(availWidth, availHeight)
        if not pieces and (at_top or oversize) and self.splitInRow > 1:
            keep, self.splitInRow = self.splitInRow, 1
            try:
                pieces = self.split(availWidth, availHeight)
            finally:
                self.splitInRow = keep
        return pieces


class RowKeepingTable(SplittingTable):
    """Rows move to the next page whole (a short row split at the foot of a page leaves its cells'
    pieces interleaved across the break, and the table header repeated in mid-page)."""

    keep_rows = True


# -- contents ------------------------------------------------------------------------------------------


def _grid_table(cells: list[list[Any]], width: float, columns: int, spans: Sequence[int] = ()) -> Table:
    cmds: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 0.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6),
    ]
    for r in spans:
        cmds.append(("SPAN", (0, r), (columns - 1, r)))
    padded = [row + [""] * (columns - len(row)) for row in cells]
    return SplittingTable(padded, colWidths=[width / columns] * columns, style=cmds, splitByRow=1, splitInRow=SPLIT_MIN)


def options_flowables(choice: Choice, width: float) -> list[Flowable]:
    out: list[Flowable] = [para(CHOICE_CAPTION, "option")]
    columns = max(len(r) for r in choice.options) if choice.options else 1
    if columns == 1:
        out += [para(r[0], "option") for r in choice.options]
    else:
        cells = [[para(t, "option") for t in r] for r in choice.options]
        out.append(_grid_table(cells, width, columns))
    if choice.suffix:
        out.append(para(choice.suffix, "suffix"))
    return out


def check_grid_flowable(grid: CheckGrid, width: float) -> Flowable:
    cells: list[list[Any]] = []
    spans: list[int] = []
    for i, row in enumerate(grid.rows):
        name = "check_caption" if row.caption else "check"
        cells.append([para(t, name) for t in row.cells])
        if row.span:
            spans.append(i)
    return _grid_table(cells, width, grid.columns, spans)


def content_cell(content: Content, width: float) -> Any:
    inner = width - 2 * PAD_X
    if isinstance(content, Text):
        return text_block(content.text, "value", content.min_lines) if content.text or content.min_lines else ""
    if isinstance(content, CheckGrid):
        return check_grid_flowable(content, inner)
    return [para(content.value, "choice")]  # the options go in the next column (see _field_cells)


# -- body rows -----------------------------------------------------------------------------------------
#
# Each row is a table of its own, with exactly the columns it needs and no column spans: ReportLab
# re-wraps a spanned cell at the width of its first column when it splits a row across pages. The rows
# share one grid (LABEL_W, CHOICE_W …), so they read as one table.

LABEL_W = OUTER_W + INNER_W
VALUE_W = FRAME_WIDTH - LABEL_W
OPTIONS_W = VALUE_W - CHOICE_W
BOXES_W = 210.0


@dataclass(slots=True)
class _RowTable:
    cells: list[Any]
    widths: list[float]
    cmds: list[tuple[Any, ...]]
    outer: bool = False  # the first column is the outer label column of a two-level row


def _row_table(row: Row, two_level: bool) -> _RowTable:
    """Cells and widths of one row; ``two_level``: lay a plain field out on the two-level grid
    (its sub-rows follow and share the outer column)."""
    if isinstance(row, Band):
        bg = BAND_BG if row.kind in ("heading", "group") else RISK_BG
        if row.value is not None:
            return _RowTable([para(row.text, "band"), content_cell(row.value, VALUE_W)], [LABEL_W, VALUE_W],
                             [("BACKGROUND", (0, 0), (0, 0), bg), ("LINEAFTER", (0, 0), (0, 0), LINE_W, LINE)])
        if row.boxes:
            return _RowTable([para(row.text, "band"), para("\u3000".join(row.boxes), "boxes")],
                             [FRAME_WIDTH - BOXES_W, BOXES_W], [("BACKGROUND", (0, 0), (-1, -1), bg)])
        return _RowTable([para(row.text, "band")], [FRAME_WIDTH], [("BACKGROUND", (0, 0), (-1, -1), bg)])
    if isinstance(row, Caption):
        return _RowTable([para(row.text, "label")], [FRAME_WIDTH], [])
    if isinstance(row, Wide):
        if isinstance(row.content, Choice):  # a choice on a row of its own (基礎 Ⅲ): the value, then ＜選択肢＞
            widths = [FRAME_WIDTH - OPTIONS_W, OPTIONS_W]
            return _RowTable([content_cell(row.content, widths[0]), options_flowables(row.content, OPTIONS_W - 2 * PAD_X)],
                             widths, [("LINEAFTER", (0, 0), (0, 0), LINE_W, LINE), ("VALIGN", (0, 0), (0, 0), "MIDDLE")])
        return _RowTable([content_cell(row.content, FRAME_WIDTH)], [FRAME_WIDTH], [])
    assert isinstance(row, Field)
    # labels at the top: when a row runs across pages, its label stays where its text begins
    cmds: list[tuple[Any, ...]] = []
    if row.outer is not None:
        cells: list[Any] = [para(row.outer, "outer") if row.outer else "", para(row.label, "label")]
        widths = [OUTER_W, INNER_W]
    elif two_level:
        cells = [para(row.label, "label"), ""]
        widths = [OUTER_W, INNER_W]
        cmds.append(("SPAN", (0, 0), (1, 0)))
    else:
        cells = [para(row.label, "label")]
        widths = [LABEL_W]
    content = row.content
    if isinstance(content, Choice):
        cells += [content_cell(content, CHOICE_W), options_flowables(content, OPTIONS_W - 2 * PAD_X)]
        widths += [CHOICE_W, OPTIONS_W]
        cmds.append(("VALIGN", (-2, 0), (-2, 0), "MIDDLE"))
    else:
        cells.append(content_cell(content, VALUE_W))
        widths.append(VALUE_W)
    first_vertical = 1 if (two_level and row.outer is None) else 0
    cmds += [("LINEAFTER", (c, 0), (c, 0), LINE_W, LINE) for c in range(first_vertical, len(widths) - 1)]
    return _RowTable(cells, widths, cmds, outer=row.outer is not None or two_level)


def _continues(row: Row | None) -> bool:
    return isinstance(row, Field) and row.continued


_BASE_CMDS: list[tuple[Any, ...]] = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
    ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
    ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
    ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y + 0.6),
    # close the box where a row is split across pages
    ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), LINE_W, LINE),
    ("LINEABOVE", (0, "splitfirst"), (-1, "splitfirst"), LINE_W, LINE),
]


def row_flowable(row: Row, nxt: Row | None, *, close_top: bool = False, close_bottom: bool = False) -> Table:
    """One row as a table. A sub-row shares the outer label cell with the row above, so there is no
    line between them there, unless a page break falls between them (``close_top``/``close_bottom``)."""
    rt = _row_table(row, two_level=_continues(nxt) and not _continues(row) and isinstance(row, Field))
    top = 1 if _continues(row) and not close_top else 0
    bottom = 1 if _continues(nxt) and rt.outer and not close_bottom else 0
    cmds = [
        *_BASE_CMDS,
        *rt.cmds,
        ("LINEBEFORE", (0, 0), (0, 0), LINE_W, LINE),
        ("LINEAFTER", (-1, 0), (-1, 0), LINE_W, LINE),
        ("LINEABOVE", (top, 0), (-1, 0), LINE_W, LINE),
        ("LINEBELOW", (bottom, 0), (-1, 0), LINE_W, LINE),
    ]
    table = SplittingTable([rt.cells], colWidths=rt.widths, style=cmds, splitByRow=1, splitInRow=SPLIT_MIN)
    if isinstance(row, Band | Caption):
        table.keepWithNext = 1  # a heading never stays alone at the foot of a page
    return table


@dataclass(slots=True)
class _GroupEntry:
    row: Row
    nxt: Row | None
    table: Table
    piece: bool = False  # the rest of a row split across pages (its box is already closed)


class RowGroup(Flowable):
    """A row and its sub-rows sharing the outer label column ("再委託" over ④⑤⑥). Splitting across
    pages closes the box on both sides of the break, which single-row tables cannot know about."""

    def __init__(self, entries: list[_GroupEntry]) -> None:
        super().__init__()
        self.entries = entries
        self._heights: list[float] = []

    @classmethod
    def of(cls, rows: Sequence[Row], following: Row | None) -> RowGroup:
        entries = []
        for i, row in enumerate(rows):
            nxt = rows[i + 1] if i + 1 < len(rows) else following
            entries.append(_GroupEntry(row, nxt, row_flowable(row, nxt)))
        return cls(entries)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._heights = [e.table.wrap(availWidth, availHeight)[1] for e in self.entries]
        self.width = availWidth
        self.height = sum(self._heights)
        return availWidth, self.height

    def draw(self) -> None:
        y = self.height
        for entry, h in zip(self.entries, self._heights, strict=True):
            y -= h
            entry.table.drawOn(self.canv, 0, y)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        used = 0.0
        i = 0
        while i < len(self.entries) and used + self._heights[i] <= availHeight:
            used += self._heights[i]
            i += 1
        if i == len(self.entries):
            return [self]
        pieces = self.entries[i].table.split(availWidth, availHeight - used)
        if len(pieces) == 2:  # the row itself splits: its pieces close their boxes
            e = self.entries[i]
            first = [*self.entries[:i], _GroupEntry(e.row, e.nxt, pieces[0], True)]
            rest = [_GroupEntry(e.row, e.nxt, pieces[1], True), *self.entries[i + 1 :]]
            return [RowGroup(first), RowGroup(rest)]
        if i == 0:
            return []
        first, rest = self.entries[:i], self.entries[i:]
        last, head = first[-1], rest[0]
        if not last.piece:
            first[-1] = _GroupEntry(last.row, last.nxt, row_flowable(last.row, last.nxt, close_bottom=True))
        if not head.piece:
            rest[0] = _GroupEntry(head.row, head.nxt, row_flowable(head.row, head.nxt, close_top=True))
        return [RowGroup(first), RowGroup(rest)]


def body_flowables(rows: Sequence[Row]) -> list[Flowable]:
    """Each row a table; a row with sub-rows (continued rows) goes into one RowGroup with them."""
    out: list[Flowable] = []
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and _continues(rows[j]):
            j += 1
        following = rows[j] if j < len(rows) else None
        if j - i > 1:
            out.append(RowGroup.of(rows[i:j], following))
        else:
            out.append(row_flowable(rows[i], following))
        i = j
    return out


class KeepHeadingWithStart(KeepTogether):
    """Keeps heading rows with the start of the row after them, not with all of it: that row may be
    pages long, and moving it whole would leave most of a page blank."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        heights = [f.wrapOn(self.canv, aW, 0xFFFFFF)[1] for f in self._content]
        need = sum(heights[:-1]) + min(heights[-1], KEEP_MIN)
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        content = list(self._content)
        if need > aH and not at_top:
            content.insert(0, self.FrameBreak())
        return content


KEEP_MIN = 40.0  # points of the following row that must fit under a heading


# -- sections ----------------------------------------------------------------------------------------


def cover_flowables(section: Section) -> list[Flowable]:
    out: list[Flowable] = []
    if section.stamp:
        out += [para(section.stamp, "stamp"), Spacer(0, 14)]
    if section.heading:
        out += [para(section.heading, "title"), Spacer(0, 14)]
    if section.head:
        widths = [90.0, FRAME_WIDTH - 90.0] if len(section.head) == 2 else [FRAME_WIDTH / len(section.head)] * len(section.head)
        labels = [para(label, "head") for label, _ in section.head]
        values = [text_block(v, "head_number" if i == 0 and len(section.head) == 2 else "head_value") for i, (_, v) in enumerate(section.head)]
        cmds: list[tuple[Any, ...]] = [
            *_BASE_CMDS,
            ("GRID", (0, 0), (-1, -1), LINE_W, LINE),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        out += [SplittingTable([labels, values], colWidths=widths, style=cmds, splitInRow=SPLIT_MIN), Spacer(0, 14)]
    rows = section.rows
    for i in range(0, len(rows), 2):  # each label band with its box, spaced as on the form
        out += [*body_flowables(rows[i : i + 2]), Spacer(0, 10)]
    return out


def table_section_flowables(section: Section) -> list[Flowable]:
    fixed = sum(_TABLE_COL_W.get(c.kind, 0.0) for c in section.columns)
    flexible = [c for c in section.columns if c.kind not in _TABLE_COL_W]
    share = (FRAME_WIDTH - fixed) / max(1, len(flexible))
    widths = [_TABLE_COL_W.get(c.kind, share) for c in section.columns]
    centered = {i for i, c in enumerate(section.columns) if c.kind == ItemType.CHOICE}
    head = [para(c.label, "head") for c in section.columns]
    body = []
    rows = section.table_rows or [()]
    for values in rows:
        padded = list(values) + [""] * (len(section.columns) - len(values))
        body.append([text_block(v, "cell_center" if i in centered else "cell") if v else "" for i, v in enumerate(padded)])
    cmds = [
        *_BASE_CMDS,
        ("GRID", (0, 0), (-1, -1), LINE_W, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
    ]
    if len(section.table_rows) == 0:
        cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, 1), [colors.white]))
    return [RowKeepingTable([head, *body], colWidths=widths, style=cmds, repeatRows=1, splitByRow=1, splitInRow=SPLIT_MIN)]


def section_flowables(section: Section) -> list[Flowable]:
    if section.kind == "cover":
        return cover_flowables(section)
    out: list[Flowable] = [para(section.title, "section")]
    if section.kind == "table":
        return out + table_section_flowables(section)
    return out + body_flowables(section.rows)


def story(view: PrintView) -> list[Flowable]:
    out: list[Flowable] = []
    for section in view.sections:
        if section.new_page:
            out.append(PageBreak())
        elif out:
            out.append(Spacer(0, 12))
        out += section_flowables(section)
    return out

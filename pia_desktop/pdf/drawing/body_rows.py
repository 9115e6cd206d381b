"""The rows of a section (bands, captions, label │ content rows), each a table of its own.

Each row is a table of its own, with exactly the columns it needs and no column spans: ReportLab
re-wraps a spanned cell at the width of its first column when it splits a row across pages. The rows
share one grid (layout.py: LABEL_W, CHOICE_W …), so they read as one table. A row with sub-rows sharing
its outer label column goes into one RowGroup with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, Table

from pia_desktop.pdf.drawing.cells import content_cell, options_flowables
from pia_desktop.pdf.drawing.layout import (
    BAND_BG,
    BASE_CMDS,
    BOXES_W,
    CHOICE_W,
    FRAME_WIDTH,
    INNER_W,
    LABEL_W,
    LINE,
    LINE_W,
    OPTIONS_W,
    OUTER_W,
    PAD_X,
    RISK_BG,
    VALUE_W,
)
from pia_desktop.pdf.drawing.page_breaks import SPLIT_MIN, SplittingTable
from pia_desktop.pdf.drawing.text import para
from pia_desktop.pdf.view_model.cells import Choice
from pia_desktop.pdf.view_model.rows import Band, Caption, Field, Row, Wide


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


def row_flowable(row: Row, nxt: Row | None, *, close_top: bool = False, close_bottom: bool = False) -> Table:
    """One row as a table. A sub-row shares the outer label cell with the row above, so there is no
    line between them there, unless a page break falls between them (``close_top``/``close_bottom``)."""
    rt = _row_table(row, two_level=_continues(nxt) and not _continues(row) and isinstance(row, Field))
    top = 1 if _continues(row) and not close_top else 0
    bottom = 1 if _continues(nxt) and rt.outer and not close_bottom else 0
    cmds = [
        *BASE_CMDS,
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

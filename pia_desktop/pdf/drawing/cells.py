"""What a value cell holds, as flowables: text lines, a choice with its ＜選択肢＞, a grid of check boxes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Table

from pia_desktop.pdf.drawing.layout import PAD_X
from pia_desktop.pdf.drawing.page_breaks import SPLIT_MIN, SplittingTable
from pia_desktop.pdf.drawing.text import para, text_block
from pia_desktop.pdf.view_model.cells import CHOICE_CAPTION, CheckGrid, Choice, Content, Text


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

"""The sections of the print view as flowables: the cover, the 別添2 table, body sections; the whole story."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, Spacer

from pia_desktop.domain.form_definition import ItemType
from pia_desktop.pdf.drawing.body_rows import body_flowables
from pia_desktop.pdf.drawing.layout import BASE_CMDS, FRAME_WIDTH, HEAD_BG, LINE, LINE_W
from pia_desktop.pdf.drawing.page_breaks import SPLIT_MIN, RowKeepingTable, SplittingTable
from pia_desktop.pdf.drawing.text import para, text_block
from pia_desktop.pdf.view_model.rows import PrintView, Section

# 別添2: column widths by the kind of item in the column
_TABLE_COL_W = {ItemType.DATE: 76.0, ItemType.CHOICE: 42.0}


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
            *BASE_CMDS,
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
        *BASE_CMDS,
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

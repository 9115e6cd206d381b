"""The page and the table grid every row shares: A4 margins, column widths, padding, lines and shades."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

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

# The rows share one grid (LABEL_W, CHOICE_W …), so they read as one table (body_rows.py).
LABEL_W = OUTER_W + INNER_W
VALUE_W = FRAME_WIDTH - LABEL_W
OPTIONS_W = VALUE_W - CHOICE_W
BOXES_W = 210.0

# The padding and the box of every bordered table.
BASE_CMDS: list[tuple[Any, ...]] = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
    ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
    ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
    ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y + 0.6),
    # close the box where a row is split across pages
    ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), LINE_W, LINE),
    ("LINEABOVE", (0, "splitfirst"), (-1, "splitfirst"), LINE_W, LINE),
]

"""The home list's column widths, measured from the rows' texts once per refresh.

Qt's ResizeToContents asks the model for every cell's size (seven roles each) on every layout, change and
selection: with a city's thousand 評価書 that was most of the list's start. Here each column is as wide as
its widest text — only the few longest texts of a column are measured — or its header, and the user may
still drag a column wider."""

from __future__ import annotations

import heapq
import unicodedata

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from pia_desktop.ui.home.list_rows import COL_STATUS, ListRow

MEASURED = 6  # texts measured per column: the longest by their printed width in half-width cells


def _cells_wide(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit_columns(table: QTableView, rows: list[ListRow], stretch: int) -> None:
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    bold_font = QFont(table.font())
    bold_font.setBold(True)
    bold = QFontMetrics(bold_font)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    padding = 2 * margin + 1  # Qt's text margin on each side and the grid line, as its own size hint has them
    for column in range(header.count()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        texts = {row.cells[column] for row in rows}
        fm = bold if column == COL_STATUS else metrics  # 公表済 is bold
        widest = max((fm.horizontalAdvance(t) for t in heapq.nlargest(MEASURED, texts, key=_cells_wide)), default=0)
        header.resizeSection(column, max(header.sectionSizeFromContents(column).width(), widest + padding))

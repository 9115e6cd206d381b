"""The 共通項目 editor's table of where a fact is used: one row per 評価書 and item, with a box to tick
the 評価書 a change is applied to (反映), the item's current text and whether it is the fact's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from pia_desktop.shared import facts as sf
from pia_desktop.storage.store import FactRow
from pia_desktop.ui.shell.look import COLOR_ERROR

USAGE_COLUMNS = ("反映", "評価書", "種類", "項目", "現在の記載", "状態")


def usage_table() -> QTableWidget:
    """The empty table: read-only rows, one line each; the current text takes the width left."""
    table = QTableWidget(0, len(USAGE_COLUMNS))
    table.setHorizontalHeaderLabels(list(USAGE_COLUMNS))
    table.setAccessibleName("使っている評価書と項目")
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for col in (1, 3):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
    return table


def fill_usages(table: QTableWidget, kind: str, uses: list[sf.Usage]) -> None:
    """One row per use of a fact of ``kind``; ticked where the item is there to change."""
    for u in uses:
        r = table.rowCount()
        table.insertRow(r)
        box = QTableWidgetItem("")
        box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        box.setCheckState(Qt.CheckState.Checked if u.present else Qt.CheckState.Unchecked)
        cells = [box, QTableWidgetItem(u.title), QTableWidgetItem(u.form_short), QTableWidgetItem(u.item),
                 QTableWidgetItem(" ".join(sf.fact_text(FactRow(0, "", kind, "", u.current, ""), limit=80).split()) if u.current else ""),
                 QTableWidgetItem("同じ" if u.in_sync else ("項目がありません" if not u.present else "異なる"))]
        if not u.in_sync:
            cells[5].setForeground(QBrush(QColor(COLOR_ERROR)))
        for c, cell in enumerate(cells):
            table.setItem(r, c, cell)
    table.setColumnWidth(1, 260)
    table.setColumnWidth(3, 260)
    for r in range(table.rowCount()):  # one line each; the whole text as a tooltip
        for c in (1, 3, 4):
            cell = table.item(r, c)
            cell.setToolTip(cell.text())

"""The home list's Qt model over the rows of ``list_rows``: it answers only for the cells the view asks
for, and a batch of 記入率 filled in is one change, not one per row (each change makes the sorting
proxy and the header look at every row again)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from pia_desktop.ui.home.list_rows import COL_PERCENT, COL_STATUS, COLUMNS, ListRow

ROLE_ID = Qt.ItemDataRole.UserRole + 1  # the row's assessment id (the proxy and the view read the rows themselves)
COLOR_PUBLISHED = "#1f5a3a"  # 公表済: a settled green, bold (read-only baseline, not an alarm)
COLOR_OVERDUE = "#b00020"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_Index = QModelIndex | QPersistentModelIndex


class ListModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ListRow] = []
        self._row_of: dict[int, int] = {}
        self._published = QBrush(QColor(COLOR_PUBLISHED))
        self._overdue = QBrush(QColor(COLOR_OVERDUE))
        self._bold: QFont | None = None

    def set_rows(self, rows: list[ListRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._row_of = {row.aid: r for r, row in enumerate(rows)}
        self.endResetModel()

    def reorder(self, rows: list[ListRow]) -> None:
        """The same rows in another order (a header click): the selection and the current row follow them."""
        old = self.rows
        self.layoutAboutToBeChanged.emit()
        self.rows = rows
        self._row_of = {row.aid: r for r, row in enumerate(rows)}
        persistent = self.persistentIndexList()
        moved = [self.index(self._row_of[old[p.row()].aid], p.column()) for p in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def row_of(self, aid: int) -> ListRow | None:
        r = self._row_of.get(aid)
        return self.rows[r] if r is not None else None

    def rows_changed(self, aids: list[int], first_column: int = 0, last_column: int = len(COLUMNS) - 1) -> None:
        """Tell the views once that these rows changed (their 記入率, or a 破損 mark)."""
        found = [self._row_of[a] for a in aids if a in self._row_of]
        if found:
            self.dataChanged.emit(self.index(min(found), first_column), self.index(max(found), last_column))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col]
        if role == ROLE_ID:
            return row.aid
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tips.get(col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col in row.overdue:
                return self._overdue
            return self._published if col == COL_STATUS and row.published else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold_font() if col == COL_STATUS and row.published else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col == COL_PERCENT else None
        return None

    def _bold_font(self) -> QFont:
        if self._bold is None:
            self._bold = QFont()
            self._bold.setBold(True)
        return self._bold

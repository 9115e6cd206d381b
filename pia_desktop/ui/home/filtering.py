"""The home screen's filtering (typed words, the 期限が近いもの filter) and the door to its sorting: a
header click sorts the model's rows in Python (``ordering``); this proxy only hides rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from pia_desktop.ui.home.list_rows import ListRow, fold
from pia_desktop.ui.home.ordering import SortBy, kept_positions, ordered


class FilterProxy(QSortFilterProxyModel):
    """Every typed word must appear somewhere in the row (full/half width and case ignored). The rows come
    in the order the model holds them; ``sort`` (a header click) reorders the model."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.due_until: str | None = None  # ISO date: only rows due on or before it
        self.by = SortBy(column=0, descending=False)  # the order last asked for
        self.kept: dict[str, int] | None = None  # 事務 → position last shown, while the order is kept
        self.before_sort: Callable[[int], None] | None = None  # e.g. fill every 記入率 before sorting by it

    def _rows(self) -> list[ListRow]:
        return self.sourceModel().rows  # type: ignore[attr-defined, no-any-return]  # always a ListModel

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The user asked for an order (a header click): sort for real, forgetting the kept order."""
        self.kept = None
        if column < 0:
            return
        if self.before_sort is not None:
            self.before_sort(column)
        self.by = SortBy(column, order == Qt.SortOrder.DescendingOrder)
        self.sourceModel().reorder(ordered(self._rows(), self.by))  # type: ignore[attr-defined]

    def order_of(self, rows: list[ListRow]) -> list[ListRow]:
        """New rows in the order to show them: as kept, or as last asked for."""
        return ordered(rows, self.by, self.kept)

    def keep_order(self) -> None:
        """Remember where each 事務 is shown now (filtered-out rows included: the model holds every row in
        the order shown), so that the next refresh puts them back there; 事務 that are new then come first."""
        rows = self._rows()
        self.kept = kept_positions(rows) if rows else None

    def forget_order(self) -> None:
        self.kept = None

    def set_due_until(self, until: date | None) -> None:
        self.beginFilterChange()
        self.due_until = until.isoformat() if until else None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self.words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        row = self._rows()[source_row]
        if self.due_until is not None and (not row.next_due or row.next_due > self.due_until):
            return False
        return all(w in row.folded for w in self.words)

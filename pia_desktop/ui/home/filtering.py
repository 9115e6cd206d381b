"""The home screen's sorting and filtering: typed words, the 期限が近いもの filter, the 評価書 of one 事務
kept together whatever the column, and the order kept across refreshes until a header is clicked."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

ROLE_ID = Qt.ItemDataRole.UserRole + 1
ROLE_SORT = Qt.ItemDataRole.UserRole + 2
ROLE_NEXT_DUE = Qt.ItemDataRole.UserRole + 3  # the earlier due date (ISO), for the 期限が近いもの filter
ROLE_GROUP = Qt.ItemDataRole.UserRole + 4  # the 事務 the row belongs to (shared.lineage.group_keys)
ROLE_RANK = Qt.ItemDataRole.UserRole + 5  # (-年度, kind order, id): the order inside a 事務


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


class FilterProxy(QSortFilterProxyModel):
    """Every typed word must appear somewhere in the row (full/half width and case ignored).

    Sorting keeps the 評価書 of one 事務 together: a 事務 sorts by its first member in the chosen order
    (the smallest key ascending, the largest descending), and inside it 基礎, 重点, 全項目 follow each other."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.due_until: str | None = None  # ISO date: only rows due on or before it
        self.setSortRole(ROLE_SORT)
        self._group_keys: dict[tuple[str, int], tuple[object, object]] = {}
        self.groups_stale = True  # the rows changed since the keys were made (rebuild_groups before sorting)
        self._frozen: dict[str, int] | None = None  # 事務 → position last shown, while the order is kept
        self.before_sort: Callable[[int], None] | None = None  # e.g. fill every 記入率 before sorting by it

    def set_group_keys(self, rows: list[tuple[str, int, list[object]]]) -> None:
        """Each 事務's (smallest, largest) sort key per column from the rows as they are made (group, id,
        keys), without reading them back from the model."""
        keys: dict[tuple[str, int], list[object]] = {}
        for group, aid, row_keys in rows:
            for c, key in enumerate(row_keys):
                keys.setdefault((group, c), []).append(key)
            keys.setdefault((group, -1), []).append(aid)
        self._set_keys(keys)

    def _set_keys(self, keys: dict[tuple[str, int], list[object]]) -> None:
        self._group_keys = {}
        for k, values in keys.items():
            try:
                self._group_keys[k] = (min(values), max(values))  # type: ignore[type-var]
            except TypeError:
                self._group_keys[k] = (values[0], values[0])
        self.groups_stale = False

    def rebuild_groups(self) -> None:
        """Recompute each 事務's (smallest, largest) sort key per column, after the rows changed."""
        keys: dict[tuple[str, int], list[object]] = {}
        model = self.sourceModel()
        for r in range(model.rowCount()):
            group = model.index(r, 0).data(ROLE_GROUP)
            for c in range(model.columnCount()):
                keys.setdefault((group, c), []).append(model.index(r, c).data(ROLE_SORT))
        for r in range(model.rowCount()):
            group = model.index(r, 0).data(ROLE_GROUP)
            keys.setdefault((group, -1), []).append(int(model.index(r, 0).data(ROLE_ID)))
        self._set_keys(keys)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The user asked for an order (a header click): sort for real, forgetting the kept order."""
        self._frozen = None
        if self.before_sort is not None and column >= 0:
            self.before_sort(column)
        if self.groups_stale:
            self.rebuild_groups()
        if column == self.sortColumn() and order == self.sortOrder():
            self.invalidate()  # Qt skips a sort it thinks is already done: the kept order is not that sort
        else:
            super().sort(column, order)

    def keep_order(self) -> None:
        """Remember where each 事務 is shown now (filtered-out rows included), so that the next refresh
        puts them back there; 事務 that are new then come first."""
        model = self.sourceModel()
        if model.rowCount() == 0:
            self._frozen = None
            return
        if self.rowCount() == model.rowCount():  # nothing filtered out: the rows as shown
            shown = [self.index(r, 0) for r in range(self.rowCount())]
        else:  # place the hidden rows too, as they would be shown
            indexes = [model.index(r, max(self.sortColumn(), 0)) for r in range(model.rowCount())]

            def compare(a: QModelIndex, b: QModelIndex) -> int:
                return -1 if self.lessThan(a, b) else 1 if self.lessThan(b, a) else 0

            shown = sorted(indexes, key=functools.cmp_to_key(compare), reverse=self.sortOrder() == Qt.SortOrder.DescendingOrder)
        order: dict[str, int] = {}
        for i, index in enumerate(shown):
            order.setdefault(str(index.siblingAtColumn(0).data(ROLE_GROUP)), i)
        self._frozen = order

    def forget_order(self) -> None:
        self._frozen = None

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        col = left.column()
        lg, rg = left.siblingAtColumn(0).data(ROLE_GROUP), right.siblingAtColumn(0).data(ROLE_GROUP)
        descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
        if lg != rg and self._frozen is not None:
            lp, rp = self._frozen.get(str(lg), -1), self._frozen.get(str(rg), -1)
            if lp != rp or lp >= 0:
                return bool(lp > rp) if descending else bool(lp < rp)  # Qt reverses for descending: shown as kept
        if lg != rg:
            pick = 1 if descending else 0
            lk = self._group_keys.get((lg, col), (None, None))[pick]
            rk = self._group_keys.get((rg, col), (None, None))[pick]
            if lk != rk:
                try:
                    return bool(lk < rk)  # type: ignore[operator]
                except TypeError:
                    return str(lk) < str(rk)
            # the same key: the 事務 made first comes first, whatever the order
            lr = self._group_keys.get((lg, -1), (0, 0))[0]
            rr = self._group_keys.get((rg, -1), (0, 0))[0]
            return bool(lr > rr) if descending else bool(lr < rr)  # type: ignore[operator]
        lr, rr = left.siblingAtColumn(0).data(ROLE_RANK), right.siblingAtColumn(0).data(ROLE_RANK)
        # inside a 事務: 基礎, 重点, 全項目 from the top in either order (Qt reverses for descending)
        return bool(tuple(lr) > tuple(rr)) if descending else bool(tuple(lr) < tuple(rr))

    def set_due_until(self, until: date | None) -> None:
        self.beginFilterChange()
        self.due_until = until.isoformat() if until else None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self.words = _fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if self.due_until is not None:
            due = model.index(source_row, 0, source_parent).data(ROLE_NEXT_DUE)
            if not due or str(due) > self.due_until:
                return False
        if not self.words:
            return True
        row = _fold(" ".join(str(model.index(source_row, c, source_parent).data() or "") for c in range(model.columnCount())))
        return all(w in row for w in self.words)

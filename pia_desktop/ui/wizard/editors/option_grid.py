"""Options laid out in the form's columns, re-flowing to fewer columns in a narrow window, and the
base of the editors built from such grids (choices, check boxes)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QGridLayout, QWidget

from pia_desktop.ui.wizard.editors.base import ItemEditor


class ReflowGrid:
    """Options in the form's columns, falling back to fewer columns when the window is narrow
    (a 1366×768 screen at 125 % leaves little room), so a page never needs sideways scrolling."""

    H_SPACING = 18

    def __init__(self, host: QWidget, columns: int, indent: int = 0) -> None:
        self.grid = QGridLayout(host)
        self.grid.setContentsMargins(indent, 0, 0, 0)
        self.grid.setHorizontalSpacing(self.H_SPACING)
        self.grid.setVerticalSpacing(2)
        self.indent = indent
        self.max_columns = max(1, columns)
        self.columns = 0
        self.cells: list[tuple[QWidget, bool]] = []  # (widget, takes a whole row)

    def add(self, widget: QWidget, *, whole_row: bool = False) -> None:
        self.cells.append((widget, whole_row))

    def place(self, columns: int) -> None:
        if columns == self.columns:
            return
        for widget, _ in self.cells:
            self.grid.removeWidget(widget)
        if self.columns:
            self.grid.setColumnStretch(self.columns, 0)
        self.columns = columns
        row = col = 0
        for widget, whole in self.cells:
            if whole:
                if col:
                    row, col = row + 1, 0
                self.grid.addWidget(widget, row, 0, 1, columns + 1)  # through the stretch column: a wide text box
                row += 1
                continue
            self.grid.addWidget(widget, row, col)
            col += 1
            if col == columns:
                row, col = row + 1, 0
        self.grid.setColumnStretch(columns, 1)

    def _cell_width(self) -> int:
        return max((w.sizeHint().width() for w, whole in self.cells if not whole), default=0)

    def needed(self, columns: int) -> int:
        return self.indent + columns * self._cell_width() + (columns - 1) * self.H_SPACING

    def min_width(self) -> int:
        return self.needed(1)

    def fit(self, width: int) -> None:
        columns = self.max_columns
        while columns > 1 and self.needed(columns) > width:
            columns -= 1
        self.place(columns)


class GridEditor(ItemEditor):
    """An editor laid out in ReflowGrids: it may shrink to one column and re-flows on resize."""

    grids: list[ReflowGrid]
    reserve = 0  # width beside the grids (the 選択を解除 button)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(g.min_width() for g in self.grids) + self.reserve, hint.height())

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        for grid in self.grids:
            grid.fit(event.size().width() - self.reserve)

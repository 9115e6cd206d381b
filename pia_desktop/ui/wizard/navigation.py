"""The side navigation: every section instance with its completeness and its open points, and the
first-level headings under each, so the user can jump anywhere (not only next/back)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from pia_desktop.domain.form_definition import Item, ItemType
from pia_desktop.ui.shell.look import COLOR_ERROR, COLOR_MISSING

ROLE_KEY = Qt.ItemDataRole.UserRole
ROLE_ANCHOR = Qt.ItemDataRole.UserRole + 1


class SectionNav(QTreeWidget):
    section_chosen = Signal(str, str)  # page key, anchor item id ("" for the top)

    def __init__(self) -> None:
        super().__init__()
        self.setColumnCount(3)
        self.setHeaderLabels(["セクション", "記入率", "要確認"])
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.setAccessibleName("セクション一覧")
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(False)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.status: dict[str, tuple[int, int, int]] = {}  # errors, missing, others per section
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        # The arrow keys move the current item: the page follows (select() blocks this while the
        # wizard itself changes the page).
        self.currentItemChanged.connect(self._current_changed)

    def set_sections(self, sections: list[tuple[str, str, Item]]) -> None:
        """(page key, title, section item) in document order."""
        self.clear()
        self.items = {}
        for key, title, section in sections:
            top = QTreeWidgetItem([title, "", ""])
            top.setData(0, ROLE_KEY, key)
            top.setData(0, ROLE_ANCHOR, "")
            top.setToolTip(0, title)
            for child in section.children:
                if child.type in (ItemType.FIXED,) or child.type == ItemType.GROUP:
                    continue
                sub = QTreeWidgetItem([child.short_label or child.label])
                sub.setData(0, ROLE_KEY, key)
                sub.setData(0, ROLE_ANCHOR, child.id)
                sub.setToolTip(0, child.label)
                top.addChild(sub)
            self.addTopLevelItem(top)
            self.items[key] = top

    def select(self, key: str) -> None:
        item = self.items.get(key)
        current = self.currentItem()
        if current is not None and current.data(0, ROLE_KEY) == key:
            return  # already there (perhaps on one of its headings, reached with the arrow keys)
        if item is not None:
            self.blockSignals(True)
            self.setCurrentItem(item)
            item.setExpanded(True)
            self.blockSignals(False)

    def set_status(self, key: str, percent: int | None, missing: int, errors: int, others: int) -> None:
        item = self.items.get(key)
        if item is None:
            return
        item.setText(1, "" if percent is None else f"{percent}%")
        open_points = errors + missing + others
        # Errors are named (they must be fixed); other open points are only counted, to keep the column narrow.
        item.setText(2, f"誤り{errors}" if errors else str(open_points) if open_points else "✓")
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        color = COLOR_ERROR if errors else COLOR_MISSING if open_points else "#2e6b34"
        item.setForeground(2, QBrush(QColor(color)))
        parts = [f"誤り {errors} 件" if errors else "", f"未記入 {missing} 件" if missing else "", f"要確認 {others} 件" if others else ""]
        tip = "、".join(p for p in parts if p) or "確認の必要な項目はありません"
        item.setToolTip(1, f"必須項目の記入率 {percent}%" if percent is not None else "")
        item.setToolTip(2, tip)
        self.status[key] = (errors, missing, others)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self._clicked(current)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.section_chosen.emit(str(item.data(0, ROLE_KEY)), str(item.data(0, ROLE_ANCHOR) or ""))

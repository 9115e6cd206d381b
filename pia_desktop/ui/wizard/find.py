"""Ctrl+F: find any item by its printed label or by its content, and jump to it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition, ItemType
from pia_desktop.domain.traversal import walk
from pia_desktop.domain.validation import display_value

MAX_RESULTS = 200


@dataclass(frozen=True)
class Hit:
    address: str
    path: str
    snippet: str  # the matching part of the value, or "" when the label matched


def fold(text: str) -> str:
    """Width- and case-insensitive matching (ＩＴ = IT, ｶﾅ = カナ)."""
    return unicodedata.normalize("NFKC", text).casefold()


def find_items(form: FormDefinition, doc: Document, query: str, limit: int = MAX_RESULTS) -> list[Hit]:
    needle = fold(query.strip())
    if not needle:
        return []
    hits: list[Hit] = []
    for slot in walk(form, doc):
        if slot.item.type == ItemType.FIXED:
            continue
        path = slot.path_text
        value = doc.get(slot.address)
        text = display_value(form, slot.address, value) if value is not None else ""
        folded = fold(text)
        if needle in folded:
            at = folded.index(needle)
            start = max(0, at - 15)
            snippet = ("…" if start else "") + text[start : at + len(needle) + 30].replace("\n", " ")
            hits.append(Hit(slot.address, path, snippet))
        elif needle in fold(path):
            hits.append(Hit(slot.address, path, ""))
        if len(hits) >= limit:
            break
    return hits


class FindBar(QFrame):
    chosen = Signal(str)  # address

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form: FormDefinition | None = None
        self.doc: Document | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("検索(&F)"))
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("項目名または記載内容で探す（Enter で移動、Esc で閉じる）")
        self.edit.setClearButtonEnabled(True)
        row.itemAt(0).widget().setBuddy(self.edit)  # type: ignore[union-attr]
        row.addWidget(self.edit, 1)
        self.count = QLabel()
        row.addWidget(self.count)
        close = QToolButton()
        close.setText("閉じる")
        close.clicked.connect(self.hide)
        row.addWidget(close)
        v.addLayout(row)
        self.results = QListWidget()
        self.results.setMaximumHeight(220)
        self.results.setAccessibleName("検索結果")
        v.addWidget(self.results)
        self.results.hide()
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(self._enter)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        self.edit.installEventFilter(self)
        self.results.installEventFilter(self)  # Esc also closes from the results list

    def open(self, form: FormDefinition, doc: Document) -> None:
        self.form, self.doc = form, doc
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        self.search(self.edit.text())

    def search(self, text: str) -> list[Hit]:
        self.results.clear()
        hits = find_items(self.form, self.doc, text) if self.form and self.doc else []
        for hit in hits:
            label = hit.path + (f"\n　　{hit.snippet}" if hit.snippet else "")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, hit.address)
            item.setToolTip(hit.path)
            self.results.addItem(item)
        self.results.setVisible(bool(hits))
        more = "以上" if len(hits) >= MAX_RESULTS else ""
        self.count.setText(f"{len(hits)}件{more}" if text.strip() else "")
        if hits:
            self.results.setCurrentRow(0)
        return hits

    def _enter(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._activate(item)

    def _activate(self, item: QListWidgetItem) -> None:
        self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def eventFilter(self, obj, event) -> bool:  # type: ignore[no-untyped-def]
        if not isinstance(event, QKeyEvent) or event.type() != QKeyEvent.Type.KeyPress:
            return False
        if event.key() == Qt.Key.Key_Escape and obj in (self.edit, self.results):
            self.hide()
            return True
        if obj is self.edit and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            row = self.results.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
            return True
        return False

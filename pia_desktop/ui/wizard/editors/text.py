"""Editors for text: a one-line field, and a long answer in a box that grows with its content."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QTextEdit, QVBoxLayout, QWidget

from pia_desktop.domain.document import Value
from pia_desktop.domain.form_definition import Item
from pia_desktop.ui.wizard.editors.base import ItemEditor
from pia_desktop.ui.wizard.editors.history_keys import FieldEdit, route_history_key
from pia_desktop.ui.wizard.editors.wheel import wheel_scrolls_page

# -- one-line text ---------------------------------------------------------------------------------


class LineEditor(ItemEditor):
    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = FieldEdit()
        self.edit.setAccessibleName(item.label)
        layout.addWidget(self.edit)
        # textChanged carries committed text only: an IME composition in progress is not in text().
        self.edit.textChanged.connect(self._changed)
        self.setFocusProxy(self.edit)

    def _changed(self, text: str) -> None:
        self._commit(text, True)

    def _show(self, value: Value | None) -> None:
        text = value if isinstance(value, str) else ""
        if self.edit.text() != text:
            self.edit.setText(text)

    def value(self) -> Value | None:
        return self.edit.text() or None

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit]

    def set_read_only(self, readonly: bool) -> None:
        self.edit.setReadOnly(readonly)


# -- long text ---------------------------------------------------------------------------------------


class GrowingTextEdit(QTextEdit):
    """A plain-text editor that grows with its content (2 to MAX_LINES lines, then scrolls)."""

    MIN_LINES = 2
    MAX_LINES = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)  # the window's undo history covers every item
        self.setTabChangesFocus(True)  # Tab moves to the next item; Ctrl+Tab would insert a tab
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.document().setDocumentMargin(3)
        self.document().contentsChanged.connect(self.fit)
        self._width = -1
        self.fit()

    def fit(self) -> None:
        doc = self.document()
        doc.setTextWidth(max(50, self.viewport().width()))
        line = self.fontMetrics().lineSpacing()
        margins = 2 * self.frameWidth() + 2 * int(doc.documentMargin()) + 2
        lo = self.MIN_LINES * line + margins
        hi = self.MAX_LINES * line + margins
        height = max(lo, min(hi, int(doc.size().height()) + 2 * self.frameWidth() + 2))
        if height != self.height():
            self.setFixedHeight(height)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not route_history_key(self, event):
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if self.viewport().width() != self._width:
            self._width = self.viewport().width()
            self.fit()


class TextAreaEditor(ItemEditor):
    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = GrowingTextEdit()
        self.edit.setAccessibleName(item.label)
        wheel_scrolls_page(self.edit)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self._last = ""
        self.edit.textChanged.connect(self._changed)

    def _changed(self) -> None:
        # During an IME composition the preedit is not part of toPlainText(): nothing new is committed.
        text = self.edit.toPlainText()
        if text != self._last:
            self._last = text
            self._commit(text, True)

    def _show(self, value: Value | None) -> None:
        text = value if isinstance(value, str) else ""
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)
        self._last = text

    def value(self) -> Value | None:
        return self.edit.toPlainText() or None

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit]

    def set_read_only(self, readonly: bool) -> None:
        self.edit.setReadOnly(readonly)

"""Ctrl+Z / Ctrl+Y in a text box belong to the window's undo history, which covers every item:
the key routing, and the one-line field that uses it."""

from __future__ import annotations

from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget


def route_history_key(widget: QWidget, event: QKeyEvent) -> bool:
    """Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y in a text field undo and redo across all items (the window's
    history), not only inside the field. Text widgets claim these keys before shortcuts see them."""
    combo = QKeySequence(event.keyCombination())
    if event.matches(QKeySequence.StandardKey.Undo):
        action = "undo"
    elif event.matches(QKeySequence.StandardKey.Redo) or combo in (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")):
        action = "redo"
    else:
        return False
    handler = getattr(widget.window(), action, None)
    if not callable(handler):
        return False
    handler()
    return True


class FieldEdit(QLineEdit):
    """A one-line field whose Ctrl+Z belongs to the window's undo history."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not route_history_key(self, event):
            super().keyPressEvent(event)

"""The mouse wheel over a box that is not being edited scrolls the page, not the box's value
(a 区分, a number) or the inside of a long answer. Dialogs with scrolling questions use it too."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QScrollArea, QWidget


class _WheelToPage(QObject):
    """Sends the wheel to the page's scroll area while the box under the mouse is not being edited:
    a clerk scrolling the page must not change a 区分 or scroll inside a long answer by accident."""

    def __init__(self, box: QWidget) -> None:
        super().__init__(box)
        self.box = box

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or self.box.hasFocus():
            return False
        page = enclosing_scroll_area(self.box)
        if page is None:
            event.ignore()  # nothing to scroll: at least do not change the value
            return True
        QApplication.sendEvent(page.viewport(), event)
        return True


def enclosing_scroll_area(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def wheel_scrolls_page(box: QWidget) -> QWidget:
    """Let the wheel over ``box`` (a combo box, spin box or text box) scroll the page unless the box has
    the focus; such boxes take the focus by click or Tab only, not by the wheel."""
    if box.findChild(_WheelToPage) is not None:
        return box
    guard = _WheelToPage(box)
    box.installEventFilter(guard)
    if isinstance(box, QAbstractScrollArea):
        box.viewport().installEventFilter(guard)  # a text box gets the wheel on its viewport
    if isinstance(box, (QComboBox, QAbstractSpinBox)):
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return box

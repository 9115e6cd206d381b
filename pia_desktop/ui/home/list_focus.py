"""A list whose keyboard focus can be seen: the current row is framed while the list has the focus,
and the selection is strongly coloured then and pale otherwise (Qt's own styles draw no focus frame
for a whole-row selection, and on Windows the focused and unfocused selection look nearly alike).
A delegate, not a style sheet (look.py: style sheets slow every widget down)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

COLOR_FOCUS = "#1a4f8b"  # the focused selection (white text on it: contrast above 7:1)
COLOR_FOCUS_FRAME = "#0b1f33"  # the frame: darker than the selection, so it also shows on a row not selected
COLOR_SELECTED_IDLE = "#d6e2f0"  # the selection while another widget has the focus
FRAME_WIDTH = 2


class FocusRowDelegate(QStyledItemDelegate):
    """Paints the cell as usual, then the focused current row's frame (top and bottom of every cell,
    the sides on the first and last visible column)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def frames(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        current = self.view.currentIndex()
        return self.view.hasFocus() and current.isValid() and index.row() == current.row()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        option = QStyleOptionViewItem(option)
        option.state &= ~QStyle.StateFlag.State_HasFocus  # the style's dotted cell frame: ours replaces it
        if option.state & QStyle.StateFlag.State_Selected:  # by the list's focus, not the window's activity
            focused = self.view.hasFocus()
            background = QColor(COLOR_FOCUS if focused else COLOR_SELECTED_IDLE)
            text = QColor(Qt.GlobalColor.white if focused else Qt.GlobalColor.black)
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                option.palette.setColor(group, QPalette.ColorRole.Highlight, background)
                option.palette.setColor(group, QPalette.ColorRole.HighlightedText, text)
        super().paint(painter, option, index)
        if not self.frames(index):
            return
        header = getattr(self.view, "horizontalHeader", None)
        columns = [c for c in range(index.model().columnCount()) if not self.view.isColumnHidden(c)] if header else [index.column()]
        visual = [header().visualIndex(c) for c in columns] if header else [0]
        here = header().visualIndex(index.column()) if header else 0
        r = option.rect.adjusted(0, 0, -1, -1)
        painter.save()
        pen = QPen(QColor(COLOR_FOCUS_FRAME))
        pen.setWidth(FRAME_WIDTH)
        painter.setPen(pen)
        painter.drawLine(r.topLeft(), r.topRight())
        painter.drawLine(r.bottomLeft(), r.bottomRight())
        if here == min(visual):
            painter.drawLine(r.topLeft(), r.bottomLeft())
        if here == max(visual):
            painter.drawLine(r.topRight(), r.bottomRight())
        painter.restore()


class _Repaint(QObject):
    """Focus in and out changes every framed cell: repaint the whole viewport, not just the current cell."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut) and isinstance(watched, QAbstractItemView):
            watched.viewport().update()
        return False


def show_focus(view: QAbstractItemView) -> None:
    """Give ``view`` a visible keyboard focus (see the module's docstring)."""
    view.setItemDelegate(FocusRowDelegate(view))
    view.installEventFilter(_Repaint(view))  # parented to the view: lives as long as it
    view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

"""Windows and dialogs sized for the screen they open on, and remembered per user.

Office PCs run at 1366×768 or 1280×720 logical pixels (or 1920×1080 at 150 %), with a task bar: a
window sized in fixed pixels puts its buttons off screen. ``fit_window`` restores the size and place
the user last gave a window (kept in the GUI's settings under its key) when that still lies on a
current screen, else sizes it to min(preferred, 90 % of the available area) and centres it; the
geometry is saved again when the window is hidden or closed. Content taller than the screen has to
scroll: ``scrolling`` wraps a dialog's body in a scroll area so its buttons stay in view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from pia_desktop.ui.shell.settings import Settings

SCREEN_SHARE = 0.9  # of the available area: room for the title bar and the frame
FRAME = (8, 32, 8, 8)  # left, top (title bar), right, bottom: a window frame on Windows at 100 %


def available_geometries() -> list[QRect]:
    """The available area (without task bars) of every screen, in logical pixels. Tests replace this
    function to pretend a 1366×768 or 1280×720 screen."""
    return [s.availableGeometry() for s in QGuiApplication.screens()]


def available_for(widget: QWidget) -> QRect:
    """The available area of the screen the widget (or its parent window) is on."""
    areas = available_geometries()
    if not areas:
        return QRect(0, 0, 1280, 720)
    anchor = widget.parentWidget().window() if widget.parentWidget() is not None else widget
    centre = anchor.frameGeometry().center()
    return next((a for a in areas if a.contains(centre)), areas[0])


def fitted_size(preferred: QSize, area: QRect) -> QSize:
    return QSize(min(preferred.width(), int(area.width() * SCREEN_SHARE)),
                 min(preferred.height(), int(area.height() * SCREEN_SHARE)))


def _without_frame(area: QRect) -> QRect:
    """Where the inside of a window may go so that its frame stays on the screen."""
    left, top, right, bottom = FRAME
    return area.adjusted(left, top, -right, -bottom)


def _inside(rect: QRect, area: QRect) -> QRect:
    """``rect`` moved (and if need be shrunk) to lie inside ``area``."""
    w, h = min(rect.width(), area.width()), min(rect.height(), area.height())
    x = max(area.left(), min(rect.left(), area.right() - w + 1))
    y = max(area.top(), min(rect.top(), area.bottom() - h + 1))
    return QRect(x, y, w, h)


class _GeometryKeeper(QObject):
    """Saves the window's geometry under its key whenever it is hidden (dialogs are hidden, not closed)."""

    def __init__(self, widget: QWidget, key: str, settings: Settings) -> None:
        super().__init__(widget)
        self.widget, self.key, self.settings = widget, key, settings
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is not self.widget:
            return False
        # Closed by the user (spontaneous: the title bar's ×) or by the program; hidden by the program
        # (a dialog's OK), not by minimising the window it belongs to.
        if event.type() == QEvent.Type.Close or (event.type() == QEvent.Type.Hide and not event.spontaneous()):
            save_geometry(self.widget, self.key, self.settings)
        return False


def save_geometry(widget: QWidget, key: str, settings: Settings) -> None:
    maximized = bool(widget.windowState() & Qt.WindowState.WindowMaximized)
    rect = widget.normalGeometry() if maximized and widget.normalGeometry().isValid() else widget.geometry()
    settings.set_window_rect(key, (rect.x(), rect.y(), rect.width(), rect.height()), maximized)


def fit_window(widget: QWidget, preferred: QSize, key: str, settings: Settings | None = None) -> QRect:
    """Size and place ``widget`` before it is shown (see the module's doc); returns its geometry."""
    settings = settings or Settings()
    areas = available_geometries() or [QRect(0, 0, 1280, 720)]
    saved = settings.window_rect(key)
    placed: QRect | None = None
    maximized = False
    if saved is not None:
        (x, y, w, h), maximized = saved
        rect = QRect(x, y, w, h)
        # Only where it still fits a current screen (a laptop undocked from its large monitor).
        home = next((a for a in areas if a.contains(rect.center())), None)
        if home is not None and w <= home.width() and h <= home.height() and w > 0 and h > 0:
            placed = _inside(rect, _without_frame(home))
    if placed is None:
        maximized = False
        area = available_for(widget)
        size = fitted_size(preferred, area)
        parent = widget.parentWidget()
        centre = parent.window().frameGeometry().center() if parent is not None and parent.window().isVisible() else area.center()
        placed = _inside(QRect(centre - QPoint(size.width() // 2, size.height() // 2), size), _without_frame(area))
    widget.setGeometry(placed)  # the inside of the frame, as saved
    if maximized:
        widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)
    if not any(isinstance(c, _GeometryKeeper) for c in widget.children()):
        _GeometryKeeper(widget, key, settings)
    return placed


def scrolling(dialog: QWidget, *, margins: bool = True) -> tuple[QVBoxLayout, QVBoxLayout]:
    """A dialog layout of two parts: a body that scrolls when the screen is too low for it, and a
    fixed bottom for the buttons. Returns (body layout, bottom layout)."""
    outer = QVBoxLayout(dialog)
    scroll = QScrollArea(dialog)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body = QWidget()
    body_layout = QVBoxLayout(body)
    if not margins:
        body_layout.setContentsMargins(0, 0, 0, 0)
    scroll.setWidget(body)
    outer.addWidget(scroll, 1)
    bottom = QVBoxLayout()
    outer.addLayout(bottom)
    dialog.body_scroll = scroll  # type: ignore[attr-defined]
    return body_layout, bottom

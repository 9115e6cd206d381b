"""Start the GUI: ``run_gui(store_path)`` (called by ``pia-desktop`` and ``pia-desktop gui``).

Nothing here opens a network connection: Qt's network module is never imported.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pia_desktop import APP_NAME, __version__
from pia_desktop.paths import resolve_store_path
from pia_desktop.ui.look import app_icon, ui_font


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setFont(ui_font())
    return app


def run_gui(store_path: str | None) -> int:
    from pia_desktop.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow(resolve_store_path(store_path))
    window.show()
    QTimer.singleShot(0, window.maybe_offer_sample)
    return app.exec()

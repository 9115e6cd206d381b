"""Start the GUI: ``run_gui(store_path)`` (called by ``pia-desktop`` and ``pia-desktop gui``).

Nothing here opens a network connection: Qt's network module is never imported.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from pia_desktop import APP_NAME, __version__
from pia_desktop.paths import resolve_store_path
from pia_desktop.ui.shell.look import app_icon, ui_font

QUIT_AFTER_ENV = "PIA_DESKTOP_QUIT_AFTER_MS"
GC_PERIOD_MS = 2000
GC_FULL_EVERY = 30  # periods


def collect_garbage_on_the_gui_thread(app: QApplication) -> None:
    """Python's cyclic garbage collector runs in whichever thread happens to allocate. When that is a
    worker (the PDF export, the backup), collecting a Qt object's Python wrapper there destroys the
    object on the wrong thread and Qt aborts. So automatic collection is off and the GUI thread
    collects on a timer instead."""
    gc.disable()
    if getattr(app, "_pia_gc_timer", None) is not None:
        return
    timer = QTimer(app)
    ticks = 0

    def collect() -> None:
        nonlocal ticks
        ticks += 1
        gc.collect(2 if ticks % GC_FULL_EVERY == 0 else 1)

    timer.timeout.connect(collect)
    timer.start(GC_PERIOD_MS)
    app._pia_gc_timer = timer  # type: ignore[attr-defined]


def install_japanese_translation(app: QApplication) -> bool:
    """Qt's own texts (the buttons of QDialogButtonBox and QMessageBox, the file dialog, the print
    dialog) in Japanese whatever the system's language: qtbase_ja.qm from PySide6's translations."""
    if getattr(app, "_pia_translator", None) is not None:
        return True
    QLocale.setDefault(QLocale("ja_JP"))
    translator = QTranslator(app)
    import PySide6

    package = Path(PySide6.__file__).parent  # where the wheels put them when qt.conf is missing (a frozen build)
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), str(package / "Qt" / "translations"), str(package / "translations")]
    if not any(translator.load("qtbase_ja", folder) for folder in folders):
        return False
    app.installTranslator(translator)
    app._pia_translator = translator  # type: ignore[attr-defined]
    return True


def start_store(explicit: str | None, settings=None) -> Path:  # type: ignore[no-untyped-def]
    """The store to open at start: the one given on the command line, else the most recently used
    one that still exists, else the default store."""
    if explicit:
        return resolve_store_path(explicit)
    from pia_desktop.ui.shell.settings import Settings

    for path in (settings or Settings()).recent_stores():
        if path.is_file():
            return path
    return resolve_store_path(None)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setFont(ui_font())
    install_japanese_translation(app)
    collect_garbage_on_the_gui_thread(app)
    return app


def run_gui(store_path: str | None) -> int:
    from pia_desktop.ui.shell.main_window import MainWindow

    app = create_application()
    window = MainWindow(start_store(store_path))
    window.show()
    QTimer.singleShot(0, window.maybe_offer_sample)
    # The PDF fonts are read (from the font cache, or parsed) in the background once the home screen is
    # up, so the first 出力 or 印刷プレビュー does not wait for them.
    QTimer.singleShot(1500, _preload_pdf_fonts)
    quit_after = os.environ.get(QUIT_AFTER_ENV, "")
    if quit_after.isdigit():  # smoke tests and benchmarks: start for real, then leave by itself
        QTimer.singleShot(int(quit_after), window.close)
        QTimer.singleShot(int(quit_after), app.quit)
    return app.exec()


def _preload_pdf_fonts() -> None:
    try:
        from pia_desktop.pdf.fonts import preload_in_background
    except ImportError:  # a build without the PDF exporter
        return
    preload_in_background()

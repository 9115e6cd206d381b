"""Application-wide facts: bundled font and icon, no network module, the None-refcount guard, About."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from pia_desktop import __version__
from pia_desktop.resources import resources_dir
from pia_desktop.ui.shell.look import load_ui_font

ROOT = Path(__file__).resolve().parents[2]


def test_ui_font_is_the_bundled_biz_ud_gothic(app) -> None:  # type: ignore[no-untyped-def]
    family = load_ui_font()
    assert family == "BIZ UDGothic"
    assert family in QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / "BIZUDGothic-Regular.ttf")))
    assert QApplication.font().family() == family


def test_window_has_icon_and_about_names_the_version(make_window, dialogs) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert not window.windowIcon().isNull()
    assert window.windowIcon().availableSizes()  # the PNG sizes rendered from the SVG
    window.about()
    kind, text = dialogs.asked[-1]
    assert kind == "about" and __version__ in text and "ネットワークに接続しません" in text


def test_many_qt_calls_do_not_exhaust_none(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit()
    for _ in range(50_000):  # without the guard, Python 3.11 + PySide6 6.12 aborts after a few thousand
        edit.setText("x")
    assert edit.text() == "x"


def _first_window_modules(tmp_path: Path, *, runs: int = 1) -> set[str]:
    """The modules loaded once the GUI's first window is up, in a fresh process (the last of ``runs``:
    the first run fills the cache folder, as the first start after installing does)."""
    code = (
        "import sys, os\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pathlib import Path\n"
        "from pia_desktop.ui.shell.app import create_application\n"
        "from pia_desktop.ui.shell.main_window import MainWindow\n"
        "app = create_application()\n"
        f"w = MainWindow(Path({str(tmp_path / 's.sqlite3')!r}))\n"
        "w.show(); app.processEvents()\n"
        "print('\\n'.join(sys.modules))\n"
    )
    env = {**os.environ, "PIA_DESKTOP_HOME": str(tmp_path)}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, env=env)
    return set(out.stdout.split())


def test_gui_imports_no_network_module(tmp_path: Path) -> None:
    """The whole GUI, extensions included, runs without any module that could open a connection.
    (``socket`` itself is imported by the store lock, for the computer's name only.)"""
    network = ("PySide6.QtNetwork", "urllib.request", "http.client", "requests", "ssl")
    assert sorted(m for m in _first_window_modules(tmp_path) if m.startswith(network)) == []


def test_first_window_loads_neither_exporter_nor_importers(tmp_path: Path) -> None:
    """Start-up time: the home screen needs no PDF, Excel or YAML library (fonts load later, in the background)."""
    heavy = {"reportlab", "pypdf", "pdfplumber", "pdfminer", "openpyxl", "pypdfium2", "yaml", "PIL"}
    assert sorted({m.split(".")[0] for m in _first_window_modules(tmp_path, runs=2)} & heavy) == []



def test_new_assessment_dialog_offers_the_forms_and_a_file_count(app) -> None:  # type: ignore[no-untyped-def]
    from pia_desktop.ui.shell.new_assessment import NewAssessmentDialog

    dlg = NewAssessmentDialog(None, {"yoshiki3-r0610": "特定個人情報保護評価書（重点項目評価書）　[令和6年10月 様式3]"})
    assert dlg.form_box.count() == 1 and "様式3" in dlg.form_box.currentText()
    dlg.files.setValue(3)
    answer = dlg.answer()
    assert (answer.form_id, answer.file_count) == ("yoshiki3-r0610", 3)
    assert dlg.files.minimum() == 1


def test_garbage_is_collected_on_the_gui_thread_only(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    import gc
    import weakref

    assert not gc.isenabled()  # no collection can start in a worker thread (PDF export, backup)
    timer = app._pia_gc_timer
    assert timer.isActive() and timer.thread() is app.thread()

    class Cycle:
        pass

    a, b = Cycle(), Cycle()
    a.other, b.other = b, a  # type: ignore[attr-defined]
    probe = weakref.ref(a)
    del a, b
    qtbot.waitUntil(lambda: probe() is None, timeout=5000)  # the GUI thread's timer collected it


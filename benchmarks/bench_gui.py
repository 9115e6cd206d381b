"""GUI figures on the seed 003 fixture, offscreen (issue: the drafting wizard).

    .venv/bin/python benchmarks/bench_gui.py [--starts 5] [--edits 50]

Targets on the CI machine: cold start to an interactive home screen ≤ 1.5 s, opening seed 003 into
the wizard ≤ 1.0 s, switching between two sections ≤ 150 ms, one edit-to-saved round trip ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURE = ROOT / "tests" / "fixtures" / "seed-003.json"
TARGETS_MS = {"start": 1500, "open": 1000, "switch": 150, "edit": 50}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def verdict(name: str, seconds: float) -> str:
    return "OK" if seconds * 1000 <= TARGETS_MS[name] else f"OVER TARGET ({TARGETS_MS[name]} ms)"


# -- the child process of a cold start ---------------------------------------------------------------------


def child_start(store: str) -> int:
    """Start the GUI as ``pia-desktop`` does and say READY once the event loop runs the home screen."""
    t0 = time.perf_counter()
    from PySide6.QtCore import QTimer

    from pia_desktop.ui.shell.app import create_application
    from pia_desktop.ui.shell.main_window import MainWindow

    t_import = time.perf_counter()
    app = create_application()
    window = MainWindow(Path(store))
    window.show()
    t_window = time.perf_counter()

    def ready() -> None:
        rows = len(window.home.visible_ids())
        print(f"READY imports={t_import - t0:.4f} window={t_window - t_import:.4f} rows={rows}", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()
    window.close()
    return 0


def cold_starts(store: Path, home: Path, n: int) -> list[float]:
    times = []
    env = {**os.environ, "PIA_DESKTOP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(n):
        t = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child-start", str(store)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - t
        proc.wait()
        if not line.startswith("READY"):
            raise SystemExit(f"the GUI did not start: {line!r}")
        times.append(elapsed)
        detail = line.strip()
    print(f"  (last start: {detail})")
    return times


# -- in-process measurements ------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--edits", type=int, default=50)
    ap.add_argument("--child-start", metavar="STORE")
    args = ap.parse_args()
    if args.child_start:
        return child_start(args.child_start)

    from pia_desktop.domain.exchange import read_document
    from pia_desktop.storage.store import Store

    if not FIXTURE.exists():
        raise SystemExit(f"{FIXTURE} がありません")
    doc = read_document(FIXTURE)
    tmp = Path(tempfile.mkdtemp(prefix="pia-bench-gui-"))
    os.environ["PIA_DESKTOP_HOME"] = str(tmp)
    store_path = tmp / "bench.sqlite3"
    with Store(store_path) as store:
        aid = store.add_document(doc)
        for _ in range(9):  # a realistic list: ten assessments
            store.add_document(doc)
    print(f"seed 003: {len(doc.values)} answers, 別添2 {doc.count('annex2.row')} rows, システム {doc.count('I.2.system')}")

    results: dict[str, float] = {}
    starts = cold_starts(store_path, tmp, args.starts)
    results["start"] = statistics.median(starts)
    print(f"cold start → interactive home screen (new process, {args.starts}×): median {ms(results['start'])}, max {ms(max(starts))}  "
          f"{verdict('start', results['start'])}")

    from PySide6.QtCore import QEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from pia_desktop.ui.shell.app import create_application
    from pia_desktop.ui.shell.main_window import MainWindow

    app = create_application()
    window = MainWindow(store_path)
    window.resize(1366, 900)
    window.show()
    app.processEvents()

    def settle() -> None:
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # as the running event loop would
        window.repaint()  # include painting the visible page

    opens = []
    for _ in range(5):
        t = time.perf_counter()
        wizard = window.open_assessment(aid)
        settle()
        opens.append(time.perf_counter() - t)
        window.close_assessment()
        settle()
    results["open"] = statistics.median(opens)
    print(f"open seed 003 into the wizard (5×): median {ms(results['open'])}, max {ms(max(opens))}  {verdict('open', results['open'])}")

    wizard = window.open_assessment(aid)
    assert wizard is not None
    wizard.prebuild = False  # measure each page's own build, without the background building
    settle()
    firsts = {}
    for key in wizard.section_keys():
        t = time.perf_counter()
        wizard.show_section(key)
        settle()
        firsts[key] = time.perf_counter() - t
    worst_first = max(firsts, key=lambda k: firsts[k])
    print("first visit of each section (page built): " + ", ".join(f"{k} {firsts[k] * 1000:.0f}" for k in firsts) + " ms")
    switches: list[float] = []
    pairs = [("III(1)", "annex2"), ("I", "II(1)"), ("cover", "III(1)")]
    for a, b in pairs:
        for _ in range(10):
            for key in (a, b):
                t = time.perf_counter()
                wizard.show_section(key)
                settle()
                switches.append(time.perf_counter() - t)
    results["switch"] = pct(switches, 0.95)
    print(f"switch between two sections ({len(switches)}× over {pairs}): median {ms(statistics.median(switches))}, "
          f"p95 {ms(results['switch'])}, max {ms(max(switches))}  {verdict('switch', results['switch'])}")
    print(f"  slowest first visit without background building: {worst_first} {ms(firsts[worst_first])}  "
          f"{verdict('switch', firsts[worst_first])}")

    # As used: pages are built in idle moments after opening; a user who goes to Ⅱ after a second
    # finds it ready.
    window.close_assessment()
    wizard = window.open_assessment(aid)
    assert wizard is not None
    t = time.perf_counter()
    while len(wizard.pages) < len(wizard.section_keys()) and time.perf_counter() - t < 10:
        app.processEvents()
        time.sleep(0.01)
    built_after = time.perf_counter() - t
    later = []
    for key in ("II(1)", "III(1)", "annex2", "I"):
        t = time.perf_counter()
        wizard.show_section(key)
        settle()
        later.append(time.perf_counter() - t)
    print(f"  with background building (all pages ready {built_after:.2f} s after opening): first visits "
          f"{', '.join(f'{x * 1000:.0f}' for x in later)} ms")

    # Edit → saved: one keystroke in a text field, and one click on a radio button, until the store has it.
    window.activateWindow()
    saved_at: list[float] = []
    wizard.session.saved.connect(lambda _t: saved_at.append(time.perf_counter()))
    row = wizard.go_to("I.6.1")
    edit = row.editor.edit  # type: ignore[union-attr]
    edit.setFocus()
    settle()
    edits = []
    for i in range(args.edits):
        saved_at.clear()
        t = time.perf_counter()
        QTest.keyClick(edit, "abcdefghij"[i % 10])
        if not saved_at:
            raise SystemExit("the keystroke was not saved")
        edits.append(saved_at[0] - t)
        app.processEvents()
    choice = wizard.go_to("III(1).2.risk.judan").editor  # type: ignore[union-attr]
    clicks = []
    for i in range(10):
        saved_at.clear()
        t = time.perf_counter()
        QTest.mouseClick(list(choice.buttons.values())[i % 3], __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
        if not saved_at:
            raise SystemExit("the click was not saved")
        clicks.append(saved_at[0] - t)
        app.processEvents()
    with Store(store_path) as check:
        assert check.load(aid).get("I.6.1") == edit.text(), "the store does not hold what the field shows"
    all_edits = edits + clicks
    results["edit"] = pct(all_edits, 0.95)
    print(f"edit → saved in the store (keystroke {args.edits}×, radio click 10×): median {ms(statistics.median(all_edits))}, "
          f"p95 {ms(results['edit'])}, max {ms(max(all_edits))}  {verdict('edit', results['edit'])}")

    t = time.perf_counter()
    wizard.revalidate()
    print(f"findings and completeness refresh after an edit (deferred {150} ms, not in the figure above): {ms(time.perf_counter() - t)}")
    window.close()
    QApplication.processEvents()
    over = [k for k, v in results.items() if v * 1000 > TARGETS_MS[k]]
    print("all targets met" if not over else f"over target: {', '.join(over)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

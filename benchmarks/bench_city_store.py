"""A city-sized store: 1,000 評価書 × 10 版, as a prefecture's 取りまとめ課 or a big city holds them.

    .venv/bin/python benchmarks/bench_city_store.py [--assessments 1000] [--versions 10] [--runs 5] [--keep DIR]

Builds the store once (seed 003's answers under 1,000 names, in 事務 of two, each with 9 saved 版 besides
the current one), then measures whole processes (medians): ``store list``, ``store portfolio OUT.csv``,
the GUI to its home screen (offscreen) against a store of 10 評価書, and the portfolio in-process with
its peak memory. Targets (issue 22): portfolio ≤ 1.5 s; home screen ≤ 0.2 s slower than with 10.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURE = ROOT / "tests" / "fixtures" / "seed-003.json"

GUI_CHILD = """
import os, sys, time
t0 = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QTimer
from pia_desktop.ui.shell.app import create_application
from pia_desktop.ui.shell.main_window import MainWindow
app = create_application()
w = MainWindow(Path(sys.argv[1]))
w.show()
def ready():
    try:
        import resource
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except ImportError:  # Windows
        rss = 0.0
    print(f"READY {time.perf_counter() - t0:.4f} rows={len(w.home.visible_ids())} rss={rss:.0f}", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def build(path: Path, assessments: int, versions: int) -> None:
    from pia_desktop.domain.exchange import read_document
    from pia_desktop.storage.store import Store, new_jimu

    doc = read_document(FIXTURE)
    t0 = time.perf_counter()
    with Store(path) as store:
        store.db.conn.execute("PRAGMA synchronous=OFF")  # building the bench only: no fsync per row
        jimu = new_jimu()
        for i in range(assessments):
            if i % 2 == 0:
                jimu = new_jimu()
            d = doc.copy()
            d.set("cover.hyokasho_mei", f"事務{i:04d} 重点項目評価書")
            d.set("cover.hyokasho_no", str(i + 1))
            aid = store.add_document(d, jimu=jimu)
            if versions > 1:
                store.snapshot(aid, "版1")
    with sqlite3.connect(path) as c:  # the other 版: copies of the first, in one transaction
        c.execute("PRAGMA synchronous=OFF")
        for n in range(2, versions):
            c.execute("insert into snapshots (assessment_id, name, created_at, document)"
                      " select assessment_id, ?, created_at, document from snapshots where name='版1'", (f"版{n}",))
    print(f"built {assessments} × {versions} in {time.perf_counter() - t0:.1f} s: {path.stat().st_size / 1e6:.0f} MB")


def median_run(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def gui_start(store: Path, runs: int, env: dict[str, str]) -> tuple[float, float]:
    """The median time to the home screen, and the largest peak memory (MB) of the GUI process."""
    times, peaks = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", GUI_CHILD, str(store)], check=True, capture_output=True, text=True, env=env).stdout
        line = next(x for x in out.splitlines() if x.startswith("READY")).split()
        times.append(float(line[1]))
        peaks.append(float(line[3].removeprefix("rss=")))
    return statistics.median(times), max(peaks)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--assessments", type=int, default=1000)
    parser.add_argument("--versions", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the stores in this folder")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="pia-city-"))
    folder.mkdir(parents=True, exist_ok=True)
    big, small = folder / f"city-{args.assessments}x{args.versions}.sqlite3", folder / "town-10.sqlite3"
    if not big.exists():
        build(big, args.assessments, args.versions)
    if not small.exists():
        build(small, 10, 1)
    env = dict(os.environ, PIA_DESKTOP_HOME=str(folder / "home"), QT_QPA_PLATFORM="offscreen")
    cli = [sys.executable, "-m", "pia_desktop"]
    results: dict[str, float] = {
        "store list": median_run([*cli, "store", "list", "--store", str(big)], args.runs, env),
    }
    try:
        results["store portfolio (CLI)"] = median_run(
            [*cli, "store", "portfolio", str(folder / "p.csv"), "--store", str(big)], args.runs, env)
    except subprocess.CalledProcessError as exc:
        print(f"store portfolio: failed ({exc.stderr.decode(errors='replace')[-200:]})")
    results["GUI home, 10 評価書"], small_rss = gui_start(small, args.runs, env)
    results[f"GUI home, {args.assessments} × {args.versions}"], big_rss = gui_start(big, args.runs, env)
    added = results[f"GUI home, {args.assessments} × {args.versions}"] - results["GUI home, 10 評価書"]

    from pia_desktop.shared.portfolio import portfolio
    from pia_desktop.storage.store import Store

    with Store(big, readonly=True) as store:
        t0 = time.perf_counter()
        rows = portfolio(store)
        results["portfolio in-process"] = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name, seconds in results.items():
        print(f"{name:32s} {seconds:7.3f} s")
    print(f"portfolio rows {len(rows)}; peak memory of this process {peak:.0f} MB")
    print(f"GUI peak memory: {small_rss:.0f} MB with 10, {big_rss:.0f} MB with {args.assessments} × {args.versions}")
    portfolio_cli = results.get("store portfolio (CLI)", float("inf"))
    print(f"home screen adds {added:.3f} s (target ≤ 0.2 s); portfolio CLI {portfolio_cli:.3f} s (target ≤ 1.5 s): "
          + ("targets met" if added <= 0.2 and portfolio_cli <= 1.5 else "OVER TARGET"))
    print(json.dumps({k: round(v, 3) for k, v in results.items()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

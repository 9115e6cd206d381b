"""Whole-process figures for "fast as a native tool" (issue 13): export-pdf cold and warm, the plain
ReportLab baseline, check, and GUI start, each as the median of fresh processes.

    .venv/bin/python benchmarks/bench_native.py [--runs 15] [--gui-runs 10] [--json OUT.json]
    .venv/bin/python benchmarks/bench_native.py --before DIR   # A/B: DIR holds the old pia_desktop/

With --before, every case runs alternately against the package in DIR (put first on PYTHONPATH; DIR needs
forms/ and resources/ beside pia_desktop/) and against this checkout, run by run, so that load from other
processes hits both alike; the figures are the medians of each side (own timing loop).

Uses hyperfine when it is on PATH (``apt-get install hyperfine``), else a timing loop of its own; both
report the wall-clock median and the mean user+system CPU time (less sensitive to other processes on a
shared machine). The load average before and after is printed: compare figures only at similar load.

- export-pdf cold: the user's cache folder is emptied before every run (fonts parsed, form YAML parsed,
  both caches written), as on the first export after installing;
- export-pdf warm: the caches exist (every later export);
- baseline: benchmarks/baseline_reportlab.py, the same values as a two-column table, same font;
- check: ``pia-desktop check seed-003.json``;
- GUI: ``pia-desktop gui`` offscreen with PIA_DESKTOP_QUIT_AFTER_MS=0: start, first window, home screen
  listed, event loop entered, quit.

Targets: export cold ≤ 1.2 s, warm ≤ 0.8 s and ≤ 1.3× the baseline; check ≤ 0.15 s; GUI ≤ 1.0 s.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "seed-003.json"
BIN = Path(sys.executable).parent
CLI = BIN / ("pia-desktop.exe" if os.name == "nt" else "pia-desktop")
# The A/B mode runs `python -m pia_desktop`: the console script names the entry function of *this* checkout.
MODULE = [sys.executable, "-m", "pia_desktop"]
# Issue 22 (pydantic, the specified stack): check ≤ 0.30 s, the GUI to its home screen ≤ 0.8 s, export ≤ 1.3× ReportLab.
TARGETS = {"export-pdf cold": 1.2, "check": 0.30, "gui start": 0.8}
RATIO = 1.3


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - Windows
        return "n/a"


def own_loop(cmd: list[str], env: dict[str, str], runs: int, prepare: str | None) -> dict[str, float]:
    walls, cpus = [], []
    for i in range(runs + 1):
        if prepare:
            shutil.rmtree(prepare, ignore_errors=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=ROOT)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if i:  # the first run warms the OS file cache
            walls.append(wall)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {"median_s": statistics.median(walls), "min_s": min(walls), "cpu_s": statistics.mean(cpus)}


def alternating(cmd: list[str], env: dict[str, str], runs: int, prepare: str | None,
                before: Path) -> tuple[dict[str, float], dict[str, float]]:
    """(before, after): the same command, alternately with the old package first on PYTHONPATH and without."""
    sides: dict[str, tuple[list[float], list[float]]] = {"before": ([], []), "after": ([], [])}
    old_env = {**env, "PYTHONPATH": str(before)}
    for i in range(runs + 1):
        for side, e in (("before", old_env), ("after", env)) if i % 2 else (("after", env), ("before", old_env)):
            if prepare:
                shutil.rmtree(prepare, ignore_errors=True)
            b = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(cmd, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=Path.home())
            wall = time.perf_counter() - t
            a = resource.getrusage(resource.RUSAGE_CHILDREN)
            if i:
                sides[side][0].append(wall)
                sides[side][1].append(a.ru_utime - b.ru_utime + a.ru_stime - b.ru_stime)
    out = {k: {"median_s": statistics.median(w), "min_s": min(w), "cpu_s": statistics.mean(c)} for k, (w, c) in sides.items()}
    return out["before"], out["after"]


def with_hyperfine(cmd: list[str], env: dict[str, str], runs: int, prepare: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "hf.json"
        args = ["hyperfine", "-N", "--warmup", "1", "--runs", str(runs), "--export-json", str(out), "--style", "none"]
        if prepare:
            args += ["--prepare", f"rm -rf {prepare}"]
        subprocess.run([*args, subprocess.list2cmdline(cmd)], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        r = json.loads(out.read_text())["results"][0]
    return {"median_s": r["median"], "min_s": r["min"], "cpu_s": r["user"] + r["system"]}


def finish(args: argparse.Namespace, results: dict[str, Any]) -> None:
    print(f"load average after: {loadavg()}")
    if args.json:
        args.json.write_text(json.dumps({"load_after": loadavg(), "results": results}, indent=1))


def compile_bytecode(*packages: Path) -> None:
    """Write the packages' bytecode first: an installed program has it (pip and PyInstaller compile), but with
    PYTHONDONTWRITEBYTECODE set (as on some machines) every run would compile each changed module again."""
    for package in packages:
        compileall.compile_dir(str(package), quiet=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--gui-runs", type=int, default=10)
    ap.add_argument("--no-hyperfine", action="store_true")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--before", type=Path, help="A/B against the pia_desktop package in this folder")
    args = ap.parse_args()
    compile_bytecode(ROOT / "pia_desktop", *([args.before / "pia_desktop"] if args.before else []))
    if args.before:
        return compare(args)
    use_hf = shutil.which("hyperfine") is not None and not args.no_hyperfine and os.name != "nt"
    measure = with_hyperfine if use_hf else own_loop

    home = Path(tempfile.mkdtemp(prefix="pia-bench-"))
    try:
        env = {**os.environ, "PIA_DESKTOP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
        out = home / "out.pdf"
        export = [str(CLI), "export-pdf", str(FIXTURE), str(out)]
        cases = [
            ("python -c pass", [sys.executable, "-c", "pass"], env, None, args.runs),
            ("export-pdf cold", export, env, str(home / "cache"), args.runs),
            ("export-pdf warm", export, env, None, args.runs),
            ("baseline ReportLab", [sys.executable, str(ROOT / "benchmarks" / "baseline_reportlab.py"), str(FIXTURE),
                                    str(home / "baseline.pdf")], env, None, args.runs),
            ("check", [str(CLI), "check", str(FIXTURE)], env, None, args.runs),
            ("gui start", [str(CLI), "gui"], {**env, "PIA_DESKTOP_QUIT_AFTER_MS": "0"}, None, args.gui_runs),
        ]
        print(f"{'hyperfine' if use_hf else 'own loop'}; load average before: {loadavg()}")
        results: dict[str, dict[str, float]] = {}
        for name, cmd, e, prepare, runs in cases:
            try:
                results[name] = measure(cmd, e, runs, prepare)
            except subprocess.CalledProcessError as exc:
                print(f"{name}: failed ({exc})")
                continue
            r = results[name]
            target = TARGETS.get(name)
            verdict = "" if target is None else f"  target ≤ {target} s: {'OK' if r['median_s'] <= target else 'OVER'}"
            print(f"{name:20s} median {r['median_s']:.3f} s  min {r['min_s']:.3f} s  cpu {r['cpu_s']:.3f} s{verdict}")
        if "export-pdf warm" in results and "baseline ReportLab" in results:
            ratio = results["export-pdf warm"]["median_s"] / results["baseline ReportLab"]["median_s"]
            print(f"export warm / baseline: {ratio:.2f}×  target ≤ {RATIO}×: {'OK' if ratio <= RATIO else 'OVER'}")
        finish(args, results)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


def compare(args: argparse.Namespace) -> int:
    home = Path(tempfile.mkdtemp(prefix="pia-bench-"))
    try:
        env = {**os.environ, "PIA_DESKTOP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
        export = [*MODULE, "export-pdf", str(FIXTURE), str(home / "out.pdf")]
        cases = [
            ("export-pdf cold", export, env, str(home / "cache"), args.runs),
            ("export-pdf warm", export, env, None, args.runs),
            ("check", [*MODULE, "check", str(FIXTURE)], env, None, args.runs),
            ("gui start", [*MODULE, "gui"], {**env, "PIA_DESKTOP_QUIT_AFTER_MS": "0"}, None, args.gui_runs),
        ]
        print(f"A/B, alternating runs; before = {args.before}; load average before: {loadavg()}")
        results = {}
        for name, cmd, e, prepare, runs in cases:
            old, new = alternating(cmd, e, runs, prepare, args.before)
            results[name] = {"before": old, "after": new}
            print(f"{name:16s} before: median {old['median_s']:.3f} s (cpu {old['cpu_s']:.3f})   "
                  f"after: median {new['median_s']:.3f} s (cpu {new['cpu_s']:.3f})   "
                  f"{(old['median_s'] - new['median_s']) * 1000:+.0f} ms saved")
        finish(args, results)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

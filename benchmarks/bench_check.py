"""`pia-desktop check` on the seed 003 fixture: the in-process check and the whole CLI process.

    .venv/bin/python benchmarks/bench_check.py [--runs 20] [--cli-runs 10]

Target: ≤ 0.2 s. Reported separately:
- in-process: a fresh interpreter state is not needed; this times read + review (validation, consistency
  rules, しきい値判断, citations, due dates), cold (first call: rule files loaded) and warm;
- CLI process: wall time of `pia-desktop check seed-003.json` as a subprocess (interpreter start, imports,
  form load, check, output), minimum and median over several runs; plus a bare `python -c pass` and an
  import-only process for comparison, so that the check's own share is visible on a loaded machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURE = ROOT / "tests" / "fixtures" / "seed-003.json"
CLI = Path(sys.executable).with_name("pia-desktop")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def wall(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--cli-runs", type=int, default=10)
    args = ap.parse_args()

    t = time.perf_counter()
    from pia_desktop.domain.exchange import read_document
    from pia_desktop.domain.form_definition import load_form

    doc = read_document(FIXTURE)
    form = load_form(doc.form_id)
    setup = time.perf_counter() - t

    t = time.perf_counter()
    from pia_desktop.checks.review import run_review

    imported = time.perf_counter() - t
    t = time.perf_counter()
    result = run_review(form, doc)
    cold = time.perf_counter() - t
    warm = []
    for _ in range(args.runs):
        t = time.perf_counter()
        run_review(form, doc)
        warm.append(time.perf_counter() - t)
    print(f"seed 003: {len(doc.values)} values, {doc.count('annex2.row')} 変更箇所 rows → {len(result.errors)} errors, {len(result.warnings)} warnings")
    print(f"in-process: imports+read+form {ms(setup)}, import checks {ms(imported)}, "
          f"check cold {ms(cold)}, warm median {ms(statistics.median(warm))} / max {ms(max(warm))}")

    if not CLI.exists():
        print(f"CLI not found at {CLI}; skipped the process figures")
        return
    bare = wall([sys.executable, "-c", "pass"], args.cli_runs)
    imports = wall([sys.executable, "-c", "import pia_desktop.domain.exchange, pia_desktop.domain.validation"], args.cli_runs)
    cli = wall([str(CLI), "check", str(FIXTURE)], args.cli_runs)
    print(f"process: python -c pass min {ms(min(bare))}; domain imports only min {ms(min(imports))}; "
          f"`pia-desktop check seed-003.json` min {ms(min(cli))}, median {ms(statistics.median(cli))}")
    verdict = "OK" if min(cli) <= 0.2 else "over"
    print(f"target ≤ 200 ms for the whole CLI process: {verdict} (in-process check cold {ms(cold)})")


if __name__ == "__main__":
    main()

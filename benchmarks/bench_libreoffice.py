"""`export-pdf` of seed 003 against LibreOffice converting the same 評価書's workbook to PDF (whole processes).

    .venv/bin/python benchmarks/bench_libreoffice.py [--runs 5]

The workbook is made by the tests' generator (tests/published_style.py: the layout a municipality's sheet
has). Needs LibreOffice (`apt-get install libreoffice-calc-nogui`); its first start (profile) is not timed.
Target (issue 22): ≤ 0.35× LibreOffice.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURE = ROOT / "tests" / "fixtures" / "seed-003.json"


def median_time(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice (soffice) がありません: apt-get install libreoffice-calc-nogui")
        return 2
    from pia_desktop.domain.exchange import read_document
    from pia_desktop.domain.form_definition import load_form
    from tests.published_style import write_workbook

    work = Path(tempfile.mkdtemp(prefix="pia-lo-"))
    doc = read_document(FIXTURE)
    xlsx = write_workbook(load_form(doc.form_id), doc, work / "seed-003.xlsx")
    env = dict(os.environ, HOME=str(work))  # its own profile, made by the untimed first run
    convert = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(xlsx)]
    subprocess.run(convert, check=True, capture_output=True, env=env)
    lo = median_time(convert, args.runs, env)
    ours = median_time([sys.executable, "-m", "pia_desktop", "export-pdf", str(FIXTURE), str(work / "ours.pdf")], args.runs)
    print(f"LibreOffice xlsx → PDF   median {lo:.3f} s")
    print(f"pia-desktop export-pdf  median {ours:.3f} s")
    print(f"ratio {ours / lo:.2f}×  target ≤ 0.35×: {'OK' if ours / lo <= 0.35 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The import limits against real sizes (README「読み込みの上限」): a 300-page PDF of real-looking
評価書 pages (ruled label │ value rows, ~2,000 characters a page) must import within the time budget
and far inside every per-page limit; the published samples show how far real files are from them.

    .venv/bin/python benchmarks/bench_import_limits.py [--pages 300]

Prints, per file: pages, seconds, peak RSS of this process so far, and the largest per-page counts
(operators, characters, paths, inflated bytes) next to their limits.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pia_desktop.importers import pdf_limits  # noqa: E402
from pia_desktop.importers.pdf_reader import TIME_BUDGET_S, read_pdf  # noqa: E402
from tests.hostile.corpus import _real_pages  # noqa: E402

SAMPLES = Path("/work/shared/samples/published")


PEAKS = {"ops": 0, "chars": 0, "paths": 0, "uses": 0}


class _Peaks(pdf_limits.PageLimits):
    peaks = PEAKS

    def start_page(self, number: int) -> None:
        for k in self.peaks:
            self.peaks[k] = max(self.peaks[k], getattr(self, k))
        super().start_page(number)


def measure(path: Path) -> None:
    PEAKS.update(dict.fromkeys(PEAKS, 0))
    started, cpu = time.monotonic(), time.process_time()
    doc = read_pdf(path, time_budget=float("inf"))  # measured here; the budget is what it is compared with
    spent, cpu = time.monotonic() - started, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    p = PEAKS
    print(f"{path.name}: {len(doc.rows)} rows in {spent:.1f} s ({cpu:.1f} s CPU; budget {TIME_BUDGET_S:.0f} s), peak RSS {rss} MB; per page at most "
          f"{p['ops']:,} operators (limit {pdf_limits.MAX_OPERATORS:,}), {p['chars']:,} characters ({pdf_limits.MAX_CHARS:,}), "
          f"{p['paths']:,} paths ({pdf_limits.MAX_PATHS:,})", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    args = ap.parse_args()
    import pia_desktop.importers.pdf_reader as reader

    reader.PageLimits = _Peaks  # type: ignore[misc]  # the same limits, with the peaks recorded
    for f in sorted(SAMPLES.glob("*/*.pdf")) if SAMPLES.is_dir() else []:
        measure(f)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / f"real-looking-{args.pages}.pdf"
        _real_pages(big, args.pages)
        print(f"{big.name}: {big.stat().st_size // 1024} KB", flush=True)
        measure(big)
    return 0


if __name__ == "__main__":
    sys.exit(main())

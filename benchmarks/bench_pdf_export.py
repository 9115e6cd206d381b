"""Benchmark: PDF export of the seed 003 fixture (82-row 別添2, 8 システム) against plain ReportLab.

    .venv/bin/python benchmarks/bench_pdf_export.py [FIXTURE.json] [--runs N]

Targets (issue 5): export ≤ 1.0 s; ≤ 2× the time ReportLab takes for a plain two-column table of the
same text (same fonts, same CJK wrapping), measured in the same run; peak memory ≤ 300 MB.
Prints the figures and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import io
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table  # noqa: E402

from pia_desktop.domain.exchange import read_document  # noqa: E402
from pia_desktop.domain.form_definition import load_form  # noqa: E402
from pia_desktop.domain.traversal import walk  # noqa: E402
from pia_desktop.domain.validation import display_value  # noqa: E402
from pia_desktop.pdf.drawing.layout import FRAME_WIDTH  # noqa: E402
from pia_desktop.pdf.drawing.page_breaks import SPLIT_MIN  # noqa: E402
from pia_desktop.pdf.drawing.text import escape, style  # noqa: E402
from pia_desktop.pdf.exporter import export_pdf_bytes  # noqa: E402
from pia_desktop.pdf.fonts import register_fonts  # noqa: E402

TARGET_S = 1.0
TARGET_RATIO = 2.0
TARGET_MB = 300.0


def plain_table_pdf(pairs: list[tuple[str, str]]) -> bytes:
    """The baseline: every filled value in one two-column table (label │ value), nothing else, in ReportLab's
    own Paragraph (not paragraph.Para, whose shortcuts are part of what the export is measured for)."""

    def lines(text: str, name: str) -> list[Paragraph]:
        return [Paragraph(escape(line) or "\u00a0", style(name)) for line in text.splitlines() or [""]]

    rows = [[lines(label, "label"), lines(value, "value")] for label, value in pairs]
    table = Table(rows, colWidths=[FRAME_WIDTH * 0.3, FRAME_WIDTH * 0.7], splitInRow=SPLIT_MIN,
                  style=[("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, invariant=1).build([table])
    return buf.getvalue()


def timed_pair(a, b, runs: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Alternate the two measurements, so load from other processes hits both alike."""
    ta: list[float] = []
    tb: list[float] = []
    for _ in range(runs):
        for fn, out in ((a, ta), (b, tb)):
            gc.collect()
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
    return ta, tb


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("fixture", nargs="?", type=Path, default=ROOT / "tests" / "fixtures" / "seed-003.json")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    doc = read_document(args.fixture)
    form = load_form(doc.form_id)
    pairs = []
    for slot in walk(form, doc):
        value = doc.get(slot.address)
        if value is not None:
            pairs.append((slot.path[-1], display_value(form, slot.address, value)))
    chars = sum(len(v) for _, v in pairs)

    t0 = time.perf_counter()
    register_fonts()
    font_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    first = export_pdf_bytes(doc, form)
    first_s = time.perf_counter() - t0

    te, tp = timed_pair(lambda: export_pdf_bytes(doc, form), lambda: plain_table_pdf(pairs), args.runs)
    export_med, export_min = statistics.median(te), min(te)
    plain_med, plain_min = statistics.median(tp), min(tp)
    ratio = export_med / plain_med

    tracemalloc.start()
    export_pdf_bytes(doc, form)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(first)).pages)
    print(f"fixture: {args.fixture.name}: {len(pairs)} filled items, {chars:,} characters, {pages} pages, {len(first):,} bytes")
    print(f"font registration (once per process): {font_s:.3f} s")
    print(f"first export in this process:         {first_s:.3f} s")
    print(f"export, median of {args.runs}:               {export_med:.3f} s (min {export_min:.3f} s)   target ≤ {TARGET_S} s")
    print(f"plain two-column table, median:       {plain_med:.3f} s (min {plain_min:.3f} s)")
    print(f"ratio export / plain:                 {ratio:.2f}×   target ≤ {TARGET_RATIO}×")
    print(f"peak memory: Python allocations {traced_peak / 2**20:.1f} MB; process max RSS {rss_mb:.1f} MB   target ≤ {TARGET_MB} MB")
    ok = max(first_s, export_med) <= TARGET_S and ratio <= TARGET_RATIO and rss_mb <= TARGET_MB
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

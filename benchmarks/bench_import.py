"""Import and 変更箇所 figures (issue: start from last year's assessment).

    .venv/bin/python benchmarks/bench_import.py [--runs 3]

Targets on the CI machine: each published sample PDF ≤ 3 s, a 30-page PDF ≤ 3 s (sample 003's
rows drawn as a ruled table over 30 shorter pages by ``tests/importers/varied.py``, so rows wrap
and are cut by page breaks), our own PDF (embedded document) ≤ 0.5 s, change detection on seed
003 ≤ 0.2 s. Each import also prints its accounting: fragments read, unplaced, to review. Also printed: the xlsx samples, our own PDF with
the attachment stripped (text route), and the recovery rate of each sample against truth.json.
Each figure is the median of --runs fresh imports (a new process state is not needed: nothing is
cached between imports except the form definition).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pia_desktop.changes import propose_changes, rolled_forward  # noqa: E402
from pia_desktop.domain.exchange import read_document  # noqa: E402
from pia_desktop.domain.form_definition import load_form  # noqa: E402
from pia_desktop.importers import import_file  # noqa: E402
from tests.importers.truth import sample_dirs, score  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "seed-003.json"
TARGETS = {"sample-pdf": 3.0, "pdf-30-pages": 3.0, "own-pdf": 0.5, "changes": 0.2}


def timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def verdict(seconds: float, target: float) -> str:
    return f"{seconds:.3f} s (target ≤ {target} s: {'OK' if seconds <= target else 'OVER'})"


def accounting(result: object) -> str:
    r = result.report  # type: ignore[attr-defined]
    return f"fragments {len(r.fragments)}, unplaced {r.fragment_count('unplaced')}, to review {r.fragment_count('review')}"


def thirty_pages(sample: Path, form: object, runs: int) -> None:
    """A 30-page PDF drawn from the sample's rows (shorter pages until there are 30)."""
    from pypdf import PdfReader, PdfWriter

    from tests.importers import varied

    rows = varied.sample_rows(next(sample.glob("*.xlsx")))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "thirty.pdf"
        for height in range(640, 380, -20):
            v = varied.Variant("bench", pdf={"label_w": 150, "value_w": 260, "extra_w": 100, "size": 8, "page_h": height})
            varied.write_pdf(varied.apply(rows, v), path, v)
            if len(PdfReader(path).pages) >= 30:
                break
        reader = PdfReader(path)
        if len(reader.pages) > 30:
            writer = PdfWriter()
            for page in reader.pages[:30]:
                writer.add_page(page)
            with path.open("wb") as fh:
                writer.write(fh)
        pages = len(PdfReader(path).pages)
        seconds, result = timed(lambda: import_file(path), runs)
        print(f"{pages}-page PDF (sample {sample.name[:3]} redrawn): {verdict(seconds, TARGETS['pdf-30-pages'])}; {accounting(result)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    form = load_form()

    for d in sample_dirs():
        for f in sorted(d.iterdir()):
            if f.suffix not in (".pdf", ".xlsx"):
                continue
            seconds, result = timed(lambda f=f: import_file(f), args.runs)
            total, misses = score(form, result.document, result.report, d / "truth.json")  # type: ignore[union-attr]
            rate = f"recovered {total - len(misses)}/{total} ({(total - len(misses)) / total:.1%})"
            shown = verdict(seconds, TARGETS["sample-pdf"]) if f.suffix == ".pdf" else f"{seconds:.3f} s"
            print(f"sample {f.name}: {shown}; {rate}; {accounting(result)}")
        if d == sample_dirs()[-1]:
            thirty_pages(d, form, args.runs)

    doc = read_document(FIXTURE)
    try:
        from pia_desktop.pdf.exporter import export_pdf
    except ImportError:
        print("own PDF: the PDF exporter is not installed")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            own, stripped = Path(tmp) / "own.pdf", Path(tmp) / "stripped.pdf"
            export_pdf(doc, own)
            export_pdf(doc, stripped, embed_document=False)
            seconds, _ = timed(lambda: import_file(own), max(args.runs, 5))
            print(f"own PDF with the embedded document (seed 003): {verdict(seconds, TARGETS['own-pdf'])}")
            seconds, result = timed(lambda: import_file(stripped), args.runs)
            same = sum(1 for k, v in doc.values.items() if result.document.values.get(k) == v)  # type: ignore[union-attr]
            print(f"own PDF, attachment stripped (text route, seed 003): {seconds:.3f} s; "
                  f"{same}/{len(doc.values)} values identical")

    draft = rolled_forward(doc)
    draft.set("cover.kohyo_bi", "令和8年1月14日")
    draft.set("II(1).2.1", "その他の電子ファイル（表計算ファイル等）")
    draft.set("I.6.1", "こども未来局こども家庭課")
    n = draft.add_entry("II(1).4.itaku")
    draft.set(f"II(1).4.itaku[{n}]", "児童手当システム改修業務")
    draft.set(f"II(1).4.itaku[{n}].saiitaku.4", "再委託しない")
    draft.set("III(1).7.risk.2", "発生あり")
    propose_changes(doc, draft)  # warm the form caches
    seconds, rows = timed(lambda: propose_changes(doc, draft), max(args.runs, 20))
    print(f"change detection on seed 003 ({len(rows)} rows): {verdict(seconds, TARGETS['changes'])}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()

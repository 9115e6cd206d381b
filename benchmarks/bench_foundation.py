"""Foundation figures on the seed 003 fixture (issue: form definition, document model, store).

    .venv/bin/python benchmarks/bench_foundation.py [--edits 1000] [--assessments 500]

Targets on the CI machine: form load ≤ 100 ms, validation ≤ 50 ms, one save ≤ 10 ms p95.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pia_desktop.domain.exchange import read_document  # noqa: E402
from pia_desktop.domain.form_definition import available_forms, load_form_file  # noqa: E402
from pia_desktop.domain.validation import validate  # noqa: E402
from pia_desktop.storage.store import Store  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "seed-003.json"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=1000)
    ap.add_argument("--assessments", type=int, default=500)
    args = ap.parse_args()

    form_path = available_forms()["yoshiki3-r0610"]
    with tempfile.TemporaryDirectory() as home:
        os.environ["PIA_DESKTOP_HOME"] = home  # an empty cache: the first load parses the YAML
        t = time.perf_counter()
        form = load_form_file(form_path)
        cold = time.perf_counter() - t
        loads = []
        for _ in range(10):
            t = time.perf_counter()
            form = load_form_file(form_path)
            loads.append(time.perf_counter() - t)
    print(f"form load ({len(form.index)} items): first load parsing the YAML {ms(cold)}; "
          f"later loads via the JSON cache: median {ms(statistics.median(loads))}, max {ms(max(loads))}")

    doc = read_document(FIXTURE)
    runs = []
    for _ in range(20):
        t = time.perf_counter()
        validate(form, doc)
        runs.append(time.perf_counter() - t)
    print(f"validate seed 003 ({len(doc.values)} values): median {ms(statistics.median(runs))}, max {ms(max(runs))}")

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.sqlite3")
        aid = store.add_document(doc)
        saves = []
        for i in range(args.edits):
            t = time.perf_counter()
            store.set_value(aid, "III(1).2.risk.sochi", f"編集 {i}")
            saves.append(time.perf_counter() - t)
        print(f"save one edit ({args.edits} edits, synchronous=FULL, WAL): median {ms(statistics.median(saves))}, "
              f"p95 {ms(pct(saves, 0.95))}, max {ms(max(saves))}")

        t = time.perf_counter()
        for _ in range(args.assessments - 1):
            store.add_document(doc)
        print(f"filled store with {args.assessments} assessments in {time.perf_counter() - t:.1f} s")
        loads = []
        for target in (1, args.assessments // 2, args.assessments):
            t = time.perf_counter()
            store.load(target)
            loads.append(time.perf_counter() - t)
        print(f"load one document from a store of {args.assessments}: median {ms(statistics.median(loads))}, max {ms(max(loads))}")
        t = time.perf_counter()
        store.list_assessments()
        print(f"list {args.assessments} assessments: {ms(time.perf_counter() - t)}")
        store.close()


if __name__ == "__main__":
    main()

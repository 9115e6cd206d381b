"""What sharing a 事務's answers costs per keystroke, and the set check, on a store of realistic size.

    .venv/bin/python benchmarks/bench_set_sharing.py [--sets 50] [--runs 200]

The store holds ``--sets`` sets of 基礎 + 重点 (seed 003's answers in every 重点) and a 新年度版 of each 基礎.
Timed, median and maximum:
- a keystroke in an item outside the table (the common case: no query);
- a keystroke in a shared item: the answer saved, then ``propagate_shared`` (set query, sibling read,
  sibling written);
- ``set_findings`` for one 重点 (what the 点検 dock adds to its refresh).
Target: a keystroke in a shared item well under the 2 s merge window of typing, and under ~20 ms so that
typing does not lag; the set check under ~50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pia_desktop.changes.rollforward import roll_forward  # noqa: E402
from pia_desktop.checks.set_check import set_findings  # noqa: E402
from pia_desktop.domain.assessment_set import new_documents  # noqa: E402
from pia_desktop.domain.exchange import read_document  # noqa: E402
from pia_desktop.shared.set_sharing import propagate_shared  # noqa: E402
from pia_desktop.storage.store import Store, new_jimu  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for i in range(runs):
        t = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - t)
    return out


def report(name: str, times: list[float]) -> None:
    print(f"{name:<44} median {ms(statistics.median(times))}  max {ms(max(times))}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", type=int, default=50)
    ap.add_argument("--runs", type=int, default=200)
    args = ap.parse_args()
    seed = read_document(ROOT / "tests" / "fixtures" / "seed-003.json")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.sqlite3") as store:
        last = (0, 0)
        for n in range(args.sets):
            jimu = new_jimu()
            kiso_doc = new_documents(["yoshiki2-r0610"], 1, f"事務{n}")[0]
            kiso = store.add_document(kiso_doc, jimu=jimu)
            juten = store.add_document(seed, jimu=jimu)
            last = (roll_forward(store, kiso), juten)
        kiso, juten = last
        print(f"{args.sets} sets, {len(store.list_assessments())} 評価書")

        def outside(i: int) -> None:
            value = f"概要{i}"
            previous = store.answer(kiso, "I.1.2")
            store.set_value(kiso, "I.1.2", value)
            propagate_shared(store, kiso, "I.1.2", value, previous=previous)

        def shared(i: int) -> None:
            value = "熊谷市長" + "。" * (i % 5)
            previous = store.answer(kiso, "cover.kikan_mei")
            store.set_value(kiso, "cover.kikan_mei", value)
            assert propagate_shared(store, kiso, "cover.kikan_mei", value, previous=previous)

        store.set_value(juten, "cover.kikan_mei", None)
        report("keystroke, item not shared", timed(outside, args.runs))
        report("keystroke, shared item (saved + copied)", timed(shared, args.runs))
        report("set_findings for the 重点 (seed 003)", timed(lambda _i: set_findings(store, juten), max(10, args.runs // 10)))


if __name__ == "__main__":
    main()

"""What the store's safety checks cost on a big store: opening (the foreign-database check included), the quick
integrity check before the first write of a session, and the full check of ``store check``.

    .venv/bin/python benchmarks/bench_store_check.py [--assessments 2000] [--snapshots 3]

The quick check runs lazily, before the first write (not at start-up): its figure is the delay of the first
edit of a session. Target: ≤ 300 ms on a store of 2,000 assessments (a city's ~10 years, with 版).
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

from pia_desktop.domain.exchange import read_document  # noqa: E402
from pia_desktop.storage.store import Store  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "seed-003.json"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--assessments", type=int, default=2000)
    ap.add_argument("--snapshots", type=int, default=3, help="版 per assessment")
    args = ap.parse_args()
    doc = read_document(FIXTURE)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.sqlite3"
        with Store(path) as store:
            for _ in range(args.assessments):
                aid = store.add_document(doc)
                for s in range(args.snapshots):
                    store.snapshot(aid, f"版{s}")
        size = path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob("big.sqlite3-*"))
        print(f"store: {args.assessments} assessments × {args.snapshots} 版, {size / 1e6:.1f} MB")

        def open_close() -> None:
            Store(path).close()

        def quick() -> None:
            with Store(path) as s:
                s.verify_before_write()

        def full() -> None:
            with Store(path, readonly=True) as s:
                s.integrity_check()

        opened = timed(open_close)
        print(f"open + close (foreign check, WAL, migrations none): median {ms(opened)}")
        print(f"quick_check before the first write (open excluded): median {ms(timed(quick) - opened)}")
        print(f"store check (integrity_check + schema): median {ms(timed(full, 3))}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Durability run: N cycles of (start a process making edits, kill -9 it at a random moment, reopen).

    .venv/bin/python scripts/durability.py --cycles 200 [--seed 1] [--store PATH]

Each cycle's writer saves edits to distinct addresses and prints a number once each edit is
acknowledged (Store.set_value returned). After the kill the store is reopened, integrity-checked,
and every acknowledged edit of the cycle must be present. Prints the totals; exit 1 on any loss.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WRITER = """
import sys
from pathlib import Path
from pia_desktop.storage.store import Store
store = Store(Path(sys.argv[1]))
aid, cycle = int(sys.argv[2]), sys.argv[3]
print("ready", flush=True)
n = 0
while True:
    n += 1
    store.set_value(aid, f"annex2.row[{n}].mae", f"{cycle}:{n}")
    if n % 7 == 0:  # structural saves too: a whole-document rewrite
        doc = store.load(aid)
        doc.set("I.1.1", f"{cycle}:{n}")
        store.save_document(aid, doc)
    print(n, flush=True)
"""


def run(cycles: int, seed: int, store_path: Path) -> tuple[int, int, int]:
    from pia_desktop.domain.document import Document
    from pia_desktop.storage.store import Store, StoreError

    rng = random.Random(seed)
    with Store(store_path) as store:
        aid = store.add_document(Document(form_id="yoshiki3-r0610"))
    corrupted = lost = acknowledged_total = 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for cycle in range(1, cycles + 1):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(store_path), str(aid), str(cycle)],
                                stdout=subprocess.PIPE, text=True, env=env)
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            raise SystemExit("writer failed to start")
        time.sleep(rng.uniform(0.0, 0.5))
        proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows (which has no SIGKILL)
        acked = 0
        for line in proc.stdout:
            if line.strip().isdigit():
                acked = int(line)
        proc.wait()
        acknowledged_total += acked
        try:
            with Store(store_path) as store:
                problems = store.integrity_check()
                doc = store.load(aid)
        except StoreError as exc:
            corrupted += 1
            print(f"cycle {cycle}: store does not open: {exc}")
            continue
        if problems:
            corrupted += 1
            print(f"cycle {cycle}: integrity problems: {problems}")
        missing = [n for n in range(1, acked + 1) if doc.get(f"annex2.row[{n}].mae") != f"{cycle}:{n}"]
        if missing:
            lost += len(missing)
            print(f"cycle {cycle}: lost acknowledged edits {missing[:10]}")
        if cycle % 20 == 0 or cycle == cycles:
            print(f"cycle {cycle}/{cycles}: acknowledged so far {acknowledged_total}, corrupted {corrupted}, lost {lost}", flush=True)
    return corrupted, lost, acknowledged_total


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cycles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--store", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "durability.sqlite3"
        started = time.monotonic()
        corrupted, lost, acked = run(args.cycles, args.seed, path)
    print(f"RESULT cycles={args.cycles} acknowledged_edits={acked} corrupted_stores={corrupted} "
          f"lost_acknowledged_edits={lost} seconds={time.monotonic() - started:.1f}")
    return 1 if corrupted or lost else 0


if __name__ == "__main__":
    sys.exit(main())

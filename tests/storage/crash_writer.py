"""Subprocess for the crash tests: make edits as fast as possible, print each one once it is saved."""

from __future__ import annotations

import sys
from pathlib import Path

from pia_desktop.storage.store import Store


def main() -> None:
    path, aid = Path(sys.argv[1]), int(sys.argv[2])
    store = Store(path)
    n = 0
    while True:
        n += 1
        store.set_value(aid, f"annex2.row[{n % 50 + 1}].komoku", f"edit {n}")
        store.set_value(aid, "I.1.1", f"edit {n}")
        # Only after set_value returned is the edit acknowledged.
        print(n, flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Whether two folders of PDFs print the same: text (``pdftotext -layout``) and page images (``pdftoppm``).

    python3 scripts/compare_pdfs.py BEFORE_DIR AFTER_DIR [--dpi 60]

For a change meant not to alter what is printed (speed work, a new attachment writer): the bytes may
differ (object order, compression), the pages may not. Needs poppler-utils. Exit 1 on any difference.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path, dpi: int, out: Path) -> list[bytes]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / "p")], check=True)
    return [p.read_bytes() for p in sorted(out.glob("p-*.png"))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--dpi", type=int, default=60)
    args = ap.parse_args()
    differ = 0
    for old in sorted(args.before.glob("*.pdf")):
        new = args.after / old.name
        if not new.exists():
            print(f"{old.name}: missing in {args.after}")
            differ += 1
            continue
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            pa, pb = _pages(old, args.dpi, Path(a)), _pages(new, args.dpi, Path(b))
        same_text = _text(old) == _text(new)
        same_pages = pa == pb
        changed = [i + 1 for i, (x, y) in enumerate(zip(pa, pb, strict=False)) if x != y]
        print(f"{old.name}: {len(pa)} pages; text {'same' if same_text else 'DIFFERS'}; "
              f"images {'same' if same_pages else f'DIFFER (pages {changed or len(pa)} vs {len(pb)})'}; "
              f"{old.stat().st_size // 1024} KB → {new.stat().st_size // 1024} KB")
        differ += not (same_text and same_pages)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

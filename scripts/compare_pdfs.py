#!/usr/bin/env python3
"""Whether two folders of PDFs print the same: the text of each page and the page images (PDFium).

    python3 scripts/compare_pdfs.py BEFORE_DIR AFTER_DIR [--dpi 60]

For a change meant not to alter what is printed (speed work, a new attachment writer): the bytes may
differ (object order, compression), the pages may not. Reads the PDFs with pypdfium2 (installed with
the project; no poppler needed, works on Windows). Exit 1 on any difference.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _reexec_in_venv() -> None:
    """Run under the project's virtual environment when started with a Python lacking pypdfium2."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        venv_python = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        if venv_python.exists() and Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
            os.execv(str(venv_python), [str(venv_python), __file__, *sys.argv[1:]])
        raise


def _read(pdf: Path, dpi: int) -> tuple[list[str], list[bytes]]:
    """Each page's text and its image (the raw pixels at ``dpi``)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    texts, images = [], []
    try:
        for page in doc:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            bitmap = page.render(scale=dpi / 72)
            images.append(bytes(bitmap.buffer))
            textpage.close()
            bitmap.close()
            page.close()
    finally:
        doc.close()
    return texts, images


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--dpi", type=int, default=60)
    args = ap.parse_args()
    _reexec_in_venv()
    differ = 0
    for old in sorted(args.before.glob("*.pdf")):
        new = args.after / old.name
        if not new.exists():
            print(f"{old.name}: missing in {args.after}")
            differ += 1
            continue
        (ta, pa), (tb, pb) = _read(old, args.dpi), _read(new, args.dpi)
        same_text = ta == tb
        same_pages = pa == pb
        changed = [i + 1 for i, (x, y) in enumerate(zip(pa, pb, strict=False)) if x != y]
        print(f"{old.name}: {len(pa)} pages; text {'same' if same_text else 'DIFFERS'}; "
              f"images {'same' if same_pages else f'DIFFER (pages {changed or len(pa)} vs {len(pb)})'}; "
              f"{old.stat().st_size // 1024} KB → {new.stat().st_size // 1024} KB")
        differ += not (same_text and same_pages)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

"""The developers' scripts keep working (they are not imported by the package, so nothing else runs them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed-003.json"


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PIA_DESKTOP_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}


def test_screenshots_shoot_every_view(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshots"), str(out)], env=_env(tmp_path),
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    shots = sorted(out.glob("*.png"))
    assert len(shots) == 16 and all(p.stat().st_size > 10_000 for p in shots)


def test_compare_pdfs_tells_same_from_different(tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None and os.environ.get("CI"):
        pytest.fail("pdftoppm (poppler-utils) is missing on this CI machine")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from pia_desktop.domain.exchange import read_document
    from pia_desktop.pdf.exporter import export_pdf

    doc = read_document(SEED)
    a, b, c = (tmp_path / n for n in "abc")
    for d in (a, b, c):
        d.mkdir()
    export_pdf(doc, a / "x.pdf")
    export_pdf(doc, b / "x.pdf", embed_document=False)  # other bytes, same pages
    changed = doc.copy()
    changed.values["cover.hyokasho_mei"] = "別の評価書名"
    export_pdf(changed, c / "x.pdf")
    script = [sys.executable, str(ROOT / "scripts" / "compare_pdfs.py")]
    same = subprocess.run([*script, str(a), str(b)], capture_output=True, text=True, timeout=300)
    assert same.returncode == 0 and "text same; images same" in same.stdout, same.stdout + same.stderr
    other = subprocess.run([*script, str(a), str(c)], capture_output=True, text=True, timeout=300)
    assert other.returncode == 1 and "text DIFFERS" in other.stdout

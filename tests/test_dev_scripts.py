"""The developers' scripts keep working (they are not imported by the package, so nothing else runs them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def test_render_pages_writes_each_page_at_the_asked_resolution(tmp_path: Path) -> None:
    from PIL import Image

    from pia_desktop.domain.exchange import read_document
    from pia_desktop.pdf.exporter import export_pdf
    from tests.pdfread import page_texts, render_pages

    pdf = tmp_path / "seed-003.pdf"
    export_pdf(read_document(SEED), pdf)
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "render-pages"), str(pdf), str(tmp_path / "out"), "72"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    pages = sorted((tmp_path / "out").glob("page-*.png"))
    assert len(pages) == len(page_texts(pdf)) > 20
    with Image.open(pages[0]) as first:
        width, height = first.size  # A4 is 595.28 × 841.89 points: one pixel a point at 72 dpi
        assert abs(width - 595.28) < 1 and abs(height - 841.89) < 1
        assert first.convert("L").getextrema()[0] < 100  # something is drawn in black
    reference = render_pages(pdf, tmp_path / "ref", dpi=72)
    assert [p.name for p in reference] == [p.name for p in pages]
    with Image.open(pages[3]) as got, Image.open(reference[3]) as want:
        assert got.tobytes() == want.tobytes()
    missing = subprocess.run([sys.executable, str(ROOT / "scripts" / "render-pages"), str(tmp_path / "none.pdf"), str(tmp_path)],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "見つかりません" in missing.stderr

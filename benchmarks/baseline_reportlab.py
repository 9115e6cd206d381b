"""The baseline for `export-pdf`: a plain ReportLab script printing the same values as a two-column table.

    .venv/bin/python benchmarks/baseline_reportlab.py [IN.json] [OUT.pdf]

What a competent one-off script would do to print a 評価書: read the exchange JSON with ``json``, register
the same embedded font (BIZ UD明朝, parsed afresh: a plain script has no font cache), and lay out every filled
value as one row of a two-column table (address │ value), with ReportLab's Japanese line breaking
(``wordWrap='CJK'``) and rows allowed to split across pages. No pia_desktop import, no form definition,
no validation, no attachment. `benchmarks/bench_native.py` times it as a whole process next to `export-pdf`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "BIZUDMincho-Regular.ttf"


def value_text(value: object) -> str:
    """A value as printed text: strings as they are, checkbox groups as the checked labels (and details)."""
    if isinstance(value, dict):
        checked = "、".join(value.get("checked", []))
        details = "、".join(f"{k}: {v}" for k, v in value.get("details", {}).items())
        return f"{checked}（{details}）" if details else checked
    return str(value)


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "fixtures" / "seed-003.json"
    out = Path(argv[2]) if len(argv) > 2 else Path("baseline.pdf")
    values = json.loads(src.read_text(encoding="utf-8"))["values"]

    pdfmetrics.registerFont(TTFont("Mincho", str(FONT)))
    label = ParagraphStyle("label", fontName="Mincho", fontSize=8.4, leading=11.2, wordWrap="CJK")
    body = ParagraphStyle("value", fontName="Mincho", fontSize=9, leading=12.4, wordWrap="CJK")

    def cell(text: str, style: ParagraphStyle) -> list[Paragraph]:
        return [Paragraph(escape(line) or "\u00a0", style) for line in text.splitlines() or [""]]

    rows = [[cell(address, label), cell(value_text(value), body)] for address, value in values.items()]
    width = A4[0] - 30 * mm
    table = Table(rows, colWidths=[width * 0.3, width * 0.7], splitInRow=28,
                  style=[("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    SimpleDocTemplate(str(out), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, invariant=1).build([table])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Text as ReportLab paragraphs: the styles (font, size, leading per kind of text) and the markup of a line."""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from pia_desktop.pdf.fonts import GOTHIC, GOTHIC_BOLD, MINCHO
from pia_desktop.pdf.glyphs import printed_text
from pia_desktop.pdf.paragraph import Para


def escape(text: str) -> str:
    """xml.sax.saxutils.escape without importing it (it pulls urllib.request, http.client and ssl into every export)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@cache
def style(name: str) -> ParagraphStyle:
    base = {"wordWrap": "CJK", "allowWidows": 1, "allowOrphans": 1}
    table: dict[str, dict[str, Any]] = {
        "value": {"fontName": MINCHO, "fontSize": 9, "leading": 12.4},
        "label": {"fontName": GOTHIC, "fontSize": 8.4, "leading": 11.2},
        "outer": {"fontName": GOTHIC, "fontSize": 8.4, "leading": 11.2, "alignment": TA_CENTER},
        "band": {"fontName": GOTHIC_BOLD, "fontSize": 9, "leading": 12},
        "boxes": {"fontName": MINCHO, "fontSize": 8.6, "leading": 11.2, "alignment": TA_RIGHT},
        "choice": {"fontName": MINCHO, "fontSize": 9, "leading": 12, "alignment": TA_CENTER},
        "option": {"fontName": MINCHO, "fontSize": 8, "leading": 10.4},
        "check": {"fontName": MINCHO, "fontSize": 8.6, "leading": 11.4},
        "check_caption": {"fontName": GOTHIC, "fontSize": 8.4, "leading": 11.2},
        "suffix": {"fontName": MINCHO, "fontSize": 9, "leading": 12, "alignment": TA_RIGHT},
        "cell": {"fontName": MINCHO, "fontSize": 8.4, "leading": 11.2},
        "head": {"fontName": GOTHIC, "fontSize": 8.4, "leading": 11.2, "alignment": TA_CENTER},
        "cell_center": {"fontName": MINCHO, "fontSize": 8.4, "leading": 11.2, "alignment": TA_CENTER},
        "head_value": {"fontName": MINCHO, "fontSize": 9.5, "leading": 13, "alignment": TA_LEFT},
        "head_number": {"fontName": MINCHO, "fontSize": 9.5, "leading": 13, "alignment": TA_CENTER},
        "stamp": {"fontName": MINCHO, "fontSize": 9, "leading": 12},
        "title": {"fontName": GOTHIC_BOLD, "fontSize": 14.5, "leading": 20, "alignment": TA_CENTER},
        "section": {"fontName": GOTHIC_BOLD, "fontSize": 11.5, "leading": 16, "spaceAfter": 3, "keepWithNext": 1},
    }
    spec = table[name]
    if spec.get("alignment", TA_LEFT) == TA_LEFT:
        spec.setdefault("rightIndent", spec["fontSize"] / 2)  # room for a hung 。、 (kinsoku) inside the cell
    return ParagraphStyle(name, **base, **spec)


def _line_markup(line: str) -> str:
    """One line of plain text as Paragraph markup: escaped, runs of spaces kept, variation sequences as the
    fonts draw them, missing characters with their text (glyphs.py)."""
    return escape(printed_text(line).replace("\t", "    ")).replace("  ", " \u00a0")


def para(text: str, style_name: str) -> Paragraph:
    """A one-line text (label, option, heading) as a wrapping paragraph."""
    return Para(_line_markup(" ".join(text.splitlines())) or "\u00a0", style(style_name))


def text_block(text: str, style_name: str, min_lines: int = 0) -> list[Flowable]:
    """Multi-line text as one paragraph per line. Single-line paragraphs take ReportLab's fast CJK
    wrapping path, and they avoid its stray empty line after a hung 。 before a <br/>."""
    st = style(style_name)
    lines = text.splitlines() if text else []
    lines += [""] * (min_lines - len(lines))
    return [Para(_line_markup(line) or "\u00a0", st) for line in lines]

"""``Para``: ReportLab's Paragraph, the same lines and drawing for less work (the export's inner loop).

A 評価書 has ~1,300 paragraphs in table cells, and ReportLab's tables wrap every cell ~4 times; this is
where most of an export's layout time went.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _FUZZ, cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag


class Para(Paragraph):
    """ReportLab's Paragraph with the same lines and drawing, made and laid out with less work.

    - Plain text (no markup: no ``<`` or ``&`` after escaping) skips ReportLab's HTML parser, whose only
      fragment would be the style's initial fragment with the text (see ``_plain_frag``).
    - ``wrap`` keeps its last result: ReportLab's tables wrap every cell again and again at the same width
      (row heights, drawing, after each split: ~4 times per paragraph), and Paragraph.wrap ignores the
      available height. A hit restores exactly the state a fresh wrap would leave (width, height, blPara);
      ``split`` deletes blPara when it gives up, which invalidates the kept result.
    """

    _last_wrap: tuple[float, Any, tuple[float, float]] | None = None

    def __init__(self, text: str | None, style: ParagraphStyle, bulletText: str | None = None,
                 frags: list[Any] | None = None, **kw: Any) -> None:
        if frags is None and text and "<" not in text and "&" not in text:
            cleaned = cleanBlockQuotedText(text)  # what Paragraph does before parsing
            if cleaned:
                text, frags = cleaned, [_plain_frag(style, cleaned)]
        super().__init__(text, style, bulletText, frags, **kw)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        last = self._last_wrap
        if last is not None and last[0] == availWidth and last[1] is self.__dict__.get("blPara"):
            self.width, self.height = last[2]
            return last[2]
        size = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:  # below it ReportLab returns "no room" without laying anything out
            self._last_wrap = (availWidth, self.blPara, size)
        return size


_PROTO_FRAGS: dict[int, tuple[ParagraphStyle, ParaFrag]] = {}


def _plain_frag(style: ParagraphStyle, text: str) -> ParaFrag:
    """The fragment ReportLab's parser makes of markup-free ``text``: a copy of the style's initial
    fragment (taken once per style from a real parse) with the text, and lists of its own."""
    entry = _PROTO_FRAGS.get(id(style))
    if entry is None or entry[0] is not style:
        entry = _PROTO_FRAGS[id(style)] = (style, Paragraph("x", style).frags[0])
    frag = ParaFrag()
    frag.__dict__.update({k: v[:] if type(v) is list else v for k, v in entry[1].__dict__.items()})
    frag.text = text
    return frag

"""``PiaTTFont``: ReportLab's TTFont made from an already parsed face, as the export registers the BIZ UD fonts.

The face comes from the font cache (font_cache.py) or a fresh parse; the font writes a ToUnicode CMap that
is right beyond the BMP (text_layer.py) and answers string widths with fewer steps than ReportLab's Python
fallback, to the very same floats.
"""

from __future__ import annotations

from itertools import repeat
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.lib import rl_accel
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from pia_desktop.pdf.text_layer import CorrectToUnicode

# True when ReportLab runs its pure-Python fallback for string widths (no rl_accel C extension).
_PY_WIDTHS = getattr(rl_accel.instanceStringWidthTTF, "__name__", "").startswith("_py_")


class PiaTTFont(CorrectToUnicode, TTFont):
    """A TTFont built from an already parsed face (fresh or from the cache), with a ToUnicode CMap that is
    right beyond the BMP (text_layer.py).

    Without ReportLab's C accelerator, string widths are ReportLab's Python fallback; line breaking asks
    for one character at a time, ~30,000 times per 評価書. The override answers single characters with one
    lookup and longer strings with the same sum in the same order, so every width is the very same float
    as ReportLab's (the PDF stays byte-identical).
    """

    def __init__(self, name: str, face: TTFontFace, asciiReadable: bool | None = None, shapable: bool = True) -> None:
        # TTFont.__init__, except that the face is given instead of parsed from a file.
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        if asciiReadable is None:
            asciiReadable = rl_config.ttfAsciiReadable
        self._asciiReadable = asciiReadable
        self.shapable = shapable and not any(ttfonts.fnmatch(name, g) for g in ttfonts.unShapedFontGlob)

    if _PY_WIDTHS:

        def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:
            face = self.face
            if type(text) is str and len(text) == 1:
                w = face.charWidths.get(ord(text))
                if w is not None:
                    return 0.001 * size * w  # == ReportLab's 0.001*size*sum((w,))
            if not isinstance(text, str):
                text = text.decode(encoding or "utf8")
            return 0.001 * size * sum(map(face.charWidths.get, map(ord, text), repeat(face.defaultWidth)))

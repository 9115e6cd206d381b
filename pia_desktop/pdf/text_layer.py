"""A correct ToUnicode CMap for the font subsets: what the PDF's text extracts as (search, copy, re-import).

ReportLab writes each subset code's Unicode value as ``<%04X>``, which is right for the BMP only: 𩸽
(U+29E3D) becomes ``<29E3D>``, an odd-length string that readers drop or cut to U+29E3, so a 公表用 PDF
re-imported next year has other characters. The CMap's destination is UTF-16BE (a surrogate pair outside
the BMP; several code units for a variation sequence, see glyphs.py). Subsets with only BMP code
points keep ReportLab's CMap, byte for byte. The text of glyphs.py's stand-in code points is handed over
to this module (``set_stand_in_text``), so that the fonts' ToUnicode writer need not import the layout side.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from reportlab.pdfbase.ttfonts import SUBSETN

# The text of each stand-in code point glyphs.py draws with: its table's code → text map, handed over once the
# stand-ins are installed in the fonts (glyphs.py adds unlisted sequences to it later, under its lock).
_stand_in_text: Mapping[int, str] | None = None


def set_stand_in_text(text: Mapping[int, str]) -> None:
    """Called by glyphs.py once its stand-ins are installed in the registered fonts (once per process)."""
    global _stand_in_text
    _stand_in_text = text


def text_of(code: int) -> str:
    """The text a code point of a font subset stands for (for the ToUnicode CMap)."""
    text = _stand_in_text
    if text is not None and code in text:
        return text[code]
    return chr(code)


def utf16_hex(text: str) -> str:
    return text.encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(fontname: str, subset: Sequence[int], text: Callable[[int], str] = text_of) -> str:
    """ReportLab's makeToUnicodeCMap with UTF-16BE destinations (identical output for BMP code points)."""
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16_hex(text(code))}>" for i, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


class CorrectToUnicode:
    """Mixin for ReportLab's TTFont: after its ``addObjects``, the ToUnicode CMap of every subset holding a
    code point beyond the BMP is rewritten (ReportLab registers it as ``toUnicodeCMap:<subset font name>``)."""

    def addObjects(self, doc: Any) -> None:  # ReportLab's name
        state = self.state.get(doc)  # type: ignore[attr-defined]
        fixes = []
        if state is not None:
            face = self.face  # type: ignore[attr-defined]
            for n, subset in enumerate(state.subsets):
                if any(code > 0xFFFF for code in subset):
                    name = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
                    fixes.append((name, list(subset)))
        super().addObjects(doc)  # type: ignore[misc]
        for name, subset in fixes:
            doc.idToObject["toUnicodeCMap:" + name].content = to_unicode_cmap(name, subset)

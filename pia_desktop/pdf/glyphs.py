"""What each character of a printed text is drawn with, so that the PDF's text layer keeps what was typed.

ReportLab maps one code point to one glyph and gives a character the font lacks the shared code 0
(.notdef), whose text is U+0000. Before a line is laid out, ``printed_text`` adjusts it and the registered
fonts, only for lines that need it (other text is returned unchanged, so those PDFs stay byte-identical):

- a variation sequence the fonts list (cmap format 14: 葛󠄀 = 葛 + U+E0100) is replaced by a stand-in code
  point of the Supplementary Private Use Area-B, which the fonts are given with the sequence's glyph and
  width; the ToUnicode CMap (text_layer.py) maps it back to base + selector;
- a selector the fonts do not list for its base is not drawn: the base prints in its usual glyph
  (``pia-desktop check`` reports it as "unprintable-variant"), through a stand-in allocated from the top
  of plane 16 whose text is still base + selector;
- a character the fonts lack (𠮷, 😀, 外字) is given a code of its own on the .notdef glyph: it still prints
  as an empty box (reported by ``check`` and the export), but its text is itself, not U+0000, so a
  re-imported PDF keeps it. A typed character that happens to be one of the stand-ins is drawn as
  U+10FFFF (.notdef) instead, never as a variant glyph.
"""

from __future__ import annotations

import re
import struct
import threading
from collections.abc import Callable

from pia_desktop.pdf.coverage import bundled_coverage, is_selector, parse_cmap, read_cmap_table
from pia_desktop.pdf.fonts import GOTHIC, GOTHIC_BOLD, MINCHO, font_file, register_fonts
from pia_desktop.pdf.text_layer import set_stand_in_text

STAND_IN = 0x100000  # first stand-in code point (plane 16, private use)
_SELECTOR_OR_STAND_IN = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef\U00100000-\U0010ffff]")
_COLLIDING = "\U0010ffff"  # a noncharacter, in no font
_LAYOUT = frozenset("\t\u00a0")  # what the layout replaces or maps itself (tab → spaces, nbsp → space)
_NAMES = (GOTHIC, GOTHIC_BOLD, MINCHO)


class _Table:
    def __init__(self) -> None:
        sequences = sorted(bundled_coverage().variants)  # the sequences every bundled font draws
        self.code = {seq: STAND_IN + i for i, seq in enumerate(sequences)}
        self.text = {code: chr(base) + chr(sel) for (base, sel), code in self.code.items()}
        self.next_unlisted = 0x10FFFD  # stand-ins for unlisted sequences count down from here

    def unlisted(self, base: str, selector: str) -> int | None:
        """A stand-in drawing ``base`` in its usual glyph, whose text is base + selector (under _lock)."""
        key = (ord(base), ord(selector))
        code = self.code.get(key)
        if code is None:
            if self.next_unlisted < STAND_IN + len(self.text):
                return None  # plane 16 used up (a crafted document): the selector is simply not drawn
            code = self.code[key] = self.next_unlisted
            self.next_unlisted -= 1
            self.text[code] = base + selector
            for face in _faces():
                glyph = face.charToGlyph.get(key[0])  # type: ignore[attr-defined]
                if glyph:
                    face.charToGlyph[code] = glyph  # type: ignore[attr-defined]
                    face.charWidths[code] = face.charWidths.get(key[0], face.defaultWidth)  # type: ignore[attr-defined]
        return code


_lock = threading.Lock()
_table: _Table | None = None
_drawn: dict[str, bool] = {}  # character → every bundled font has a glyph for it


def _is_drawn(ch: str) -> bool:
    drawn = _drawn.get(ch)
    if drawn is None:
        code = ord(ch)
        drawn = _drawn[ch] = ch in _LAYOUT or (code in bundled_coverage() and not is_selector(code))
    return drawn


def _installed() -> _Table:
    """The stand-in table, its code points installed in the registered fonts (once per process)."""
    global _table
    with _lock:
        if _table is None:
            register_fonts()
            table = _Table()
            for name in _NAMES:
                _install(name, table)
            set_stand_in_text(table.text)  # what the ToUnicode CMap writes for each stand-in
            _table = table
        return _table


def _faces() -> list[object]:
    from reportlab.pdfbase import pdfmetrics

    return [pdfmetrics.getFont(name).face for name in _NAMES]


def _install(name: str, table: _Table) -> None:
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(name).face
    own = parse_cmap(read_cmap_table(font_file(name))).variants  # this font's glyph ids
    width = _glyph_widths(face, face._ttf_data)
    for (base, sel), code in table.code.items():
        glyph = own.get((base, sel)) or face.charToGlyph.get(base)  # None in ``own``: the base's own glyph
        if glyph:
            face.charToGlyph[code] = glyph
            face.charWidths[code] = width(glyph)


def _glyph_widths(face: object, data: bytes) -> Callable[[int], float]:
    """Glyph id → advance width as ReportLab's charWidths holds it (1/1000 em). ReportLab's hmetrics holds
    font units for the first numberOfHMetrics glyphs and the already scaled last width after them."""
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {data[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0] for i in range(count)}
    (metrics,) = struct.unpack_from(">H", data, tables[b"hhea"] + 34)
    hmetrics, scale = face.hmetrics, face._pdfScale  # type: ignore[attr-defined]
    return lambda glyph: scale(hmetrics[glyph][0]) if glyph < metrics else hmetrics[glyph][0]


def _keep_text(chars: set[str]) -> None:
    """Give characters without a glyph codes of their own on .notdef (same box, same width: charWidths
    is left alone), so that the ToUnicode CMap carries them."""
    with _lock:
        for face in _faces():
            for ch in chars:
                face.charToGlyph.setdefault(ord(ch), 0)  # type: ignore[attr-defined]


def printed_text(text: str) -> str:
    """``text`` as it is drawn (see the module's docstring); unchanged when every character is plain."""
    if _SELECTOR_OR_STAND_IN.search(text) is None and all(map(_is_drawn, set(text))):
        return text
    table = _installed()
    out: list[str] = []
    missing: set[str] = set()
    for ch in text:
        code = ord(ch)
        if is_selector(code):
            base = out[-1] if out else None
            if base is not None and _is_drawn(base):
                stand_in = table.code.get((ord(base), code))
                if stand_in is None:
                    with _lock:
                        stand_in = table.unlisted(base, ch)
                if stand_in is not None:
                    out[-1] = chr(stand_in)
            continue  # else a selector after nothing drawable (after an unprintable character: its box)
        if code in table.text:
            ch = _COLLIDING
        if not _is_drawn(ch):
            missing.add(ch)
        out.append(ch)
    if missing:
        _keep_text(missing)
    return "".join(out)

"""Which characters the bundled fonts print: their cmap tables, read directly from the font files.

``pia-desktop check`` must name the characters the PDF cannot print without importing ReportLab, so this
module reads the ``cmap`` table itself (struct only): the table directory, then the Unicode subtable
ReportLab uses (format 12, or format 4 in a BMP-only font) and the Unicode Variation Sequences subtable
(format 14: which base character + variation selector pairs the font draws). Reading the three fonts'
cmaps costs ~2 ms (the table is ~200 KB of each 5 MB file; identical tables are parsed once), so nothing
is cached on disk: a cache would only add a way to be stale, and a changed font file is read afresh.
"""

from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cache
from operator import lt
from pathlib import Path

from pia_desktop.domain.errors import PiaError
from pia_desktop.pdf.fonts import font_files

_U32 = "I" if array("I").itemsize == 4 else "L"
# A variation sequence the font draws: None for its default glyph (the base character's own), else the glyph id.
Variants = dict[tuple[int, int], int | None]


def is_selector(code: int) -> bool:
    """A variation selector: VS1-16 (U+FE00-FE0F) or an ideographic one, VS17-256 (U+E0100-E01EF)."""
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


class FontFormatError(ValueError):
    """The file is not a TrueType/OpenType font with a Unicode cmap this module can read."""


class Coverage:
    """The code points a font maps to a real glyph (not .notdef), as sorted disjoint ranges, and its
    variation sequences (format 14)."""

    def __init__(self, starts: Sequence[int], ends: Sequence[int], variants: Variants | Callable[[], Variants]) -> None:
        if not all(map(lt, ends[:-1], starts[1:])):  # fonts list them sorted and disjoint; else merge
            merged: list[list[int]] = []  # (only a font that breaks the rule gets here)
            for lo, hi in sorted(zip(starts, ends, strict=True)):
                if merged and lo <= merged[-1][1] + 1:
                    merged[-1][1] = max(hi, merged[-1][1])
                else:
                    merged.append([lo, hi])
            starts, ends = [lo for lo, _ in merged], [hi for _, hi in merged]
        self._starts, self._ends = starts, ends
        self._variants = variants

    @property
    def variants(self) -> Variants:
        """(base, selector) → glyph id (None: the base's own glyph); read on first use (only text with a
        variation selector needs it)."""
        if callable(self._variants):
            self._variants = self._variants()
        return self._variants

    def __contains__(self, code: int) -> bool:
        i = bisect_right(self._starts, code) - 1
        return i >= 0 and code <= self._ends[i]

    def ranges(self) -> list[tuple[int, int]]:
        return list(zip(self._starts, self._ends, strict=True))

    def has_variant(self, base: int, selector: int) -> bool:
        return (base, selector) in self.variants

    def intersection(self, other: Coverage) -> Coverage:
        out: list[tuple[int, int]] = []
        a, b = self.ranges(), other.ranges()
        i = j = 0
        while i < len(a) and j < len(b):
            lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
            if lo <= hi:
                out.append((lo, hi))
            if a[i][1] < b[j][1]:
                i += 1
            else:
                j += 1
        return Coverage([lo for lo, _ in out], [hi for _, hi in out], lambda: {k: v for k, v in self.variants.items() if k in other.variants})


# -- reading the cmap table ---------------------------------------------------------------------------


def read_cmap_table(path: Path) -> bytes:
    """The raw ``cmap`` table of the font file ``path`` (only the table directory and the table are read)."""
    with open(path, "rb") as f:
        head = f.read(12)
        if len(head) < 12:
            raise FontFormatError(f"{path}: not a font file")
        (count,) = struct.unpack(">H", head[4:6])
        directory = f.read(16 * count)
        for i in range(len(directory) // 16):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", directory, 16 * i)
            if tag == b"cmap":
                f.seek(offset)
                table = f.read(length)
                if len(table) != length:
                    raise FontFormatError(f"{path}: truncated cmap table")
                return table
    raise FontFormatError(f"{path}: no cmap table")


def _subtables(cmap: bytes) -> dict[tuple[int, int], int]:
    (count,) = struct.unpack_from(">H", cmap, 2)
    return {(p, e): off for p, e, off in struct.iter_unpack(">HHI", cmap[4 : 4 + 8 * count])}


def _format12_ranges(cmap: bytes, off: int) -> tuple[Sequence[int], Sequence[int]]:
    (groups,) = struct.unpack_from(">I", cmap, off + 12)
    flat = array(_U32, cmap[off + 16 : off + 16 + 12 * groups])  # C-speed: ~10,000 groups in a CJK font
    if len(flat) != 3 * groups:
        raise FontFormatError("truncated format 12 subtable")
    if sys.byteorder == "little":
        flat.byteswap()
    starts, ends, glyphs = flat[0::3], flat[1::3], flat[2::3]
    if 0 in glyphs:  # a group whose first code maps to .notdef (the rest to the glyphs after it)
        for i in sorted((i for i, g in enumerate(glyphs) if g == 0), reverse=True):
            starts[i] += 1
            if starts[i] > ends[i]:
                del starts[i], ends[i]
    return starts, ends


def _format4_ranges(cmap: bytes, off: int) -> tuple[Sequence[int], Sequence[int]]:
    (seg2,) = struct.unpack_from(">H", cmap, off + 6)
    n = seg2 // 2
    ends = struct.unpack_from(f">{n}H", cmap, off + 14)
    starts = struct.unpack_from(f">{n}H", cmap, off + 16 + seg2)
    deltas = struct.unpack_from(f">{n}h", cmap, off + 16 + 2 * seg2)
    range_at = off + 16 + 3 * seg2
    offsets = struct.unpack_from(f">{n}H", cmap, range_at)
    starts_out: list[int] = []
    ends_out: list[int] = []
    for k in range(n):
        for code in range(starts[k], ends[k] + 1):
            if offsets[k] == 0:
                glyph = (code + deltas[k]) & 0xFFFF
            else:
                at = range_at + 2 * k + offsets[k] + 2 * (code - starts[k])
                glyph = struct.unpack_from(">H", cmap, at)[0] if at + 2 <= len(cmap) else 0
                glyph = (glyph + deltas[k]) & 0xFFFF if glyph else 0
            if not glyph:
                continue
            if ends_out and ends_out[-1] == code - 1:
                ends_out[-1] = code
            else:
                starts_out.append(code)
                ends_out.append(code)
    return starts_out, ends_out


def _format14_variants(cmap: bytes, off: int) -> Variants:
    (records,) = struct.unpack_from(">I", cmap, off + 6)
    out: Variants = {}
    for i in range(records):
        rec = off + 10 + 11 * i
        selector = int.from_bytes(cmap[rec : rec + 3], "big")
        default_at, other_at = struct.unpack_from(">II", cmap, rec + 3)
        if default_at:  # ranges of base characters drawn with their default glyph
            (n,) = struct.unpack_from(">I", cmap, off + default_at)
            for j in range(n):
                at = off + default_at + 4 + 4 * j
                first = int.from_bytes(cmap[at : at + 3], "big")
                for base in range(first, first + cmap[at + 3] + 1):
                    out[(base, selector)] = None
        if other_at:  # base characters with a glyph of their own for this selector
            (n,) = struct.unpack_from(">I", cmap, off + other_at)
            for j in range(n):
                at = off + other_at + 4 + 5 * j
                base = int.from_bytes(cmap[at : at + 3], "big")
                out[(base, selector)] = struct.unpack_from(">H", cmap, at + 3)[0]
    return out


def parse_cmap(cmap: bytes, *, prefer_bmp: bool = False) -> Coverage:
    """The coverage of a ``cmap`` table: the full-Unicode subtable (3,10) or (0,4)/(0,6) in format 12 as
    ReportLab reads it, else the BMP one in format 4; ``prefer_bmp`` reads the format 4 one (tests)."""
    try:
        subtables = _subtables(cmap)
        formats = {key: struct.unpack_from(">H", cmap, off)[0] for key, off in subtables.items()}
        full = [k for k in ((3, 10), (0, 6), (0, 4)) if formats.get(k) == 12]
        bmp = [k for k in ((3, 1), (0, 3), (0, 1), (0, 0)) if formats.get(k) == 4]
        if full and not prefer_bmp:
            starts, ends = _format12_ranges(cmap, subtables[full[0]])
        elif bmp:
            starts, ends = _format4_ranges(cmap, subtables[bmp[0]])
        else:
            raise FontFormatError("no Unicode cmap subtable in format 12 or 4")
    except struct.error as exc:
        raise FontFormatError(f"damaged cmap table ({exc})") from exc

    def variants() -> Variants:
        try:
            return _format14_variants(cmap, subtables[(0, 5)]) if formats.get((0, 5)) == 14 else {}
        except struct.error:
            return {}  # a damaged variation subtable: every selector is reported as not printable

    return Coverage(starts, ends, variants)


@cache
def _bundled() -> Coverage:
    tables: dict[bytes, Coverage] = {}
    result: Coverage | None = None
    for path in font_files():
        try:
            table = read_cmap_table(path)
            if table not in tables:  # the BIZ UD fonts share one cmap: parsed once
                tables[table] = parse_cmap(table)
        except (OSError, FontFormatError) as exc:  # as fonts.register_fonts says it for the export
            raise PiaError(f"PDF用のフォント {path} を読み込めません（{exc}）。アプリケーションを入れ直してください。") from exc
        if result is None:
            result = tables[table]
        elif result is not tables[table]:
            result = result.intersection(tables[table])
    assert result is not None
    return result


def bundled_coverage() -> Coverage:
    """What every bundled PDF font prints (their intersection), read once per process (two threads asking
    at once may both read it: harmless, and no lock to import for ``check``)."""
    return _bundled()

"""ReportLab's parsed TrueType data, cached so that a process does not re-parse the fonts on every run.

``TTFont(name, path)`` walks the font's cmap, hmtx and loca tables in Python: ~0.05-0.2 s per BIZ UD font,
paid by every ``export-pdf``. The result is plain data (names, metrics, char → glyph and char → width maps,
glyph offsets), which is kept here in the user's cache folder, keyed by the SHA-256 of the font file:

- one file per font, ``ttf-<sha256[:32]>-rl<reportlab version>-v<FORMAT>.fontcache``: a header line (format,
  font hash, ReportLab version, keyed digest of the payload), then the payload: the parsed face's
  attributes as JSON with a few tagged types (tuple, bytes, int-keyed dict, the name table's strings);
- JSON only, never pickle or marshal: a tampered file cannot run code. A damaged one (truncated, edited,
  bit flips: the HMAC-SHA256 keyed with the font hash no longer matches; wrong structure, counts or ranges)
  is ignored and rebuilt. The digest guards against damage, not against an attacker, who could compute it:
  a forged file can at worst give wrong metrics in a PDF, as a forged font file could;
- written atomically (temporary file, fsync, rename); an unwritable cache folder only costs speed;
- the font bytes themselves are always read from the bundled file (ReportLab embeds subsets of them), so
  a stale cache cannot pair one font's metrics with another's outlines: a changed file has another hash.

Nothing here opens a network connection.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import io
import json
import sys
from array import array
from collections.abc import Callable
from itertools import islice, repeat
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import Version as REPORTLAB_VERSION
from reportlab import rl_config
from reportlab.lib import rl_accel
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from pia_desktop.fileio import atomic_write_bytes
from pia_desktop.pdf.text_layer import CorrectToUnicode

FORMAT = 2  # 2: mixed columns as the majority type with the others patched in; glyphToChar built lazily
_SKIPPED = ("_ttf_data", "_pdfScale")  # the font bytes (read from the file) and a lambda (rebuilt)
# Attributes the rest of ReportLab and the subsetting rely on; a cached face must have all of them.
_REQUIRED = ("name", "flags", "ascent", "descent", "capHeight", "italicAngle", "stemV", "bbox", "defaultWidth",
             "charWidths", "charToGlyph", "hmetrics", "glyphPos", "numGlyphs", "unitsPerEm", "table", "filename")
# True when ReportLab runs its pure-Python fallback for string widths (no rl_accel C extension).
_PY_WIDTHS = getattr(rl_accel.instanceStringWidthTTF, "__name__", "").startswith("_py_")


class CacheDamaged(ValueError):
    """The cache file is not what this module wrote for this font: ignore it and rebuild."""


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


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cache_path(folder: Path, digest: str) -> Path:
    return folder / f"ttf-{digest[:32]}-rl{REPORTLAB_VERSION}-v{FORMAT}.fontcache"


def _scale(units_per_em: int) -> Callable[[float], float]:
    """TTFontFile.extractInfo's ``_pdfScale``: font units → 1/1000 em (same expression, same floats)."""
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


# -- the format: a JSON header line, then a JSON document with tagged objects, then packed number columns ---
#
# Large numeric structures (char → glyph and char → width maps, glyph metrics and offsets: ~60,000 numbers
# per font) are stored as packed little-endian columns (array 'q' for ints, 'd' for floats) that the JSON
# refers to by index; everything else is JSON. Ints stay ints and floats stay floats, element by element
# (ReportLab's hmtx widths mix the two: a column of the majority type, the few others patched in by
# position), so the restored face equals a freshly parsed one exactly.

_COLUMN_TYPES = {"i": "q", "f": "d"}
_OTHER = {"q": "d", "d": "q"}


class _Columns:
    """The packed number columns of one cache file (writing side)."""

    def __init__(self) -> None:
        self.arrays: list[array] = []

    def _push(self, typecode: str, values: list[Any]) -> int:
        self.arrays.append(array(typecode, values))
        return len(self.arrays) - 1

    def add(self, values: list[Any]) -> dict[str, Any]:
        types = set(map(type, values))
        if types <= {int}:
            return {"$col": ["i", self._push("q", values)]}
        if types <= {float}:
            return {"$col": ["f", self._push("d", values)]}
        if not types <= {int, float}:
            raise TypeError("not a column of numbers")
        # mixed: a column of the majority type (the others as 0 there), then their positions and values
        n_int = sum(type(v) is int for v in values)
        major = int if 2 * n_int >= len(values) else float
        odd = [i for i, v in enumerate(values) if type(v) is not major]
        base = [v if type(v) is major else major(0) for v in values]
        typecode = "q" if major is int else "d"
        return {"$col": ["m", self._push(typecode, base), self._push("q", odd),
                         self._push(_OTHER[typecode], [values[i] for i in odd])]}

    def pack(self) -> tuple[list[list[Any]], bytes]:
        specs, chunks = [], []
        for a in self.arrays:
            if sys.byteorder != "little":  # pragma: no cover - no big-endian target
                a = array(a.typecode, a)
                a.byteswap()
            specs.append([a.typecode, len(a)])
            chunks.append(a.tobytes())
        return specs, b"".join(chunks)


def _is_number_list(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 16 and set(map(type, value)) <= {int, float}


def _encode(value: Any, cols: _Columns) -> Any:
    if isinstance(value, TTFNameBytes):
        return {"$name": value.ustr}
    if isinstance(value, bytes):
        return {"$bytes": value.hex()}
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, tuple):
        return {"$tuple": [_encode(v, cols) for v in value]}
    if isinstance(value, list):
        if _is_number_list(value):
            return cols.add(value)
        if len(value) > 16 and all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return {"$pairs": [cols.add([v[0] for v in value]), cols.add([v[1] for v in value])]}
        return [_encode(v, cols) for v in value]
    if isinstance(value, dict):
        if value and all(type(k) is int for k in value):
            values = list(value.values())
            if _is_number_list(values):
                return {"$intdict": [cols.add(list(value)), cols.add(values)]}
            if all(isinstance(v, list) and set(map(type, v)) <= {int} for v in values):
                flat = [x for v in values for x in v]
                return {"$intlists": [cols.add(list(value)), cols.add([len(v) for v in values]), cols.add(flat)]}
        if all(isinstance(k, str) for k in value):
            return {"$strdict": [[k, _encode(v, cols)] for k, v in value.items()]}
    raise TypeError(f"{type(value).__name__} is not cacheable font data")


def _decoder(arrays: list[list[Any]], typecodes: list[str], deferred: list[_Deferred]) -> Callable[[dict[str, Any]], Any]:
    """The JSON object hook; every ``$intlists`` is checked now but built later, and listed in ``deferred``."""

    def column(ref: Any, kind: str | None = None) -> list[Any]:
        if not isinstance(ref, _Column) or (kind is not None and ref.kind != kind):
            raise CacheDamaged("not a column")
        return ref.values

    def hook(obj: dict[str, Any]) -> Any:
        if len(obj) != 1:
            raise CacheDamaged("untagged object")
        ((tag, v),) = obj.items()
        if tag == "$col" and isinstance(v, list) and v and all(type(i) is int and 0 <= i < len(arrays) for i in v[1:]):
            if v[0] in _COLUMN_TYPES and len(v) == 2:
                if typecodes[v[1]] != _COLUMN_TYPES[v[0]]:
                    raise CacheDamaged("column type")  # 'q' columns hold ints, 'd' columns floats
                return _Column(v[0], arrays[v[1]])
            if v[0] == "m" and len(v) == 4:
                base, odd, others = v[1:]
                if typecodes[base] not in _OTHER or typecodes[odd] != "q" or typecodes[others] != _OTHER[typecodes[base]]:
                    raise CacheDamaged("column type")
                values, positions = list(arrays[base]), arrays[odd]
                if len(positions) != len(arrays[others]) or (positions and (min(positions) < 0 or max(positions) >= len(values))):
                    raise CacheDamaged("mixed column")
                for i, x in zip(positions, arrays[others], strict=False):  # lengths checked above
                    values[i] = x
                return _Column("m", values)
        if tag == "$intdict" and isinstance(v, list) and len(v) == 2:
            return dict(zip(*_same_length(column(v[0], "i"), column(v[1])), strict=False))
        if tag == "$intlists" and isinstance(v, list) and len(v) == 3:
            keys, lengths, flat = column(v[0], "i"), column(v[1], "i"), column(v[2], "i")
            if len(keys) != len(lengths) or sum(lengths) != len(flat) or min(lengths, default=0) < 0:
                raise CacheDamaged("lists")
            lazy = _Deferred(keys, lengths, flat)
            deferred.append(lazy)
            return lazy
        if tag == "$pairs" and isinstance(v, list) and len(v) == 2:
            return list(zip(*_same_length(column(v[0]), column(v[1])), strict=False))
        if tag == "$tuple" and isinstance(v, list):
            return tuple(_plain(x) for x in v)
        if tag == "$strdict" and isinstance(v, list) \
                and all(isinstance(x, list) and len(x) == 2 and isinstance(x[0], str) for x in v):
            return {k: _plain(x) for k, x in v}
        if tag == "$bytes" and isinstance(v, str):
            return bytes.fromhex(v)
        if tag == "$name" and isinstance(v, str):
            return TTFNameBytes(v.encode("utf-8"))
        raise CacheDamaged(f"unknown tag {tag!r}")

    return hook


def _same_length(a: list[Any], b: list[Any]) -> tuple[list[Any], list[Any]]:
    """``a``, ``b`` for a zip (zip(strict=True) costs a third more on these 10,000-element columns)."""
    if len(a) != len(b):
        raise CacheDamaged("column lengths")
    return a, b


class _Deferred:
    """An int → list of ints map (glyphToChar), checked at load and built on first use (CachedFace)."""

    __slots__ = ("flat", "keys", "lengths")

    def __init__(self, keys: list[int], lengths: list[int], flat: list[int]) -> None:
        self.keys, self.lengths, self.flat = keys, lengths, flat

    def build(self) -> dict[int, list[int]]:
        if len(self.flat) == len(self.keys):  # every glyph of one character (the usual case): no slicing
            return {k: [c] for k, c in zip(self.keys, self.flat, strict=False)}  # lengths checked at load
        it = iter(self.flat)
        return {k: list(islice(it, n)) for k, n in zip(self.keys, self.lengths, strict=True)}


class CachedFace(TTFontFace):
    """A face restored from the cache. Its glyph → characters map (glyphToChar: ~8 ms per font to build)
    is made on first access: ReportLab reads it only when shaping with HarfBuzz, which the export does not."""

    _lazy: dict[str, _Deferred]

    def __getattr__(self, name: str) -> Any:  # only called for attributes not (yet) in the instance
        lazy = self.__dict__.get("_lazy")
        if lazy is None or name not in lazy:
            raise AttributeError(name)
        value = lazy.pop(name).build()
        setattr(self, name, value)
        if not lazy:
            del self._lazy  # from now on the face has exactly the attributes of a parsed one
        return value


def face_attributes(face: TTFontFace) -> dict[str, Any]:
    """The face's attributes, with any lazy one built."""
    for name in list(getattr(face, "_lazy", ())):
        getattr(face, name)
    return dict(vars(face))


class _Column:
    """A decoded number column, until the object holding it (or the attribute) takes its values."""

    __slots__ = ("kind", "values")

    def __init__(self, kind: str, values: list[Any]) -> None:
        self.kind, self.values = kind, values


def _plain(value: Any) -> Any:
    return value.values if isinstance(value, _Column) else value


def _mac(digest: str, payload: bytes) -> str:
    return hmac.new(bytes.fromhex(digest), payload, hashlib.sha256).hexdigest()


def dumps_face(face: TTFontFace, digest: str) -> bytes:
    cols = _Columns()
    attrs = _encode({k: v for k, v in face_attributes(face).items() if k not in _SKIPPED}, cols)
    doc = json.dumps(attrs, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    specs, packed = cols.pack()
    payload = doc + b"\n" + packed
    header = {"format": FORMAT, "font_sha256": digest, "reportlab": REPORTLAB_VERSION, "columns": specs,
              "json_bytes": len(doc), "hmac": _mac(digest, payload)}
    return json.dumps(header).encode("ascii") + b"\n" + payload


def loads_face(blob: bytes, data: bytes, digest: str) -> TTFontFace:
    """The face stored in ``blob`` for the font file ``data`` (hash ``digest``); CacheDamaged otherwise."""
    # ~60,000 new objects: without the cyclic collector, which would walk them several times for nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _loads_face(blob, data, digest)
    finally:
        if enabled:
            gc.enable()


def _loads_face(blob: bytes, data: bytes, digest: str) -> TTFontFace:
    head, sep, payload = blob.partition(b"\n")
    try:
        header = json.loads(head) if sep else None
    except ValueError as exc:
        raise CacheDamaged("header") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("font_sha256") != digest \
            or header.get("reportlab") != REPORTLAB_VERSION:
        raise CacheDamaged("header mismatch")
    if not isinstance(header.get("hmac"), str) or not hmac.compare_digest(header["hmac"], _mac(digest, payload)):
        raise CacheDamaged("digest mismatch")
    try:
        n_json, specs = header["json_bytes"], header["columns"]
        arrays, pos = [], n_json + 1
        for typecode, count in specs:
            if typecode not in ("q", "d") or type(count) is not int or count < 0:
                raise CacheDamaged("column spec")
            a = array(typecode)
            end = pos + count * a.itemsize
            a.frombytes(payload[pos:end])
            if len(a) != count:
                raise CacheDamaged("truncated")
            if sys.byteorder != "little":  # pragma: no cover
                a.byteswap()
            arrays.append(a.tolist())
            pos = end
        if pos != len(payload) or payload[n_json:n_json + 1] != b"\n":
            raise CacheDamaged("length")
        deferred: list[_Deferred] = []
        attrs = _plain(json.loads(payload[:n_json], object_hook=_decoder(arrays, [t for t, _ in specs], deferred)))
        if isinstance(attrs, dict):
            attrs = {k: _plain(v) for k, v in attrs.items()}
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
        raise CacheDamaged(f"payload: {exc}") from exc
    _validate(attrs, len(data))
    lazy = {k: v for k, v in attrs.items() if isinstance(v, _Deferred)}
    if len(lazy) != len(deferred):
        raise CacheDamaged("lists inside other values")  # only top-level attributes are built lazily
    face = CachedFace.__new__(CachedFace)
    face.__dict__.update({k: v for k, v in attrs.items() if k not in lazy})
    if lazy:
        face._lazy = lazy
    face._ttf_data = data
    face._pdfScale = _scale(attrs["unitsPerEm"])
    return face


def _validate(attrs: Any, size: int) -> None:
    """Structure, types and ranges, so that a damaged file fails here and not in the middle of an export."""
    if not isinstance(attrs, dict) or any(k not in attrs for k in _REQUIRED) or any(k in attrs for k in _SKIPPED):
        raise CacheDamaged("attributes")
    n = attrs["numGlyphs"]
    c2g, widths, hmetrics, pos, table = (attrs[k] for k in ("charToGlyph", "charWidths", "hmetrics", "glyphPos", "table"))
    ok = (
        isinstance(attrs["name"], TTFNameBytes)
        and type(n) is int and 0 < n <= 0xFFFF
        and type(attrs["unitsPerEm"]) is int and 16 <= attrs["unitsPerEm"] <= 16384
        and type(attrs["defaultWidth"]) in (int, float)
        and isinstance(c2g, dict) and set(map(type, c2g.values())) <= {int}
        and (not c2g or (min(c2g.values()) >= 0 and max(c2g.values()) < n))
        and isinstance(widths, dict) and set(map(type, widths.values())) <= {int, float}
        and isinstance(hmetrics, list) and len(hmetrics) == n
        and isinstance(pos, list) and len(pos) == n + 1 and set(map(type, pos)) <= {int} and pos == sorted(pos)
        and isinstance(table, dict) and isinstance(table.get("glyf"), dict)
        and all(isinstance(t, dict) and type(t.get("offset")) is int and type(t.get("length")) is int
                and t["offset"] >= 0 and t["offset"] + t["length"] <= size for t in table.values())
        and pos[0] >= 0 and pos[-1] <= table["glyf"]["length"]
    )
    if not ok:
        raise CacheDamaged("values out of range")


# -- loading -------------------------------------------------------------------------------------------------


def _parse(data: bytes, path: Path) -> TTFontFace:
    stream = io.BytesIO(data)
    stream.name = str(path)  # type: ignore[attr-defined]  # ReportLab takes the face's filename from it
    return TTFontFace(stream)


def load_face(path: Path, folder: Path | None) -> tuple[TTFontFace, str]:
    """The parsed face of the font file ``path``, from the cache in ``folder`` when it holds a sound copy;
    otherwise parsed and (re)written there. Returns the face and how it was got ("cache", "parsed")."""
    data = Path(path).read_bytes()
    digest = file_digest(data)
    target = cache_path(folder, digest) if folder is not None else None
    if target is not None:
        try:
            return loads_face(target.read_bytes(), data, digest), "cache"
        except (OSError, CacheDamaged):
            pass  # missing, unreadable or damaged: rebuild
    face = _parse(data, path)
    if target is not None:
        try:
            blob = dumps_face(face, digest)
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(target, blob)
        except (OSError, TypeError, ValueError, OverflowError):
            pass  # a read-only or full profile only costs speed
    return face, "parsed"


def load_font(name: str, path: Path, folder: Path | None) -> tuple[PiaTTFont, str]:
    face, how = load_face(path, folder)
    return PiaTTFont(name, face), how

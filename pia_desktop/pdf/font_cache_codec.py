"""The font cache's payload: a parsed face's attributes as JSON with tagged types, then packed number columns.

Large numeric structures (char → glyph and char → width maps, glyph metrics and offsets: ~60,000 numbers
per font) are stored as packed little-endian columns (array 'q' for ints, 'd' for floats) that the JSON
refers to by index; everything else is JSON. Ints stay ints and floats stay floats, element by element
(ReportLab's hmtx widths mix the two: a column of the majority type, the few others patched in by
position), so the restored face equals a freshly parsed one exactly. JSON only, never pickle or marshal:
decoding checks every tag, type and length and raises ``CacheDamaged`` for anything else. The header line
and its digest around the payload are font_cache.py's.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Callable
from itertools import islice
from typing import Any

from reportlab.pdfbase.ttfonts import TTFNameBytes


class CacheDamaged(ValueError):
    """The cache file is not what font_cache.py wrote for this font: ignore it and rebuild."""


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


def _decoder(arrays: list[list[Any]], typecodes: list[str], deferred: list[Deferred]) -> Callable[[dict[str, Any]], Any]:
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
            lazy = Deferred(keys, lengths, flat)
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


class Deferred:
    """An int → list of ints map (glyphToChar), checked at load and built on first use (font_cache.CachedFace)."""

    __slots__ = ("flat", "keys", "lengths")

    def __init__(self, keys: list[int], lengths: list[int], flat: list[int]) -> None:
        self.keys, self.lengths, self.flat = keys, lengths, flat

    def build(self) -> dict[int, list[int]]:
        if len(self.flat) == len(self.keys):  # every glyph of one character (the usual case): no slicing
            return {k: [c] for k, c in zip(self.keys, self.flat, strict=False)}  # lengths checked at load
        it = iter(self.flat)
        return {k: list(islice(it, n)) for k, n in zip(self.keys, self.lengths, strict=True)}


class _Column:
    """A decoded number column, until the object holding it (or the attribute) takes its values."""

    __slots__ = ("kind", "values")

    def __init__(self, kind: str, values: list[Any]) -> None:
        self.kind, self.values = kind, values


def _plain(value: Any) -> Any:
    return value.values if isinstance(value, _Column) else value



def encode_payload(attrs: dict[str, Any]) -> tuple[bytes, list[list[Any]], int]:
    """The payload of ``attrs`` (the JSON document, a newline, the packed columns), the columns' specs
    ([typecode, count] each) and the JSON document's length, for the header."""
    cols = _Columns()
    encoded = _encode(attrs, cols)
    doc = json.dumps(encoded, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    specs, packed = cols.pack()
    return doc + b"\n" + packed, specs, len(doc)


def decode_payload(payload: bytes, n_json: Any, specs: Any) -> tuple[Any, list[Deferred]]:
    """The attributes in ``payload`` as the header describes it (JSON length, column specs), with the
    ``$intlists`` maps left to build (listed second). Damage raises CacheDamaged, or whatever error a
    malformed header value gives (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)."""
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
    deferred: list[Deferred] = []
    attrs = _plain(json.loads(payload[:n_json], object_hook=_decoder(arrays, [t for t, _ in specs], deferred)))
    if isinstance(attrs, dict):
        attrs = {k: _plain(v) for k, v in attrs.items()}
    return attrs, deferred

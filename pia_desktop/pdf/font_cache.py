"""ReportLab's parsed TrueType data, cached so that a process does not re-parse the fonts on every run.

``TTFont(name, path)`` walks the font's cmap, hmtx and loca tables in Python: ~0.05-0.2 s per BIZ UD font,
paid by every ``export-pdf``. The result is plain data (names, metrics, char → glyph and char → width maps,
glyph offsets), which is kept here in the user's cache folder, keyed by the SHA-256 of the font file:

- one file per font, ``ttf-<sha256[:32]>-rl<reportlab version>-v<FORMAT>.fontcache``: a header line (format,
  font hash, ReportLab version, keyed digest of the payload), then the payload: the parsed face's
  attributes as JSON with a few tagged types (tuple, bytes, int-keyed dict, the name table's strings) and
  packed number columns (font_cache_codec.py);
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab import Version as REPORTLAB_VERSION
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

from pia_desktop.fileio import atomic_write_bytes
from pia_desktop.pdf.font_cache_codec import CacheDamaged, Deferred, decode_payload, encode_payload
from pia_desktop.pdf.ttfont import PiaTTFont

FORMAT = 2  # 2: mixed columns as the majority type with the others patched in; glyphToChar built lazily
_SKIPPED = ("_ttf_data", "_pdfScale")  # the font bytes (read from the file) and a lambda (rebuilt)
# Attributes the rest of ReportLab and the subsetting rely on; a cached face must have all of them.
_REQUIRED = ("name", "flags", "ascent", "descent", "capHeight", "italicAngle", "stemV", "bbox", "defaultWidth",
             "charWidths", "charToGlyph", "hmetrics", "glyphPos", "numGlyphs", "unitsPerEm", "table", "filename")


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


class CachedFace(TTFontFace):
    """A face restored from the cache. Its glyph → characters map (glyphToChar: ~8 ms per font to build)
    is made on first access: ReportLab reads it only when shaping with HarfBuzz, which the export does not."""

    _lazy: dict[str, Deferred]

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


def _mac(digest: str, payload: bytes) -> str:
    return hmac.new(bytes.fromhex(digest), payload, hashlib.sha256).hexdigest()


def dumps_face(face: TTFontFace, digest: str) -> bytes:
    payload, specs, n_json = encode_payload({k: v for k, v in face_attributes(face).items() if k not in _SKIPPED})
    header = {"format": FORMAT, "font_sha256": digest, "reportlab": REPORTLAB_VERSION, "columns": specs,
              "json_bytes": n_json, "hmac": _mac(digest, payload)}
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
        attrs, deferred = decode_payload(payload, header["json_bytes"], header["columns"])
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
        raise CacheDamaged(f"payload: {exc}") from exc
    _validate(attrs, len(data))
    lazy = {k: v for k, v in attrs.items() if isinstance(v, Deferred)}
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

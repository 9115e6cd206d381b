"""The font cache: ReportLab's parsed TrueType data in the user's cache folder, keyed by the font's hash."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from reportlab.lib import rl_accel
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from pia_desktop.paths import cache_dir
from pia_desktop.pdf import font_cache
from pia_desktop.pdf.fonts import _FILES, fonts_dir

MINCHO = fonts_dir() / _FILES["PIA-BIZUDMincho"]


def _same_face(a: TTFontFace, b: TTFontFace) -> None:
    da, db = font_cache.face_attributes(a), font_cache.face_attributes(b)
    scale_a, scale_b = da.pop("_pdfScale"), db.pop("_pdfScale")
    assert da.keys() == db.keys()
    for key in da:
        assert da[key] == db[key], key
        assert type(da[key]) is type(db[key]), key
    for key in ("hmetrics", "charWidths", "glyphPos"):  # ints stay ints, floats stay floats, one by one
        va = da[key].values() if isinstance(da[key], dict) else da[key]
        vb = db[key].values() if isinstance(db[key], dict) else db[key]
        assert [repr(x) for x in va] == [repr(x) for x in vb], key
    for x in (0, 1, 1000, 2048, -120, 3.5):
        assert scale_a(x) == scale_b(x)
    assert a.name.ustr == b.name.ustr and a.familyName.ustr == b.familyName.ustr


def _cache_file() -> Path:
    data = MINCHO.read_bytes()
    return font_cache.cache_path(cache_dir(), font_cache.file_digest(data))


def test_cache_in_pia_desktop_home(_isolated_home: Path) -> None:
    assert cache_dir() == _isolated_home / "cache"


def test_rebuilt_when_missing_then_read_back_exactly() -> None:
    fresh = TTFont("fresh", str(MINCHO)).face
    font, how = font_cache.load_font("x", MINCHO, cache_dir())
    assert how == "parsed" and _cache_file().is_file()
    _same_face(font.face, fresh)
    cached, how = font_cache.load_font("x", MINCHO, cache_dir())
    assert how == "cache"
    _same_face(cached.face, fresh)
    assert sorted(vars(cached)) == sorted(vars(TTFont("fresh", str(MINCHO))))


def test_glyph_to_char_is_built_on_first_use() -> None:
    """ReportLab needs glyph → characters only for HarfBuzz shaping: a cached face builds it when asked."""
    font_cache.load_font("x", MINCHO, cache_dir())
    face = font_cache.load_font("x", MINCHO, cache_dir())[0].face
    assert "glyphToChar" not in vars(face)
    fresh = TTFont("fresh", str(MINCHO)).face
    assert face.glyphToChar == fresh.glyphToChar
    assert sorted(vars(face)) == sorted(vars(fresh))  # nothing of the laziness is left


def _damage_cases(blob: bytes) -> dict[str, bytes]:
    head, _, payload = blob.partition(b"\n")
    header = json.loads(head)
    flipped = bytearray(blob)
    flipped[len(blob) // 2] ^= 0x40  # one bit in the packed numbers
    wrong_mac = json.dumps({**header, "hmac": "0" * 64}).encode() + b"\n" + payload
    return {
        "empty": b"",
        "truncated": blob[: len(blob) // 3],
        "bit flip": bytes(flipped),
        "garbage": b"\x80\x04\x95 not a cache file",
        "pickle": b"\x80\x04\x95\x15\x00\x00\x00\x00\x00\x00\x00\x8c\x02os\x94\x8c\x06system\x94\x93\x94.",
        "wrong digest": wrong_mac,
        "other font": blob.replace(header["font_sha256"].encode(), b"0" * 64, 1),
        "header only": head + b"\n",
    }


@pytest.mark.parametrize("case", ["empty", "truncated", "bit flip", "garbage", "pickle", "wrong digest", "other font", "header only"])
def test_damaged_cache_is_ignored_and_rebuilt(case: str) -> None:
    font_cache.load_font("x", MINCHO, cache_dir())
    path = _cache_file()
    good = path.read_bytes()
    path.write_bytes(_damage_cases(good)[case])
    font, how = font_cache.load_font("x", MINCHO, cache_dir())
    assert how == "parsed"  # the damaged file was not used...
    _same_face(font.face, TTFont("fresh", str(MINCHO)).face)
    assert path.read_bytes() == good  # ...and was replaced by a sound one
    assert font_cache.load_font("x", MINCHO, cache_dir())[1] == "cache"


def test_consistent_but_forged_values_are_refused() -> None:
    """A file whose digest matches (anyone can compute it) but whose data are impossible is refused too."""
    font_cache.load_font("x", MINCHO, cache_dir())
    data = MINCHO.read_bytes()
    digest = font_cache.file_digest(data)
    face = font_cache.loads_face(_cache_file().read_bytes(), data, digest)
    face.glyphPos = face.glyphPos[:-1]  # one offset short
    forged = font_cache.dumps_face(face, digest)
    with pytest.raises(font_cache.CacheDamaged):
        font_cache.loads_face(forged, data, digest)
    face.glyphPos.append(10**9)  # beyond the glyf table
    with pytest.raises(font_cache.CacheDamaged):
        font_cache.loads_face(font_cache.dumps_face(face, digest), data, digest)


def test_forged_lists_inside_other_values_are_refused() -> None:
    """Only top-level attributes are built lazily; a (digest-consistent) file with such a map elsewhere is refused."""
    font_cache.load_font("x", MINCHO, cache_dir())
    data = MINCHO.read_bytes()
    digest = font_cache.file_digest(data)
    face = font_cache.loads_face(_cache_file().read_bytes(), data, digest)
    face.fontRevision = (1, {n: [n + 1] for n in range(20)})
    with pytest.raises(font_cache.CacheDamaged):
        font_cache.loads_face(font_cache.dumps_face(face, digest), data, digest)


def test_stale_cache_of_another_font_file_is_not_used(tmp_path: Path) -> None:
    """The key is the font's content: a changed font file (same name) gets a cache of its own."""
    copy = tmp_path / MINCHO.name
    copy.write_bytes(MINCHO.read_bytes())
    assert font_cache.load_font("x", copy, cache_dir())[1] == "parsed"
    assert font_cache.load_font("x", copy, cache_dir())[1] == "cache"
    gothic = fonts_dir() / _FILES["PIA-BIZUDGothic"]
    copy.write_bytes(gothic.read_bytes())
    font, how = font_cache.load_font("x", copy, cache_dir())
    assert how == "parsed" and font.face.name == TTFont("g", str(gothic)).face.name


def test_unwritable_cache_folder_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    font, how = font_cache.load_font("x", MINCHO, blocker / "cache")
    assert how == "parsed" and font.face.numGlyphs > 0


def test_string_widths_equal_reportlabs() -> None:
    """The faster widths (without the C accelerator) are the very same floats as ReportLab's own."""
    ours, _ = font_cache.load_font("x", MINCHO, cache_dir())
    ref = TTFont("ref", str(MINCHO))
    texts = ["", "あ", "A", " ", "\u00a0", "令和7年1月14日", "児童手当に関する事務", "\U0001f600", "𠮷野家", "abc def"]
    for text in texts:
        for size in (8, 8.4, 9, 9.5, 11.5, 14.5):
            assert ours.stringWidth(text, size) == rl_accel._py_instanceStringWidthTTF(ref, text, size)
            assert ours.stringWidth(text.encode("utf-8"), size) == ref.stringWidth(text.encode("utf-8"), size)


def test_same_pdf_from_cache_and_from_parse() -> None:
    """A document set in a font from the cache is byte-identical to one set in the freshly parsed font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    def pdf(font: TTFont) -> bytes:
        pdfmetrics.registerFont(font)
        buf = io.BytesIO()
        c = Canvas(buf, invariant=1)
        c.setFont(font.fontName, 12)
        c.drawString(72, 720, "特定個人情報保護評価書（重点項目評価書）ABC 123")
        c.save()
        return buf.getvalue().replace(font.fontName.encode(), b"F")

    font_cache.load_font("cached", MINCHO, cache_dir())
    cached, how = font_cache.load_font("cached", MINCHO, cache_dir())
    assert how == "cache"
    assert pdf(cached) == pdf(TTFont("parsed", str(MINCHO)))

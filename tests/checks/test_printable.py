"""点検: characters the PDF fonts cannot print are named with their item, read from the fonts' own cmaps."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pia_desktop.checks.printable import MISSING, VARIANT, char_name, printing_findings, printing_notes, scan_text
from pia_desktop.checks.review import review
from pia_desktop.cli.main import main
from pia_desktop.domain.document import CheckValue
from pia_desktop.domain.dump import dump_lines
from pia_desktop.domain.exchange import write_document
from pia_desktop.domain.form_definition import load_form
from pia_desktop.pdf.coverage import bundled_coverage, parse_cmap, read_cmap_table
from pia_desktop.pdf.fonts import font_files
from tests.checks.unprintable_doc import KUZU_LISTED, KUZU_UNLISTED, REPORTED, VALUES, unprintable_doc

ROOT = Path(__file__).resolve().parents[2]
RULES = (MISSING, VARIANT)


def _dump_path(form, doc, address: str) -> str:  # type: ignore[no-untyped-def]
    """The path ``pia-desktop dump`` prints for the item holding ``VALUES[address]``."""
    from pia_desktop.domain.dump import escape

    lines = [line.split("\t")[0] for line in dump_lines(form, doc) if line.endswith("\t" + escape(VALUES[address]))]
    assert len(lines) == 1, (address, lines)
    return lines[0]


def test_every_unprintable_character_is_named_with_its_item() -> None:
    doc = unprintable_doc()
    form = load_form(doc.form_id)
    found = [f for f in review(form, doc) if f.rule in RULES]
    assert {f.address: f.rule for f in found} == {a: rule for a, (rule, _) in REPORTED.items()}
    for f in found:
        assert f.severity == "warning"
        assert REPORTED[f.address][1] in f.message, f.message
        assert f.path == _dump_path(form, doc, f.address)
    # 𩸽 and 葛󠄀 print (the fonts have their glyphs): no finding names them
    assert not any("𩸽" in f.message or KUZU_LISTED in f.message for f in found)


def test_check_cli_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "odd.json"
    write_document(unprintable_doc(), src)
    main(["check", str(src)])
    text = capsys.readouterr().out
    assert "警告: Ⅰ　基本情報 › １．特定個人情報ファイルを取り扱う事務 › ①事務の名称: PDFのフォント" in text
    assert "「𠮷」（U+20BB7）" in text and "空白の四角" in text
    main(["check", "--json", str(src)])
    findings = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] in RULES]
    assert sorted(f["address"] for f in findings) == sorted(REPORTED)


def test_check_with_unprintable_characters_loads_no_reportlab(tmp_path: Path) -> None:
    src = tmp_path / "odd.json"
    write_document(unprintable_doc(), src)
    code = (
        "import sys\n"
        "from pia_desktop.cli.main import main\n"
        f"main(['check', {str(src)!r}])\n"
        "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'PySide6')))\n"
    )
    env = dict(os.environ, PYTHONIOENCODING="utf-8")  # main() leaves stdout as the pipe's code page
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120, env=env)
    assert "「𠮷」" in out.stdout and "LOADED []" in out.stdout, out.stdout[-500:] + out.stderr[-1000:]


def test_scan_text_rules() -> None:
    assert not scan_text("普通の文章、①②　ＡＢＣ abc\n二行目\tタブ\u00a0")
    assert not scan_text("株式会社𩸽") and not scan_text(KUZU_LISTED + "飾") and not scan_text("葛\U000e0101")  # default glyph
    found = scan_text(f"𠮷😀𠮷{KUZU_UNLISTED}\U000e0100")
    assert found.missing == ("𠮷", "😀")  # each once, in order
    assert found.variants == (KUZU_UNLISTED, "\U000e0100")  # the second selector has nothing to apply to
    assert scan_text("𠮷\U000e0100").variants == ()  # the selector goes with its unprintable base
    assert scan_text("a\x01b").missing == ("\x01",)
    assert scan_text("\ud800").missing == ("\ud800",)  # a lone surrogate is named, not a traceback
    assert char_name("\x01") == "U+0001（制御文字等）"
    assert char_name("\U000e0100") == "U+E0100（異体字セレクタ）"


def test_check_value_details_are_scanned_and_public_export_skips_hidden_items() -> None:
    doc = unprintable_doc()
    form = load_form(doc.form_id)
    details = dict(doc.get("I.2.system[1].3").details)  # type: ignore[union-attr]
    assert "その他" in details
    doc.set("I.2.system[1].3", CheckValue(checked=doc.get("I.2.system[1].3").checked, details={**details, "その他": "😀"}))  # type: ignore[union-attr]
    assert "I.2.system[1].3" in {f.address for f in printing_findings(form, doc)}
    doc.non_public = ["I.1.1"]  # printed as （非公表） in the 公表用 PDF: its 𠮷 is not printed there
    public = {f.address for f in printing_findings(form, doc, public=True)}
    assert "I.1.1" not in public and "I.1.1" in {f.address for f in printing_findings(form, doc)}
    assert any(n.startswith("Ⅱ　特定個人情報ファイルの概要（１） › １．特定個人情報ファイル名: ") for n in printing_notes(form, doc))


def test_a_clean_document_has_no_notes() -> None:
    from pia_desktop.domain.exchange import read_document
    from tests.conftest import fixture_path

    doc = read_document(fixture_path("seed-003"))
    assert printing_notes(load_form(doc.form_id), doc) == []


# -- the coverage, read from the fonts themselves -------------------------------------------------------


def test_coverage_is_what_reportlab_maps_to_a_glyph() -> None:
    from pia_desktop.pdf.font_cache import load_face

    coverage = bundled_coverage()
    covered = {c for lo, hi in coverage.ranges() for c in range(lo, hi + 1)}
    for path in font_files():
        face, _ = load_face(path, None)  # parsed by ReportLab, not from any cache
        assert covered == {c for c, g in face.charToGlyph.items() if g}, path.name
    assert 0x29E3D in coverage and 0x20BB7 not in coverage and 0x2ECE not in coverage and 0xE000 not in coverage


def test_bmp_subtable_agrees_and_variation_sequences_are_read() -> None:
    table = read_cmap_table(font_files()[0])
    full, bmp = parse_cmap(table), parse_cmap(table, prefer_bmp=True)
    def codes(c):  # type: ignore[no-untyped-def]
        return {x for lo, hi in c.ranges() for x in range(lo, hi + 1)}

    assert {x for x in codes(full) if x <= 0xFFFF} == codes(bmp)
    assert full.variants[(0x845B, 0xE0100)] not in (None, 0)  # a glyph of its own
    assert full.variants[(0x845B, 0xE0101)] is None  # the default glyph
    assert (0x845B, 0xE0102) not in full.variants


def test_a_damaged_font_file_is_a_clear_error(tmp_path: Path) -> None:
    from pia_desktop.pdf.coverage import FontFormatError

    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00\x00\x01" + b"\x00" * 6 + b"cmap" + b"\x00" * 4 + (10**6).to_bytes(4, "big") + b"\x00\x00\x00\x10")
    with pytest.raises(FontFormatError):
        read_cmap_table(bad)
    with pytest.raises(FontFormatError):
        parse_cmap(b"\x00\x00\x00\x01\x00\x03\x00\x01\x00\x00\x00\x0c\x00\x0c")


def test_unreadable_fonts_give_a_japanese_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from pia_desktop.pdf import coverage, fonts

    (tmp_path / "BIZUDGothic-Regular.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(fonts, "fonts_dir", lambda: tmp_path)
    coverage._bundled.cache_clear()
    try:
        src = tmp_path / "odd.json"
        write_document(unprintable_doc(), src)
        assert main(["check", str(src)]) == 2
        err = capsys.readouterr().err
        assert "PDF用のフォント" in err and "BIZUDGothic-Regular.ttf を読み込めません" in err and "Traceback" not in err
    finally:
        coverage._bundled.cache_clear()

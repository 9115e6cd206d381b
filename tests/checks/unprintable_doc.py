"""A real 評価書 (seed 003) with characters the PDF fonts handle in every way, each in an item of its own."""

from __future__ import annotations

from pia_desktop.domain.document import Document
from pia_desktop.domain.exchange import read_document
from tests.conftest import fixture_path

KUZU_LISTED = "葛\U000e0100"  # 葛 + VS17: the fonts draw this sequence (cmap format 14)
KUZU_UNLISTED = "葛\U000e0102"  # 葛 + VS19: not listed for 葛

# address → text; the comment says what the PDF does with it
VALUES = {
    "I.1.1": "𠮷野に関する事務",  # U+20BB7 (CJK Ext. B): no glyph → box, reported
    "I.2.system[1].1": "⻎の総合システム",  # U+2ECE (CJK radical): no glyph → box, reported
    "II(1).1": "外字\ue000を含む情報ファイル",  # U+E000 (private use, 外字): reported
    "IV.2.1": "子育て支援課😀電話 076-220-2285",  # U+1F600 (emoji): reported
    "II(1).4.itaku[1]": f"{KUZU_UNLISTED}西地区の保守管理",  # an unlisted variation sequence: base glyph, reported
    "cover.kikan_mei": f"{KUZU_LISTED}飾区長",  # a listed variation sequence: variant glyph, not reported
    "II(1).4.itaku[1].3": "株式会社𩸽",  # U+29E3D: outside the BMP but in the fonts: printed, not reported
}
REPORTED = {
    "I.1.1": ("unprintable-char", "「𠮷」（U+20BB7）"),
    "I.2.system[1].1": ("unprintable-char", "「⻎」（U+2ECE）"),
    "II(1).1": ("unprintable-char", "「\ue000」（U+E000、外字）"),
    "IV.2.1": ("unprintable-char", "「😀」（U+1F600、絵文字）"),
    "II(1).4.itaku[1]": ("unprintable-variant", f"「{KUZU_UNLISTED}」（U+845B U+E0102）"),
}


def unprintable_doc() -> Document:
    doc = read_document(fixture_path("seed-003"))
    for address, text in VALUES.items():
        assert doc.get(address), address  # each replaces a printed answer of the seed
        doc.set(address, text)
    return doc

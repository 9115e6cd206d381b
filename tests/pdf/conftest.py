"""Documents for the PDF tests, built in code (the seed fixtures are used where they exist)."""

from __future__ import annotations

import pytest

from pia_desktop.domain.document import CheckValue, Document


@pytest.fixture
def small_doc() -> Document:
    doc = Document(form_id="yoshiki3-r0610")
    doc.set("cover.hyokasho_no", "12")
    doc.set("cover.hyokasho_mei", "試験に関する事務　重点項目評価書")
    doc.set("cover.kikan_mei", "試験市長")
    doc.set("cover.kohyo_bi", "令和7年5月30日")
    doc.set("I.1.1", "試験に関する事務")
    doc.set("I.1.2", "事務の内容\n二行目の内容")
    doc.set("I.1.3", "1万人以上10万人未満")
    doc.set_count("I.2.system", 7)
    for n in range(1, 8):
        doc.set(f"I.2.system[{n}].1", f"システム名その{n}")
    doc.set("I.2.system[1].3", CheckValue(checked=["宛名システム等", "その他"], details={"その他": "収納管理システム"}))
    doc.set("II(1).1", "試験ファイル")
    doc.set("II(1).4.umu", "委託する")
    doc.set("II(1).4.kensu", "2")
    doc.set_count("II(1).4.itaku", 2)
    doc.set("II(1).4.itaku[1]", "システム保守")
    doc.set("II(1).4.itaku[1].3", "株式会社保守")
    doc.set("II(1).4.itaku[2]", "帳票印刷")
    doc.set("II(1).5.umu", CheckValue(checked=["提供を行っている"], details={"提供を行っている": "1"}))
    doc.set("III(1).4.shinai", False)
    doc.set("III(1).5.shinai", True)
    doc.set("III(1).5.risk.rule_naiyo", "提供しないので記載しない内容")
    doc.set("IV.2.1", "試験市総務課　電話 000-000-0000")
    doc.set_count("annex2.row", 1)
    doc.set("annex2.row[1].henko_bi", "令和7年5月30日")
    doc.set("annex2.row[1].komoku", "Ⅰ　基本情報")
    doc.set("annex2.row[1].jiki", "事後")
    doc.set("annex2.row[1].setsumei", "重要な変更項目でないため")
    return doc

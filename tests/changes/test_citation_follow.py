"""A change that only follows a renumbered statute (what the citation rules ask for) is proposed 事後 with
「法令改正等による形式的な変更であるため、重要な変更に当たらない」, even on a ※ item; real before/after pairs
from the seeds (000 Ⅰ４ 別表第1, 003 Ⅲ６ 第19条第15号, 003 変更箇所 row 48 第19条第7号)."""

from __future__ import annotations

from datetime import date

import pytest

from pia_desktop.changes import propose_changes, rolled_forward
from pia_desktop.changes.citation_follow import follows_citation_rule
from pia_desktop.domain.document import Document
from pia_desktop.domain.exchange import read_document
from tests.conftest import fixture_path

LEGAL = "法令改正等による形式的な変更であるため、重要な変更に当たらない"
KOHYO = "令和8年5月29日"


def _draft(seed: str) -> tuple[Document, Document]:
    baseline = read_document(fixture_path(seed))
    draft = rolled_forward(baseline)
    draft.set("cover.kohyo_bi", KOHYO)
    return baseline, draft


def test_beppyo_daiichi_to_beppyo_on_a_starred_item_is_formal() -> None:
    """Seed 000 Ⅰ４ 法令上の根拠 (※): 「別表第1」 → 「別表」 in the 番号法 and in the 主務省令's title."""
    baseline, draft = _draft("seed-000")
    old = baseline.get("I.4.konkyo")
    assert isinstance(old, str) and old.count("別表第1") == 3
    draft.set("I.4.konkyo", old.replace("別表第1", "別表"))
    (row,) = propose_changes(baseline, draft)
    assert row.addresses == ("I.4.konkyo",) and row.starred
    assert (row.timing, row.reason) == ("事後", LEGAL)
    assert row.changed_on == KOHYO


def test_article_19_renumbering_in_risk_measures_is_formal() -> None:
    """Seed 003 Ⅲ６ (※ as all of Ⅲ): 「第19条第15号」 → 「第19条第17号」, as the rule's suggestion says."""
    baseline, draft = _draft("seed-003")
    old = baseline.get("III(1).6.risk1.sochi")
    assert isinstance(old, str) and "第19条第15号" in old
    draft.set("III(1).6.risk1.sochi", old.replace("第19条第15号", "第19条第17号"))
    (row,) = propose_changes(baseline, draft)
    assert row.starred and (row.timing, row.reason) == ("事後", LEGAL)


def test_a_citation_fix_with_other_edits_stays_a_starred_change() -> None:
    baseline, draft = _draft("seed-000")
    old = str(baseline.get("I.4.konkyo"))
    draft.set("I.4.konkyo", old.replace("別表第1", "別表") + "\n・熊谷市個人番号の利用に関する条例第3条")
    (row,) = propose_changes(baseline, draft)
    assert (row.timing, row.reason) == ("事前", "")


def test_an_edit_that_leaves_the_stale_citation_is_not_formal() -> None:
    baseline, draft = _draft("seed-000")
    draft.set("I.4.konkyo", str(baseline.get("I.4.konkyo")).replace("101の項", "102の項"))
    (row,) = propose_changes(baseline, draft)
    assert row.timing == "事前"


def test_a_non_starred_item_gets_the_formal_reason_too() -> None:
    """Seed 003 変更箇所 row 48 (Ⅱ５ 提供先 法令上の根拠, not ※): 「番号法第19条第7号 別表第2の26」 →
    「番号法第19条第8号 別表第2の37」 (号 and 項番 together), 変更日 after the 令和3年9月1日 施行."""
    baseline, draft = _draft("seed-003")
    baseline.set("II(1).5.teikyo[1].1", "番号法第19条第7号 別表第2の26")
    draft.set("II(1).5.teikyo[1].1", "番号法第19条第8号 別表第2の37")
    rows = propose_changes(baseline, draft, changed_on="令和3年10月1日")
    (row,) = [r for r in rows if r.addresses == ("II(1).5.teikyo[1].1",)]
    assert not row.starred and (row.timing, row.reason) == ("事後", LEGAL)


@pytest.mark.parametrize(("old", "new", "as_of", "expected"), [
    ("番号法第19条第7号 別表第2の26", "番号法第19条第8号 別表第2の37", date(2021, 10, 1), True),
    # before the rule's 施行 the citation was not stale: the seed itself logged it 事前 on 令和3年6月28日
    ("番号法第19条第7号 別表第2の26", "番号法第19条第8号 別表第2の37", date(2021, 6, 28), False),
    # 別表第二 abolished: the 主務省令's table replaces it (seed 003 変更箇所 row 76)
    ("番号法第19条第8号 別表第2の87", "番号法第19条第8号 主務省令第2の表 第106項", date(2025, 1, 14), True),
    # a renamed statute: the words of the rule's suggestion
    ("行政機関個人情報保護法に基づき開示する", "個人情報の保護に関する法律に基づき開示する", date(2025, 1, 1), True),
    ("行政機関個人情報保護法に基づき開示する", "個人情報の保護に関する法律に基づき窓口で開示する", date(2025, 1, 1), False),
    ("番号法第9条第1項 別表第1の16の項", "番号法第9条第1項 別表第1の16の項", date(2025, 1, 1), False),
    ("住民基本台帳法第30条の9", "住民基本台帳法第30条の10", date(2025, 1, 1), False),  # no rule asked for it
])
def test_follows_citation_rule(old: str, new: str, as_of: date, expected: bool) -> None:
    assert follows_citation_rule(old, new, template="II.5.teikyo[].1", as_of=as_of) is expected


def test_another_citation_in_the_same_list_is_not_covered() -> None:
    """Only the flagged citation may change: 「第2条第3項」 after a 、 is another citation."""
    old, new = "番号法別表第1の16の項、同法第2条第3項", "番号法別表の16の項、同法第2条第4項"
    assert not follows_citation_rule(old, new, as_of=date(2025, 1, 1))
    assert follows_citation_rule(old, "番号法別表の16の項、同法第2条第3項", as_of=date(2025, 1, 1))

"""Stale statute citations: each rule of forms/rules/citations.yaml fires on a stale text and not on a
current one, nor before its effective date, nor on another law's 別表第一."""

from __future__ import annotations

from datetime import date

import pytest

from pia_desktop.checks.citations import citation_findings, find_stale
from pia_desktop.checks.review import review
from pia_desktop.checks.rules_data import CitationRules, citation_rules
from pia_desktop.domain.conversion import ConversionError, convert, error_parts, to_data
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.form_definition import FormDefinition
from tests.checks.builders import base_doc

NOW = date(2025, 6, 1)

# rule id → (item template, stale text, current text)
CASES = {
    "beppyo-daiichi": ("I.4.konkyo", "番号法 第9条第1項 別表第1の101の項", "番号法第9条第1項 別表の81の項"),
    "beppyo-daini": ("I.5.2", "・番号法 第19条第8号 別表第２の121の項", "番号法第19条第8号に基づく主務省令第2条の表第121の項"),
    "meirei-dai7go": ("I.5.2", "…別表第二の主務省令で定める事務及び情報を定める命令（平成26年内閣府・総務省令第7号）", "令和6年デジタル庁・総務省令第9号"),
    "dai19jo-7go": ("II.5.teikyo[].1", "番号法第19条第7号 別表第2の26", "番号法第19条第8号に基づく主務省令第2条の表第42項"),
    "dai19jo-14go": ("III.6.risk1.sochi", "(※2)番号法別表第2及び第19条第14号に基づき", "番号法第19条第17号に基づき"),
    "dai19jo-15go": ("III.6.risk1.sochi", "(※2)番号法主務省令第2及び第19条第15号に基づき照会許可用照合リスト", "番号法第19条第17号に基づき照会許可用照合リスト"),
    "dai27jo-hyoka": ("I.1.2", "番号法第27条に基づく特定個人情報保護評価を実施する", "番号法第28条に基づく特定個人情報保護評価を実施する"),
    "gyosei-kojinjoho-ho": ("IV.1.3", "行政機関個人情報保護法第10条第1項第2号", "個人情報の保護に関する法律第74条"),
    "kojinjoho-jorei": ("IV.1.2", "熊谷市個人情報保護条例に基づき請求する", "熊谷市個人情報の保護に関する法律施行条例に基づき請求する"),
    "riyo-konkyo-shoreihyo": ("I.4.konkyo", "番号法第9条第1項 主務省令第2の表 第106号", "番号法第9条第1項 別表の81の項"),
}


def _ids(text: str, template: str, as_of: date = NOW) -> set[str]:
    return {r.id for r, _ in find_stale(text, template=template, as_of=as_of)}


def test_every_rule_has_a_case() -> None:
    assert {r.id for r in citation_rules().rules} == set(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_stale_text_is_flagged(rule_id: str) -> None:
    template, stale, _ = CASES[rule_id]
    assert rule_id in _ids(stale, template)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_current_text_is_not_flagged(rule_id: str) -> None:
    template, _, current = CASES[rule_id]
    assert _ids(current, template) == set()


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_not_flagged_before_the_provision_changed(rule_id: str) -> None:
    template, stale, _ = CASES[rule_id]
    rule = next(r for r in citation_rules().rules if r.id == rule_id)
    assert rule_id not in _ids(stale, template, as_of=date.fromordinal(rule.effective.toordinal() - 1))
    assert rule_id in _ids(stale, template, as_of=rule.effective)


def test_other_laws_tables_and_items_are_not_flagged() -> None:
    assert _ids("住民基本台帳法別表第一から別表第六までに掲げる事務", "I.1.2") == set()
    assert _ids("番号法第9条第1項及び住民基本台帳法別表第1", "I.1.2") == set()
    assert _ids("地方税法第19条第7号", "I.1.2") == set()
    # 第19条第7号 is today's 住基法 item: only flagged where the text is about 情報連携
    assert _ids("番号法第19条第7号に基づき地方公共団体情報システム機構から本人確認情報の提供を受ける", "I.1.2") == set()
    # the 主務省令第2条の表 is the right table for 情報連携
    assert _ids("番号法第19条第8号に基づく主務省令第2の表", "I.5.2") == set()


def test_full_width_and_kanji_numerals() -> None:
    assert "dai19jo-7go" in _ids("番号法第１９条第７号（情報提供ネットワークシステムによる提供）", "I.5.2")
    assert "dai19jo-7go" in _ids("番号法第十九条第七号に基づく情報照会", "I.5.2")
    assert "beppyo-daini" in _ids("番号利用法別表第二の項", "I.5.2")


def test_history_in_the_change_table_is_not_flagged(form: FormDefinition) -> None:
    doc = base_doc(form)
    doc.set("annex2.row[1].mae", "番号法第19条第7号 別表第2の26")
    doc.set("annex2.row[1].ato", "番号法第19条第8号 別表第2の37")
    assert [f for f in review(form, doc, NOW) if f.rule.startswith("cite:")] == []


def test_findings_name_the_item_and_suggest(form: FormDefinition) -> None:
    doc = base_doc(form)
    doc.set("I.5.2", "番号法第19条第7号及び別表第2の26の項")
    found = citation_findings(DocView(form, doc), NOW)
    assert {f.rule for f in found} == {"cite:dai19jo-7go", "cite:beppyo-daini"}
    f = next(f for f in found if f.rule == "cite:dai19jo-7go")
    assert f.address == "I.5.2" and "②法令上の根拠" in f.path
    assert "「第19条第7号」" in f.message and "提案：「番号法第19条第8号」" in f.message


def test_citations_are_judged_as_of_the_publication_date(form: FormDefinition) -> None:
    doc = base_doc(form)
    doc.set("I.5.2", "番号法第19条第8号 別表第2の26の項")
    doc.set("cover.kohyo_bi", "令和6年2月5日")  # published before 別表第二 was abolished
    doc.set("V.1.1", "令和6年2月5日")
    assert [f.rule for f in review(form, doc, NOW) if f.rule.startswith("cite:")] == []
    doc.set("cover.kohyo_bi", None)  # a draft: judged as of today
    assert "cite:beppyo-daini" in [f.rule for f in review(form, doc, NOW)]


def test_an_administrator_can_add_a_rule_without_code() -> None:
    base = citation_rules()
    extra = convert({
        "version": "test",
        "defaults": to_data(base.defaults),
        "rules": [{"id": "x", "title": "t", "pattern": "旧条例第3条", "context": None, "effective": "2020-01-01",
                   "message": "廃止", "suggestion": "新条例"}],
    }, CitationRules)
    hits = find_stale("旧条例第3条に基づく", template="I.1.2", as_of=NOW, rules=extra)
    assert [(r.id, s) for r, s in hits] == [("x", "旧条例第3条")]


def test_a_broken_pattern_is_reported_in_japanese() -> None:
    with pytest.raises(ConversionError) as info:
        convert({"version": "t", "rules": [{"id": "x", "title": "t", "pattern": "第(", "effective": "2020-01-01",
                                            "message": "m", "suggestion": "s"}]}, CitationRules)
    msg, loc = error_parts(info.value)
    assert msg.startswith("正規表現「第(」が不正です") and loc == ("rules", 0)

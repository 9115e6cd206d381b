"""The 評価書 of one 事務 from the しきい値判断: which forms, which sets may be made, the blank documents."""

from __future__ import annotations

from datetime import date

import pytest

from pia_desktop.domain.assessment_set import (
    ThresholdAnswers,
    forms_by_kind,
    forms_for_result,
    new_document,
    new_set,
    preselected,
    set_choices,
    taisho_brackets,
    threshold_result_of,
)
from pia_desktop.domain.document import Document, ThresholdInputs
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import load_form
from pia_desktop.domain.threshold.table import threshold_rules
from pia_desktop.domain.validation import validate


def test_forms_follow_the_roles_kind() -> None:
    by_kind = forms_by_kind()
    assert {load_form(f).roles.kind for f in by_kind.values()} == set(by_kind) == {"kiso", "juten", "zen"}
    assert forms_for_result("none") == []
    assert forms_for_result("kiso") == [by_kind["kiso"]]
    assert forms_for_result("kiso_juten") == [by_kind["kiso"], by_kind["juten"]]
    assert forms_for_result("kiso_zen") == [by_kind["kiso"], by_kind["zen"]]


@pytest.mark.parametrize(("result", "statuses"), [
    ("none", ["voluntary", "voluntary", "voluntary"]),
    ("kiso", ["required", "voluntary", "voluntary"]),
    ("kiso_juten", ["refused", "required", "voluntary"]),
    ("kiso_zen", ["refused", "refused", "required"]),
])
def test_set_choices(result: str, statuses: list[str]) -> None:
    choices = set_choices(result)
    assert [c.kinds for c in choices] == [("kiso",), ("kiso", "juten"), ("kiso", "zen")]
    assert [c.status for c in choices] == statuses
    chosen = preselected(choices)
    assert chosen is not None and chosen.status == ("voluntary" if result == "none" else "required")
    if result == "kiso_zen":
        assert choices[1].reason == threshold_rules().result("kiso_zen").note  # 重点 refused with the reason


@pytest.mark.parametrize(("taisho", "ge", "jiko", "result"), [
    ("1,000人未満（任意実施）", False, False, "none"),
    ("1,000人以上1万人未満", True, True, "kiso"),
    ("1万人以上10万人未満", True, False, "kiso_juten"),
    ("1万人以上10万人未満", False, False, "kiso"),
    ("10万人以上30万人未満", False, False, "kiso_juten"),
    ("10万人以上30万人未満", False, True, "kiso_zen"),
    ("30万人以上", False, False, "kiso_zen"),
])
def test_the_three_answers_decide(taisho: str, ge: bool, jiko: bool, result: str) -> None:
    assert taisho in taisho_brackets()
    decided = ThresholdAnswers(taisho, ge, jiko).result()
    assert decided is not None and decided.id == result


def test_new_set_names_and_prefills_the_documents() -> None:
    answers = ThresholdAnswers("30万人以上", True, False)
    kiso, zen = new_set("kiso_zen", 2, "児童手当に関する事務", answers=answers)
    kf, zf = load_form(kiso.form_id), load_form(zen.form_id)
    assert (kf.roles.kind, zf.roles.kind) == ("kiso", "zen")
    assert kiso.get(kf.roles.title) == "児童手当に関する事務　基礎項目評価書"
    assert zen.get(zf.roles.title) == "児童手当に関する事務　全項目評価書"
    assert kiso.file_count == zen.file_count == 2
    result = threshold_rules().result("kiso_zen")
    assert kiso.get(kf.roles.threshold_result or "") == result.stated_on("kiso")
    assert zen.get(zf.roles.threshold_result or "") == result.stated_on("zen")
    assert kiso.get(kf.roles.target_count or "") == "30万人以上" and zen.get(zf.roles.target_count or "") == "30万人以上"
    assert kiso.get(kf.roles.handlers or "") == "500人以上"
    assert zen.threshold is not None and zen.threshold.jiko is False
    for doc, form in ((kiso, kf), (zen, zf)):
        assert not [f for f in validate(form, doc) if f.severity == "error"]
    assert threshold_result_of(zen) is not None and threshold_result_of(zen).id == "kiso_zen"  # type: ignore[union-attr]


def test_new_set_voluntary_and_refused() -> None:
    _kiso, zen = new_set("kiso_juten", 1, "介護保険に関する事務", kinds=["kiso", "zen"])  # 全項目 instead of 重点
    assert load_form(zen.form_id).roles.kind == "zen"
    with pytest.raises(PiaError, match="全項目評価書を作成してください"):
        new_set("kiso_zen", 1, "x", kinds=["kiso", "juten"])
    with pytest.raises(PiaError, match="作成が必要"):
        new_set("kiso_juten", 1, "x", kinds=["kiso"])
    with pytest.raises(PiaError, match="任意に作成する評価書"):
        new_set("none", 1, "x")
    assert len(new_set("none", 1, "", kinds=["kiso"])) == 1


def test_new_document_creates_the_minimum_entries() -> None:
    doc = new_document("yoshiki3-r0610", 2)
    assert doc.count("I.2.system") == 1 and doc.count("annex1(2).group") == 1


def test_threshold_of_a_juten_with_saved_inputs() -> None:
    doc = Document(form_id="yoshiki3-r0610")
    doc.set("I.1.3", "10万人以上30万人未満")
    assert threshold_result_of(doc) is None  # 取扱者数 and 重大事故 unknown: 重点 or 全項目
    doc.threshold = ThresholdInputs(taisho_kubun="30万人以上", toriatsukai_ninzu=100, handan_bi=date(2025, 6, 1))
    result = threshold_result_of(doc)
    assert result is not None and result.id == "kiso_zen" and result.wrong_form("juten")

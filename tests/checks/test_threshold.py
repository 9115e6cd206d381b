"""しきい値判断: the calculator against the decision table, on every combination of its inputs."""

from __future__ import annotations

import itertools

import pytest

from pia_desktop.domain.brackets import Range, parse_bracket
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.form_definition import FormDefinition, available_forms, load_form
from pia_desktop.domain.threshold.decision import decide, result_for_v12
from pia_desktop.domain.threshold.document_judgement import judge_document, needs_recheck
from pia_desktop.domain.threshold.staff import estimate_staff
from pia_desktop.domain.threshold.table import threshold_rules
from tests.checks.builders import V12_JUTEN, V12_KISO, V12_NONE, base_doc, with_second_file

# The decision table of the 指針 (domain-rules §1.2), written out independently of forms/rules/thresholds.yaml:
# (対象人数 band, 取扱者数 ≥ 500, 重大事故) → result id.
BANDS = {"<1千": (0, 1_000), "1千-1万": (1_000, 10_000), "1万-10万": (10_000, 100_000), "10万-30万": (100_000, 300_000), "30万以上": (300_000, None)}
EXPECTED = {
    ("<1千", False, False): "none", ("<1千", False, True): "none", ("<1千", True, False): "none", ("<1千", True, True): "none",
    ("1千-1万", False, False): "kiso", ("1千-1万", False, True): "kiso", ("1千-1万", True, False): "kiso", ("1千-1万", True, True): "kiso",
    ("1万-10万", False, False): "kiso", ("1万-10万", False, True): "kiso_juten",
    ("1万-10万", True, False): "kiso_juten", ("1万-10万", True, True): "kiso_juten",
    ("10万-30万", False, False): "kiso_juten", ("10万-30万", False, True): "kiso_zen",
    ("10万-30万", True, False): "kiso_zen", ("10万-30万", True, True): "kiso_zen",
    ("30万以上", False, False): "kiso_zen", ("30万以上", False, True): "kiso_zen", ("30万以上", True, False): "kiso_zen", ("30万以上", True, True): "kiso_zen",
}


def _samples(lo: int, hi: int | None) -> list[int]:
    """Both edges of a band and a value inside."""
    top = (hi - 1) if hi is not None else lo * 10
    return sorted({lo, (lo + top) // 2, top})


@pytest.mark.parametrize(("band", "ge500", "jiko"), sorted(EXPECTED))
def test_calculator_agrees_with_the_decision_table(band: str, ge500: bool, jiko: bool) -> None:
    lo, hi = BANDS[band]
    staff_values = [500, 501, 2_000] if ge500 else [0, 250, 499]
    for taisho, staff in itertools.product(_samples(lo, hi), staff_values):
        j = decide(taisho, staff, jiko)
        assert j.determined, (taisho, staff, jiko)
        assert j.result is not None and j.result.id == EXPECTED[(band, ge500, jiko)], (taisho, staff, jiko, j.explain())


def test_every_combination_matches_exactly_one_row() -> None:
    rules = threshold_rules()
    for band, ge500, jiko in EXPECTED:
        lo, _ = BANDS[band]
        side = "ge" if ge500 else "lt"
        rows = [r for r in rules.rows if r.taisho_min <= lo and (r.taisho_max is None or lo < r.taisho_max)
                and r.toriatsukai in ("any", side) and r.jiko in ("any", "ari" if jiko else "nashi")]
        assert len(rows) == 1, (band, ge500, jiko, [r.id for r in rows])


@pytest.mark.parametrize("form_id", sorted(available_forms()))
def test_result_options_are_each_forms_options(form_id: str) -> None:
    """thresholds.yaml states every result in the words of each form's しきい値判断結果 options."""
    form = load_form(form_id)
    assert form.roles.threshold_result, form_id
    options = {o.text for o in form.index[form.roles.threshold_result].options}
    rules = threshold_rules()
    kind = form.roles.kind
    assert {r.stated_on(kind) for r in rules.results if r.stated_on(kind)} == options
    # a form that cannot state a result is the wrong form for it, and only then
    assert all((r.stated_on(kind) is None) == r.wrong_form(kind) for r in rules.results), form_id


def test_juten_cannot_state_the_zenkomoku_result() -> None:
    rules = threshold_rules()
    assert [r.id for r in rules.results if r.wrong_form("juten")] == ["kiso_zen"]
    assert not any(r.wrong_form("zen") for r in rules.results)
    assert result_for_v12(V12_KISO).id == "kiso"  # type: ignore[union-attr]


def test_brackets_of_every_option_parse(form: FormDefinition) -> None:
    for item_id in ("I.1.3", "II.2.2", "II.3.4.ninzu", "II.4.itaku[].2", "II.5.teikyo[].4"):
        ranges = [parse_bracket(o.text) for o in form.index[item_id].options]
        assert all(r is not None for r in ranges), item_id
        # Ⅰ１③ has no 30万人以上: such a 事務 needs the 全項目評価書, which this form cannot express
        assert ranges[0].lo == 0 and ranges[-1].hi == (300_000 if item_id == "I.1.3" else None)  # type: ignore[union-attr]
        for a, b in itertools.pairwise(ranges):
            assert a.hi == b.lo, (item_id, a, b)  # type: ignore[union-attr]
    assert parse_bracket("1万人以上10万人未満") == Range(10_000, 100_000)
    assert parse_bracket("１，０００人以上") == Range(1_000, None)
    assert parse_bracket("委託する") is None


def test_ranges_give_every_possible_result() -> None:
    j = decide(Range(100_000, 300_000), Range(150, 598), None)
    assert {r.id for r in j.results} == {"kiso_juten", "kiso_zen"}
    assert not j.determined and "いずれか" in j.explain()[-1]
    j = decide(Range(10_000, 100_000), Range(10, 148), None)
    assert {r.id for r in j.results} == {"kiso", "kiso_juten"}
    j = decide(Range(10_000, 300_000), 10, False)  # straddles a band boundary
    assert {r.id for r in j.results} == {"kiso", "kiso_juten"}


def test_explanation_shows_inputs_rule_and_result() -> None:
    lines = decide(150_000, 120, False).explain()
    assert lines[0] == "対象人数：150,000人"
    assert "取扱者数：120人（500人未満）" in lines[1]
    assert any(line.startswith("適用した基準 T8：") and "重大事故 なし" in line for line in lines)
    assert lines[-1] == "結果：基礎項目評価及び重点項目評価の実施が義務付けられる"


def test_staff_estimate_sums_own_and_contractors(form: FormDefinition) -> None:
    doc = base_doc(form)  # 使用者 10〜49, 委託先 50〜99
    est = estimate_staff(DocView(form, doc))
    assert est.total == Range(60, 149)
    assert [p.bracket for p in est.parts] == ["10人以上50人未満", "50人以上100人未満"]
    # a second 委託事項 of the same 委託先 may share staff: at least the larger bracket, at most the sum
    doc.set("II(1).4.itaku[2]", "帳票印刷")
    doc.set("II(1).4.itaku[2].2", "100人以上500人未満")
    doc.set("II(1).4.itaku[2].3", "株式会社Ａ")
    doc.set_count("II(1).4.itaku", 2)
    est = estimate_staff(DocView(form, doc))
    assert est.total == Range(110, 49 + 99 + 499 + 1)
    assert "同じ委託先" in est.note
    # 委託しない: 委託事項 are not counted
    doc.set("II(1).4.umu", "委託しない")
    assert estimate_staff(DocView(form, doc)).total == Range(10, 50)


def test_staff_estimate_over_two_files(form: FormDefinition) -> None:
    est = estimate_staff(DocView(form, with_second_file(base_doc(form))))
    assert est.total == Range(60, 2 * 148 + 1)
    assert "複数のファイル" in est.note


def test_unanswered_bracket_leaves_the_upper_bound_open(form: FormDefinition) -> None:
    doc = base_doc(form)
    doc.set("II(1).3.4.ninzu", None)
    dj = judge_document(DocView(form, doc))
    assert dj.judgement is not None and dj.judgement.toriatsukai.hi is None


def test_document_judgement_uses_iii7_only_to_rule_out(form: FormDefinition) -> None:
    doc = base_doc(form)
    dj = judge_document(DocView(form, doc))
    assert dj.jiko_inferred is False and dj.judgement is not None and dj.judgement.result.id == "kiso_juten"  # type: ignore[union-attr]
    doc.set("III(1).7.risk.2", "発生あり")
    dj = judge_document(DocView(form, doc))
    assert dj.jiko_inferred is None
    assert {r.id for r in dj.judgement.results} == {"kiso_juten", "kiso_zen"}  # type: ignore[union-attr]


def test_recheck_prompt_only_when_an_accident_would_change_the_result(form: FormDefinition) -> None:
    doc = base_doc(form)
    assert needs_recheck(DocView(form, doc)) is None  # 発生なし
    doc.set("III(1).7.risk.2", "発生あり")
    changed = needs_recheck(DocView(form, doc))
    assert changed is not None and changed.id == "kiso_zen"
    doc.set("I.1.3", "1万人以上10万人未満")  # already 基礎及び重点 because of the accident (seeds 000/001)
    assert needs_recheck(DocView(form, doc)) is None
    doc.set("V.1.2", V12_KISO)
    changed = needs_recheck(DocView(form, doc))
    assert changed is not None and changed.id == "kiso_juten"


def test_small_bodies_v12_options(form: FormDefinition) -> None:
    from pia_desktop.checks.review import review

    doc = base_doc(form)
    doc.set("I.1.3", "1,000人未満")
    doc.set("V.1.2", V12_NONE)
    assert [f.rule for f in review(form, doc) if f.rule.startswith("th-")] == []
    doc.set("V.1.2", V12_JUTEN)
    assert [f.rule for f in review(form, doc) if f.rule.startswith("th-")] == ["th-v12-mismatch"]

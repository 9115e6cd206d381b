"""見直し (yearly) and 5-year 再実施 due dates."""

from __future__ import annotations

from datetime import date

from pia_desktop.checks.due_dates import add_months, compute_due_dates, due_dates, due_summary, wareki_text
from pia_desktop.checks.review import run_review
from pia_desktop.domain.form_definition import FormDefinition
from tests.checks.builders import base_doc


def test_review_one_year_after_publication_and_rerun_before_five_years() -> None:
    d = compute_due_dates("令和7年1月14日", "令和6年12月9日")
    assert d.kohyo == date(2025, 1, 14)
    assert d.review_due == date(2026, 1, 14)
    assert d.rerun_base == date(2025, 1, 14)
    assert d.rerun_due == date(2030, 1, 13)
    assert d.next_due() == date(2026, 1, 14)


def test_rerun_counts_from_the_last_evaluation_not_from_a_correction() -> None:
    # 基礎項目評価 on R3.6.1, published R3.6.28 (再実施); corrected and republished R5.7.7
    d = compute_due_dates("令和5年7月7日", "令和3年6月1日", ["令和1年6月28日", "令和3年6月28日", "令和5年7月7日"])
    assert d.rerun_base == date(2021, 6, 28)
    assert d.rerun_due == date(2026, 6, 27)
    assert "別添２" in d.rerun_basis
    assert d.review_due == date(2024, 7, 7)


def test_without_v11_the_publication_date_is_the_base() -> None:
    d = compute_due_dates("令和7年5月30日")
    assert d.rerun_base == date(2025, 5, 30) and "記載がない" in d.rerun_basis


def test_last_recorded_review_moves_the_yearly_due_date() -> None:
    d = compute_due_dates("令和7年1月14日", last_review=date(2025, 12, 1))
    assert d.review_due == date(2026, 12, 1)


def test_no_publication_date() -> None:
    d = compute_due_dates("", "令和6年12月9日")
    assert d.review_due is None and d.rerun_due is None and d.next_due() is None
    assert "計算できません" in due_summary(d, date(2025, 1, 1))


def test_month_arithmetic_and_wareki() -> None:
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert wareki_text(date(2019, 5, 1)) == "令和1年5月1日"
    assert wareki_text(date(2030, 1, 13)) == "令和12年1月13日"


def test_document_due_dates_and_findings(form: FormDefinition) -> None:
    doc = base_doc(form)  # 公表日 R7.1.14, Ⅴ１① R6.12.9
    d = due_dates(form, doc)
    assert (d.review_due, d.rerun_due) == (date(2026, 1, 14), date(2030, 1, 13))
    assert [f.rule for f in run_review(form, doc, date(2025, 6, 1)).findings if f.rule.startswith("due-")] == []
    soon = [f for f in run_review(form, doc, date(2026, 1, 1)).findings if f.rule.startswith("due-")]
    assert [(f.rule, f.address) for f in soon] == [("due-review", "cover.kohyo_bi")]
    assert "期限間近" in soon[0].message and "あと13日" in soon[0].message and "令和8年1月14日" in soon[0].message
    late = {f.rule: f.message for f in run_review(form, doc, date(2029, 10, 1)).findings if f.rule.startswith("due-")}
    assert "期限超過" in late["due-review"]
    assert "期限間近" in late["due-rerun"] and "令和12年1月13日" in late["due-rerun"]
    assert "期限超過" in {f.rule: f.message for f in run_review(form, doc, date(2030, 2, 1)).findings}["due-rerun"]


def test_a_draft_to_be_published_later_is_not_due(form: FormDefinition) -> None:
    doc = base_doc(form)
    assert [f for f in run_review(form, doc, date(2024, 12, 20)).findings if f.rule.startswith("due-")] == []


def test_summary_line() -> None:
    d = compute_due_dates("令和7年1月14日", "令和6年12月9日")
    line = due_summary(d, date(2026, 1, 20))
    assert "見直しの目安：令和8年1月14日（6日超過）" in line
    assert "5年経過前の再実施：令和12年1月13日まで" in line

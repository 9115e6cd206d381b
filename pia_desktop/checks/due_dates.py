"""When a published 評価書 falls due again: the yearly 見直し and the 5-year 再実施.

- 見直し: at least once a year (effort obligation): 12 months after the 公表日, or after the last
  recorded review when the caller keeps one (a review without changes publishes nothing).
- 再実施: before 5 years have passed since the publication of the last 評価 (実施・再実施), not of a
  mere 修正. A 再実施 re-runs the 基礎項目評価, so the base is the first publication on or after Ⅴ１①
  実施日 — the 公表日 itself, or a 変更日 of the （別添２） rows between the two — and without Ⅴ１① the 公表日.

Intervals come from forms/rules/timing.yaml. ``due_dates`` is what the home screen shows and sorts by;
``compute_due_dates`` does the same from the bare values (e.g. a list row's 公表日).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.rules_data import TimingRules, timing_rules
from pia_desktop.domain.document import Document
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.wareki import parse_wareki


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def wareki_text(d: date) -> str:
    parsed = parse_wareki(f"{d.year}/{d.month}/{d.day}")
    return parsed.format() if parsed else d.isoformat()


def _date(text: str | None) -> date | None:
    if not text or not text.strip():
        return None
    parsed = parse_wareki(text, partial=False)
    return parsed.to_date() if parsed else None


@dataclass(frozen=True, slots=True)
class DueDates:
    kohyo: date | None  # 公表日
    review_base: date | None  # 公表日 or the last recorded review, whichever is later
    review_due: date | None  # 見直しの目安
    rerun_base: date | None  # publication of the last 評価（実施・再実施）
    rerun_due: date | None  # last day before 5 years have passed
    rerun_basis: str  # how rerun_base was chosen, for display

    def next_due(self) -> date | None:
        """The earlier of the two due dates (the home screen sorts by it)."""
        dates = [d for d in (self.review_due, self.rerun_due) if d is not None]
        return min(dates) if dates else None

    @staticmethod
    def days_left(due: date | None, today: date) -> int | None:
        return None if due is None else (due - today).days


def compute_due_dates(
    kohyo_bi: str | None,
    kiso_jisshi_bi: str | None = None,
    revision_dates: Iterable[str] = (),
    *,
    last_review: date | None = None,
    rules: TimingRules | None = None,
    conducted_name: str = "Ⅴ１①実施日",
    changes_name: str = "別添２",
) -> DueDates:
    """``conducted_name``: the form's name of the 基礎項目評価 実施日 (重点 Ⅴ１①, 全項目 Ⅵ１①); "" for a
    form without one (基礎項目評価書), whose base is always its 公表日."""
    rules = rules or timing_rules()
    kohyo = _date(kohyo_bi)
    if kohyo is None:
        return DueDates(None, None, None, None, None, "公表日が記載されていません")
    review_base = max(kohyo, last_review) if last_review else kohyo
    review_due = add_months(review_base, rules.review_months)
    jisshi = _date(kiso_jisshi_bi)
    if jisshi is None:
        base, basis = kohyo, f"公表日（{conducted_name}の記載がないため）" if conducted_name else "公表日"
    else:
        candidates = sorted({d for d in (_date(t) for t in revision_dates) if d is not None and jisshi <= d <= kohyo} | {kohyo})
        base = candidates[0] if jisshi <= kohyo else kohyo
        basis = "公表日" if base == kohyo else f"基礎項目評価（{conducted_name}）の実施後最初の公表（{changes_name}の変更日）"
    rerun_due = add_months(base, 12 * rules.rerun_years) - timedelta(days=1)
    return DueDates(kohyo, review_base, review_due, base, rerun_due, basis)


def due_dates(form: FormDefinition, doc: Document, *, last_review: date | None = None, rules: TimingRules | None = None) -> DueDates:
    """Due dates of a 評価書 (the 公表日 is the one on its cover)."""
    view = DocView(form, doc)
    roles, group = form.roles, form.changes_rows
    revisions = [view.text(f"{group}[{n}].henko_bi") for n in view.entries(group)] if group else []
    return compute_due_dates(view.text(roles.published), view.text(roles.conducted or ""), revisions, last_review=last_review,
                             rules=rules, conducted_name=view.name(roles.conducted) if roles.conducted else "",
                             changes_name=_annex_mark(form))


def _annex_mark(form: FormDefinition) -> str:
    """「別添２」 from the printed title of the form's 変更箇所 section."""
    label = form.index[form.roles.changes].label if form.roles.changes else ""
    m = re.search(r"別添[０-９0-9]*", label)
    return m.group(0) if m else "変更箇所"


def due_summary(dates: DueDates, today: date) -> str:
    """One line for the check output and the home screen's tooltip."""
    if dates.review_due is None or dates.rerun_due is None:
        return "見直し・再実施の時期：公表日が記載されていないため計算できません"
    return (
        f"見直しの目安：{wareki_text(dates.review_due)}（{_left(dates.review_due, today)}）、"
        f"5年経過前の再実施：{wareki_text(dates.rerun_due)}まで（{_left(dates.rerun_due, today)}、基準：{dates.rerun_basis} {wareki_text(dates.rerun_base)}）"  # type: ignore[arg-type]
    )


def due_as_dict(dates: DueDates | None) -> dict[str, str | None]:
    """ISO dates for the JSON output."""
    if dates is None:
        return {}
    iso = {k: (getattr(dates, k).isoformat() if getattr(dates, k) else None) for k in ("kohyo", "review_due", "rerun_base", "rerun_due")}
    return {**iso, "rerun_basis": dates.rerun_basis}


def _left(due: date, today: date) -> str:
    days = (due - today).days
    if days < 0:
        return f"{-days}日超過"
    return "本日" if days == 0 else f"あと{days}日"


def due_findings(view: DocView, emit: Emitter, today: date, *, last_review: date | None = None) -> DueDates:
    rules = timing_rules()
    dates = due_dates(view.form, view.doc, last_review=last_review, rules=rules)
    if dates.review_due is None or dates.rerun_due is None or dates.kohyo is None:
        return dates
    if dates.kohyo > today:
        return dates  # a draft to be published later: nothing is due yet
    checks = (
        ("due-review", dates.review_due, rules.warn_days.review),
        ("due-rerun", dates.rerun_due, rules.warn_days.rerun),
    )
    for rule_id, due, warn in checks:
        left = (due - today).days
        if left > warn:
            continue
        state = "期限超過" if left < 0 else "期限間近"
        tail = f"を{-left}日過ぎています" if left < 0 else f"まであと{left}日です"
        emit(rule_id, view.form.roles.published, state=state, tail=tail, kohyo_value=wareki_text(dates.kohyo),
             due_value=wareki_text(due), base_value=wareki_text(dates.rerun_base))  # type: ignore[arg-type]
    return dates

"""年度 (the fiscal year, April to March) of a 評価書, kept as the Western year it starts in (2025 = 令和7年度).

A 評価書's 年度 is the year it speaks for: a published one's is the year of its 公表日 (or, failing
that, of its 評価の実施日); a 新年度版 is the year after its baseline's, and never earlier than the
year it is made in.
"""

from __future__ import annotations

from datetime import date, datetime

from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.wareki import parse_wareki

FIRST_MONTH = 4  # a 年度 starts on 1 April
REIWA_FIRST_YEAR = 2019  # 令和元年度 (1 April 2019 – 31 March 2020; 令和 itself began on 1 May)
HEISEI_FIRST_YEAR = 1989


def fiscal_year(day: date) -> int:
    """The 年度 a day falls in: 2026-03-31 → 2025, 2026-04-01 → 2026."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def nendo_text(year: int | None) -> str:
    """「令和7年度」 for 2025 (「令和元年度」 for 2019, 平成 before it); "" for None."""
    if year is None:
        return ""
    if year >= REIWA_FIRST_YEAR:
        era, n = "令和", year - REIWA_FIRST_YEAR + 1
    elif year >= HEISEI_FIRST_YEAR:
        era, n = "平成", year - HEISEI_FIRST_YEAR + 1
    else:
        return f"{year}年度"
    return f"{era}{'元' if n == 1 else n}年度"


def year_of_text(text: object) -> int | None:
    """The 年度 of a date as written in the form (「令和6年11月1日」, 「令和6年11月1日時点」); None if it is not one."""
    if not isinstance(text, str) or not text.strip():
        return None
    parsed = parse_wareki(text, partial=True)
    if parsed is None or parsed.month is None:
        return None
    return fiscal_year(parsed.to_date())


def year_of_timestamp(stamp: str) -> int | None:
    """The 年度 of a stored ISO timestamp (created_at)."""
    try:
        return fiscal_year(datetime.fromisoformat(stamp).date())
    except ValueError:
        return None


def derive_nendo(form: FormDefinition, doc: Document, *, today: date | None = None) -> int:
    """The 年度 of a 評価書 that does not come from a baseline: its 公表日's, else its 評価の実施日's,
    else the current one (a new draft is written for this year)."""
    for address in (form.roles.published, form.roles.conducted):
        year = year_of_text(doc.get(address)) if address else None
        if year is not None:
            return year
    return fiscal_year(today or date.today())


def next_nendo(baseline: int | None, *, today: date | None = None) -> int:
    """The 年度 of a 新年度版: the year after its baseline's, but not before the current year (a
    baseline two years old is rolled forward into this year, not into last year)."""
    current = fiscal_year(today or date.today())
    return current if baseline is None else max(baseline + 1, current)

from __future__ import annotations

from datetime import date

import pytest

from pia_desktop.domain.wareki import normalize_wareki, parse_wareki


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和7年5月30日", "令和7年5月30日"),
        ("R7.5.30", "令和7年5月30日"),
        ("r7.5.30", "令和7年5月30日"),
        ("令和元年6月28日", "令和1年6月28日"),
        ("Ｒ７．５．３０", "令和7年5月30日"),  # IME full-width input
        ("令和７年５月３０日", "令和7年5月30日"),
        ("H30.12.1", "平成30年12月1日"),
        ("2020/6/29", "令和2年6月29日"),
        ("平成31年4月30日", "平成31年4月30日"),
        ("令和7年2月30日", None),
        ("令和7年", None),
        ("明日", None),
    ],
)
def test_full_dates(text: str, expected: str | None) -> None:
    assert normalize_wareki(text) == expected


def test_partial_dates_only_where_allowed() -> None:
    assert normalize_wareki("平成30年12月") is None
    assert normalize_wareki("平成30年12月", partial=True) == "平成30年12月"
    assert normalize_wareki("平成27年10月以降", partial=True) == "平成27年10月以降"
    assert normalize_wareki("平成27年10月ごろかな", partial=True) is None


def test_to_date() -> None:
    parsed = parse_wareki("令和7年1月14日")
    assert parsed is not None and parsed.to_date() == date(2025, 1, 14)
    heisei = parse_wareki("平成28年4月1日")
    assert heisei is not None and heisei.to_date() == date(2016, 4, 1)


def test_a_day_written_with_jiten_is_a_full_date() -> None:
    """「令和6年11月1日時点」 (基礎 Ⅱ「いつ時点の計数か」) is accepted where a full date is required."""
    assert normalize_wareki("令和6年11月1日時点") == "令和6年11月1日時点"
    assert normalize_wareki("令和６年１１月１日 時点") == "令和6年11月1日時点"
    parsed = parse_wareki("令和6年11月1日時点")
    assert parsed is not None and parsed.to_date() == date(2024, 11, 1)
    assert normalize_wareki("令和6年11月時点") is None  # no day: still not a full date
    assert normalize_wareki("令和6年11月1日以降") is None  # not one day

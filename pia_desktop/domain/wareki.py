"""和暦 dates: parse what clerks type (令和7年5月30日, R7.5.30, 令和元年…) and print the official form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# (era, first day, ASCII initial)
ERAS = (
    ("令和", date(2019, 5, 1), "R"),
    ("平成", date(1989, 1, 8), "H"),
    ("昭和", date(1926, 12, 25), "S"),
)
_BY_INITIAL = {initial: name for name, _, initial in ERAS}
_ERA_START = {name: start for name, start, _ in ERAS}
SUFFIXES = ("以降", "以前", "頃", "予定", "から", "～", "〜", "時点")  # 時点: 基礎 Ⅱ「いつ時点の計数か」
EXACT_SUFFIXES = ("時点",)  # still names one exact day: accepted where a full date is required

_TRANS = str.maketrans("０１２３４５６７８９．／－ＲＨＳｒｈｓ", "0123456789./-RHSrhs")  # IME input is often full-width
_KANJI = re.compile(r"^(令和|平成|昭和)\s*(元|\d{1,2})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?(.*)$")
_SHORT = re.compile(r"^([RHSrhs])\s*(\d{1,2})[.\-/](\d{1,2})(?:[.\-/](\d{1,2}))?(.*)$")
_WESTERN = re.compile(r"^(\d{4})[/\-.年](\d{1,2})(?:[/\-.月](\d{1,2})日?)?(.*)$")


@dataclass(frozen=True, slots=True)
class WarekiDate:
    era: str
    year: int  # year of the era, 1 = 元年
    month: int | None
    day: int | None
    suffix: str = ""

    def to_date(self) -> date:
        """The first day the value can mean (month-only values: the 1st)."""
        start = _ERA_START[self.era]
        return date(start.year + self.year - 1, self.month or 1, self.day or 1)

    def format(self) -> str:
        text = f"{self.era}{self.year}年"
        if self.month:
            text += f"{self.month}月"
            if self.day:
                text += f"{self.day}日"
        return text + self.suffix


def _from_western(y: int, m: int, d: int | None, suffix: str) -> WarekiDate | None:
    try:
        g = date(y, m, d or 1)
    except ValueError:
        return None
    for name, start, _ in ERAS:
        if g >= start:
            return WarekiDate(name, y - start.year + 1, m, d, suffix)
    return None


@lru_cache(maxsize=4096)  # the same few 公表日 and 変更日 recur over a store's thousand rows; the result is frozen
def parse_wareki(text: str, *, partial: bool = False) -> WarekiDate | None:
    """Parse a date; None when it is not one. ``partial`` accepts month-only dates and suffixes."""
    s = text.strip().translate(_TRANS)
    m = _KANJI.match(s)
    if m:
        era, y, mo, d, rest = m.groups()
        result = WarekiDate(era, 1 if y == "元" else int(y), int(mo) if mo else None, int(d) if d else None, rest.strip())
    else:
        m = _SHORT.match(s)
        if m:
            ini, y, mo, d, rest = m.groups()
            result = WarekiDate(_BY_INITIAL[ini.upper()], int(y), int(mo), int(d) if d else None, rest.strip())
        else:
            m = _WESTERN.match(s)
            if not m:
                return None
            y, mo, d, rest = m.groups()
            converted = _from_western(int(y), int(mo), int(d) if d else None, rest.strip())
            if converted is None:
                return None
            result = converted
    if result.year < 1 or (result.month is not None and not 1 <= result.month <= 12):
        return None
    try:
        result.to_date()
    except ValueError:
        return None
    if not partial and (result.day is None or (result.suffix and result.suffix not in EXACT_SUFFIXES)):
        return None
    if result.suffix and result.suffix not in SUFFIXES:
        return None
    return result


def normalize_wareki(text: str, *, partial: bool = False) -> str | None:
    parsed = parse_wareki(text, partial=partial)
    return parsed.format() if parsed else None

"""Number brackets printed as choice options ("1万人以上10万人未満") as integer ranges.

The ranges are read from the option texts of the form itself, so the brackets cannot drift from the
form definition: 1,000 / 1万 / 10万 / 30万 / 100万 / 1,000万, with 以上 inclusive and 未満 exclusive.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_BOUND = re.compile(r"([\d,]+)(万)?人(以上|未満)")


@dataclass(frozen=True, slots=True)
class Range:
    """Whole numbers lo ≤ n < hi (hi None: no upper bound)."""

    lo: int
    hi: int | None

    @classmethod
    def exact(cls, n: int) -> Range:
        return cls(n, n + 1)

    @property
    def max(self) -> int | None:
        """The largest member, or None when unbounded."""
        return None if self.hi is None else self.hi - 1

    def is_exact(self) -> bool:
        return self.hi == self.lo + 1

    def __add__(self, other: Range) -> Range:
        hi = None if self.hi is None or other.hi is None else self.max + other.max + 1  # type: ignore[operator]
        return Range(self.lo + other.lo, hi)

    def below(self, bound: int) -> bool:
        """Every member is < bound."""
        return self.hi is not None and self.hi <= bound

    def at_least(self, bound: int) -> bool:
        """Every member is ≥ bound."""
        return self.lo >= bound

    def intersects(self, lo: int, hi: int | None) -> bool:
        return (hi is None or self.lo < hi) and (self.hi is None or lo < self.hi)

    def text(self) -> str:
        if self.is_exact():
            return f"{self.lo:,}人"
        if self.hi is None:
            return f"{self.lo:,}人以上"
        if self.lo == 0:
            return f"{self.hi:,}人未満"
        return f"{self.lo:,}人以上{self.hi:,}人未満"


def parse_bracket(text: str) -> Range | None:
    """"1万人以上10万人未満" → Range(10000, 100000); None when the text is not a bracket."""
    folded = unicodedata.normalize("NFKC", text).replace(" ", "")
    lo, hi = 0, None
    found = False
    for m in _BOUND.finditer(folded):
        n = int(m.group(1).replace(",", "")) * (10_000 if m.group(2) else 1)
        if m.group(3) == "以上":
            lo = n
        else:
            hi = n
        found = True
    return Range(lo, hi) if found else None

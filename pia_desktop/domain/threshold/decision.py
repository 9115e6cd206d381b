"""The しきい値判断 calculator: the results the decision table (forms/rules/thresholds.yaml) gives.

Inputs may be exact numbers or ranges (the brackets of Ⅰ１③, the sum of the Ⅱ３④/Ⅱ４② brackets) and the
重大事故 answer may be unknown; the judgement then lists every result the inputs still allow, and
``Judgement.explain`` tells the computation in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from pia_desktop.domain.brackets import Range
from pia_desktop.domain.threshold.table import ThresholdResultDef, ThresholdRow, ThresholdRules, threshold_rules

SIDE_TEXT = {"lt": "未満", "ge": "以上", "any": "問わない"}
JIKO_TEXT = {"ari": "あり", "nashi": "なし", "any": "問わない"}


@dataclass(frozen=True, slots=True)
class Cell:
    """One combination of the table's conditions that the inputs allow, and the row that decides it."""

    taisho: Range
    side: str  # "lt" | "ge": 取扱者数 below / at least the boundary
    jiko: bool
    row: ThresholdRow
    result: ThresholdResultDef


@dataclass(frozen=True, slots=True)
class Judgement:
    taisho: Range
    toriatsukai: Range
    jiko: bool | None
    cells: tuple[Cell, ...]
    rules: ThresholdRules

    @property
    def results(self) -> list[ThresholdResultDef]:
        """The distinct results the inputs allow, in the order of the rule file."""
        ids = {c.result.id for c in self.cells}
        return [r for r in self.rules.results if r.id in ids]

    @property
    def determined(self) -> bool:
        return len(self.results) == 1

    @property
    def result(self) -> ThresholdResultDef | None:
        return self.results[0] if self.determined else None

    @property
    def rows(self) -> list[ThresholdRow]:
        seen: dict[str, ThresholdRow] = {}
        for c in self.cells:
            seen.setdefault(c.row.id, c.row)
        return list(seen.values())

    def explain(self) -> list[str]:
        """The computation in words: inputs, rule(s) applied, result."""
        b = self.rules.toriatsukai_boundary
        jiko = "不明" if self.jiko is None else ("あり" if self.jiko else "なし")
        lines = [
            f"対象人数：{self.taisho.text()}",
            f"取扱者数：{self.toriatsukai.text()}（{b:,}人{_side_of(self.toriatsukai, b)}）",
            f"{self.rules.jiko_label}：{jiko}",
        ]
        for row in self.rows:
            lines.append(f"適用した基準 {row.id}：{row_condition(row, b)} → {self.rules.result(row.result).label}")
        if self.determined:
            assert self.result is not None
            lines.append(f"結果：{self.result.label}")
        else:
            lines.append("結果：入力からは一つに決まりません（" + "、".join(r.label for r in self.results) + "のいずれか）")
        return lines


def _side_of(r: Range, boundary: int) -> str:
    if r.below(boundary):
        return "未満"
    if r.at_least(boundary):
        return "以上"
    return "未満か以上か不明"


def row_condition(row: ThresholdRow, boundary: int) -> str:
    taisho = Range(row.taisho_min, row.taisho_max).text()
    parts = [f"対象人数 {taisho}"]
    if row.toriatsukai != "any":
        parts.append(f"取扱者数 {boundary:,}人{SIDE_TEXT[row.toriatsukai]}")
    if row.jiko != "any":
        parts.append(f"重大事故 {JIKO_TEXT[row.jiko]}")
    return "、".join(parts)


def _as_range(value: int | Range) -> Range:
    return Range.exact(value) if isinstance(value, int) else value


def _matches(row: ThresholdRow, taisho: int, side: str, jiko: bool) -> bool:
    if taisho < row.taisho_min or (row.taisho_max is not None and taisho >= row.taisho_max):
        return False
    if row.toriatsukai != "any" and row.toriatsukai != side:
        return False
    return row.jiko == "any" or (row.jiko == "ari") == jiko


class ThresholdTableError(ValueError):
    pass


def decide(taisho: int | Range, toriatsukai: int | Range, jiko: bool | None, rules: ThresholdRules | None = None) -> Judgement:
    """The results the decision table gives for the inputs (exact numbers, ranges, 重大事故 or None)."""
    rules = rules or threshold_rules()
    t_range, s_range = _as_range(taisho), _as_range(toriatsukai)
    b = rules.toriatsukai_boundary
    cuts = sorted({r.taisho_min for r in rules.rows} | {r.taisho_max for r in rules.rows if r.taisho_max is not None})
    bands = [Range(lo, hi) for lo, hi in zip(cuts, [*cuts[1:], None], strict=True)]
    if cuts and cuts[0] > 0:
        bands.insert(0, Range(0, cuts[0]))
    sides = [s for s, ok in (("lt", s_range.intersects(0, b)), ("ge", s_range.intersects(b, None))) if ok]
    jikos = [True, False] if jiko is None else [jiko]
    cells: list[Cell] = []
    for band in bands:
        if not t_range.intersects(band.lo, band.hi):
            continue
        probe = max(band.lo, t_range.lo)
        part = Range(probe, _min_hi(band.hi, t_range.hi))
        for side in sides:
            for j in jikos:
                row = next((r for r in rules.rows if _matches(r, probe, side, j)), None)
                if row is None:
                    raise ThresholdTableError(f"しきい値の判断基準に該当する行がありません（対象人数 {probe:,}人、取扱者数 {b:,}人{SIDE_TEXT[side]}、重大事故 {'あり' if j else 'なし'}）")
                cells.append(Cell(part, side, j, row, rules.result(row.result)))
    return Judgement(t_range, s_range, jiko, tuple(cells), rules)


def _min_hi(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else min(a, b)


def result_for_v12(stated_text: str, rules: ThresholdRules | None = None, kind: str = "juten") -> ThresholdResultDef | None:
    """The result that the option ``stated_text`` of a form of ``kind`` states."""
    rules = rules or threshold_rules()
    return next((r for r in rules.results if stated_text and r.stated_on(kind) == stated_text), None)

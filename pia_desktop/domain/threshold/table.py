"""The しきい値判断's decision table (forms/rules/thresholds.yaml) as validated records, loaded once per process.

A row maps 対象人数 (a band), 取扱者数 (below or at least the boundary) and 重大事故 to a result; a result
says which 評価書 it obliges, which it allows instead, and how each form states it.
"""

from __future__ import annotations

from functools import cache
from typing import Literal, Self

from pydantic import model_validator

from pia_desktop.domain.form_definition import FormKind
from pia_desktop.domain.rule_tables import RuleRecord, load_rule_table

KIND_NAMES: dict[str, str] = {"kiso": "基礎項目評価書", "juten": "重点項目評価書", "zen": "全項目評価書"}


class ThresholdResultDef(RuleRecord):
    id: str
    label: str
    requires: list[FormKind]  # the 評価書 the result obliges, in the order they are made
    allows: list[FormKind] = []  # what may be done voluntarily instead (重点 → 全項目)
    stated: dict[FormKind, str] = {}  # the option that states this result on each form (Ⅴ１②, Ⅵ１②, Ⅲ)
    note: str = ""

    def stated_on(self, kind: str) -> str | None:
        return self.stated.get(kind)  # type: ignore[call-overload]

    def wrong_form(self, kind: str) -> bool:
        """A 評価書 of this kind does not satisfy the result (a 重点 where 全項目 is required)."""
        return kind not in self.requires and kind not in self.allows


class ThresholdRow(RuleRecord):
    id: str
    taisho_min: int
    taisho_max: int | None  # exclusive
    toriatsukai: Literal["any", "lt", "ge"]
    jiko: Literal["any", "ari", "nashi"]
    result: str
    evidence: str = ""


class ThresholdRules(RuleRecord):
    version: str
    sources: list[str] = []
    toriatsukai_boundary: int
    jiko_label: str
    jiko_note: str = ""
    results: list[ThresholdResultDef]
    rows: list[ThresholdRow]

    @model_validator(mode="after")
    def _checked(self) -> Self:
        ids = {r.id for r in self.results}
        for row in self.rows:
            if row.result not in ids:
                raise ValueError(f"行「{row.id}」の結果「{row.result}」が results にありません")
        return self

    def result(self, result_id: str) -> ThresholdResultDef:
        return next(r for r in self.results if r.id == result_id)


@cache
def threshold_rules() -> ThresholdRules:
    return load_rule_table("thresholds.yaml", ThresholdRules)

"""The 点検's rule tables in forms/rules/*.yaml as validated records (pydantic models), loaded once per process:
stale citations, messages and severities of the review rules, due-date intervals.

They are read through ``domain.rule_tables`` (a broken file gives a Japanese message naming it); the
しきい値判断's table is the domain's own (``domain.threshold.table``).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Literal, Self

from pydantic import model_validator

from pia_desktop.domain.form_definition import FormKind
from pia_desktop.domain.rule_tables import RuleRecord, load_rule_table
from pia_desktop.domain.threshold.table import threshold_rules

Severity = Literal["error", "warning"]


# -- 法令の引用 -----------------------------------------------------------------------------------------


class CitationDefaults(RuleRecord):
    context: str | None = None
    context_window: int = 80
    exclude: str | None = None
    skip_items: list[str] = []


class CitationRule(RuleRecord):
    id: str
    title: str
    pattern: str
    effective: date
    context: str | None = "__default__"  # YAML null switches the default context off
    context_window: int | None = None
    exclude: str | None = "__default__"
    near: str | None = None
    near_window: int = 60
    items: list[str] = []
    skip_items: list[str] | None = None
    severity: Severity = "warning"
    message: str
    suggestion: str
    source: str = ""

    @model_validator(mode="after")
    def _checked(self) -> Self:
        for v in (self.pattern, self.near):
            if v is not None:
                try:
                    re.compile(v)
                except re.error as exc:
                    raise ValueError(f"正規表現「{v}」が不正です: {exc}") from exc
        return self

class CitationRules(RuleRecord):
    version: str
    defaults: CitationDefaults = CitationDefaults()
    rules: list[CitationRule]


# -- 点検ルールのメタデータ ------------------------------------------------------------------------------


class RuleMeta(RuleRecord):
    id: str
    severity: Severity
    title: str
    message: str
    enabled: bool = True
    forms: list[FormKind] | None = None  # the 評価書 the rule applies to (None: every form)

    def applies_to(self, kind: str) -> bool:
        return self.forms is None or kind in self.forms


class ReviewRules(RuleRecord):
    version: str
    rules: list[RuleMeta]

    @model_validator(mode="after")
    def _checked(self) -> Self:
        ids = [r.id for r in self.rules]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"ルールID「{'、'.join(sorted(dup))}」が重複しています")
        return self

    def by_id(self) -> dict[str, RuleMeta]:
        return {r.id: r for r in self.rules}


# -- 見直し・再実施の時期 ----------------------------------------------------------------------------------


class WarnDays(RuleRecord):
    review: int = 60
    rerun: int = 180


class TimingRules(RuleRecord):
    version: str
    review_months: int = 12
    rerun_years: int = 5
    warn_days: WarnDays = WarnDays()
    sources: list[str] = []


# -- loading ------------------------------------------------------------------------------------------


@cache
def citation_rules() -> CitationRules:
    return load_rule_table("citations.yaml", CitationRules)


@cache
def review_rules() -> ReviewRules:
    return load_rule_table("review-rules.yaml", ReviewRules)


@cache
def timing_rules() -> TimingRules:
    return load_rule_table("timing.yaml", TimingRules)


def clear_caches() -> None:
    """Forget the loaded tables, the しきい値判断's too (after an administrator edited them while the program runs)."""
    for fn in (threshold_rules, citation_rules, review_rules, timing_rules):
        fn.cache_clear()

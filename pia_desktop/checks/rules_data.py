"""The rule tables in forms/rules/*.yaml as validated records (pydantic models), loaded once per process.

The tables are data an administrator may edit (thresholds, stale citations, messages and severities
of the review rules, due-date intervals), so a broken file gives a Japanese message naming it.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal, Self, TypeVar

from pydantic import model_validator

from pia_desktop.domain.conversion import ConversionError, FrozenRecord, convert_json, error_parts, place
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormKind
from pia_desktop.domain.yamlfiles import load_yaml_json
from pia_desktop.resources import forms_dir

Severity = Literal["error", "warning"]


class RulesFileError(PiaError):
    """A rule table in forms/rules/ is missing or broken."""


class _Strict(FrozenRecord):
    """A record read from a rule table: unknown keys are errors, and the tables are shared, so immutable."""


# -- しきい値判断 ------------------------------------------------------------------------------------


KIND_NAMES: dict[str, str] = {"kiso": "基礎項目評価書", "juten": "重点項目評価書", "zen": "全項目評価書"}


class ThresholdResultDef(_Strict):
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


class ThresholdRow(_Strict):
    id: str
    taisho_min: int
    taisho_max: int | None  # exclusive
    toriatsukai: Literal["any", "lt", "ge"]
    jiko: Literal["any", "ari", "nashi"]
    result: str
    evidence: str = ""


class ThresholdRules(_Strict):
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


# -- 法令の引用 -----------------------------------------------------------------------------------------


class CitationDefaults(_Strict):
    context: str | None = None
    context_window: int = 80
    exclude: str | None = None
    skip_items: list[str] = []


class CitationRule(_Strict):
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

class CitationRules(_Strict):
    version: str
    defaults: CitationDefaults = CitationDefaults()
    rules: list[CitationRule]


# -- 点検ルールのメタデータ ------------------------------------------------------------------------------


class RuleMeta(_Strict):
    id: str
    severity: Severity
    title: str
    message: str
    enabled: bool = True
    forms: list[FormKind] | None = None  # the 評価書 the rule applies to (None: every form)

    def applies_to(self, kind: str) -> bool:
        return self.forms is None or kind in self.forms


class ReviewRules(_Strict):
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


class WarnDays(_Strict):
    review: int = 60
    rerun: int = 180


class TimingRules(_Strict):
    version: str
    review_months: int = 12
    rerun_years: int = 5
    warn_days: WarnDays = WarnDays()
    sources: list[str] = []


# -- loading ------------------------------------------------------------------------------------------


def rules_dir() -> Path:
    return forms_dir() / "rules"


_T = TypeVar("_T", bound=_Strict)


def _load(name: str, model: type[_T]) -> _T:
    path = rules_dir() / name
    raw = load_yaml_json(path, RulesFileError, "点検ルールのファイル")
    try:
        return convert_json(raw, model)
    except ConversionError as exc:
        msg, loc = error_parts(exc)
        where = f"の「{place(loc)}」" if loc else ""  # a whole-table check has no place
        raise RulesFileError(f"点検ルールのファイル {path.name} {where}に誤りがあります: {msg}") from exc


@cache
def threshold_rules() -> ThresholdRules:
    return _load("thresholds.yaml", ThresholdRules)


@cache
def citation_rules() -> CitationRules:
    return _load("citations.yaml", CitationRules)


@cache
def review_rules() -> ReviewRules:
    return _load("review-rules.yaml", ReviewRules)


@cache
def timing_rules() -> TimingRules:
    return _load("timing.yaml", TimingRules)


def clear_caches() -> None:
    """Forget the loaded tables (after an administrator edited them while the program runs)."""
    for fn in (threshold_rules, citation_rules, review_rules, timing_rules):
        fn.cache_clear()

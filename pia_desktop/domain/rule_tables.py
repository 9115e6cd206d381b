"""Reading the rule tables in forms/rules/*.yaml as validated records (pydantic models).

The tables are data an administrator may edit (thresholds, stale citations, messages and severities
of the review rules, due-date intervals), so a broken file gives a Japanese message naming it. The
しきい値判断's table is the domain's (``domain.threshold.table``); the 点検's tables are read by
``checks.rules_data`` through the same loader.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pia_desktop.domain.conversion import ConversionError, FrozenRecord, convert_json, error_parts, place
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.yamlfiles import load_yaml_json
from pia_desktop.resources import forms_dir


class RulesFileError(PiaError):
    """A rule table in forms/rules/ is missing or broken."""


class RuleRecord(FrozenRecord):
    """A record read from a rule table: unknown keys are errors, and the tables are shared, so immutable."""


def rules_dir() -> Path:
    return forms_dir() / "rules"


_T = TypeVar("_T", bound=RuleRecord)


def load_rule_table(name: str, model: type[_T]) -> _T:
    """forms/rules/``name`` as a ``model``; RulesFileError naming the file (and the place) when it is broken."""
    path = rules_dir() / name
    raw = load_yaml_json(path, RulesFileError, "点検ルールのファイル")
    try:
        return convert_json(raw, model)
    except ConversionError as exc:
        msg, loc = error_parts(exc)
        where = f"の「{place(loc)}」" if loc else ""  # a whole-table check has no place
        raise RulesFileError(f"点検ルールのファイル {path.name} {where}に誤りがあります: {msg}") from exc

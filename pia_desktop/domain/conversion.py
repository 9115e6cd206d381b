"""Typed records (pydantic models) from parsed JSON or YAML, and conversion errors as (message, location).

The form definitions, the rule and mapping tables, the 定型文 library, the exchange format and the notes
files are pydantic models, validated strictly (no "2" for an int, no unknown keys; dates from ISO text).
A ``TypeAdapter`` is built once per record type, on first use, so a command that never reads a rule
table never builds its validator.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

T = TypeVar("T")
ConversionError = ValidationError
Loc = tuple[str | int, ...]

# Records are strict, closed to unknown keys, and build their validators on first use.
STRICT = ConfigDict(strict=True, extra="forbid", defer_build=True)
FROZEN = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


class Record(BaseModel):
    """A mutable record (the exchange format's Document and what hangs off it)."""

    model_config = STRICT


class FrozenRecord(BaseModel):
    """A record that does not change once read (form definitions, rule tables)."""

    model_config = FROZEN


@cache
def adapter(cls: Any) -> TypeAdapter[Any]:
    return TypeAdapter(cls)


def _iso(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def convert(data: Any, cls: type[T]) -> T:
    """``data`` (parsed JSON/YAML: dicts, lists, str, numbers, dates) as a ``cls``, with JSON's strictness:
    "2" is no int, an ISO date string is a date, a list is a tuple, an enum is given by its value.
    Raises ConversionError; the models' own checks raise it too, with their own message."""
    return convert_json(json.dumps(data, ensure_ascii=False, default=_iso), cls)


def convert_json(raw: str | bytes, cls: type[T]) -> T:
    """The same from JSON text, parsed and validated in one pass (the YAML cache's path)."""
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return cls.model_validate_json(raw, strict=True)  # type: ignore[return-value]
    return adapter(cls).validate_json(raw, strict=True)  # type: ignore[no-any-return]


def replace(obj: T, **changes: Any) -> T:
    """A copy of a record (or a dataclass) with ``changes``; the changed values are not validated again."""
    if isinstance(obj, BaseModel):
        return obj.model_copy(update=changes)  # type: ignore[return-value]
    return dataclasses.replace(obj, **changes)  # type: ignore[type-var]


def to_data(obj: Any) -> Any:
    """The record as plain JSON data (dates as ISO strings, enums as their values)."""
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json", by_alias=True)
    return adapter(type(obj)).dump_python(obj, mode="json")


_PREFIXES = ("Value error, ", "Assertion failed, ")


# pydantic's error types in the words of the messages (the rest keep pydantic's own text)
_JAPANESE = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "不明な項目です",
    "string_type": "文字列ではありません",
    "int_type": "整数ではありません",
    "bool_type": "true / false ではありません",
    "list_type": "リストではありません",
    "dict_type": "オブジェクトではありません",
    "model_type": "オブジェクトではありません",
    "date_type": "日付（YYYY-MM-DD）ではありません",
    "date_from_datetime_parsing": "日付（YYYY-MM-DD）ではありません",
    "date_parsing": "日付（YYYY-MM-DD）ではありません",
    "string_pattern_mismatch": "形式が正しくありません",
    "string_too_short": "空です",
    "too_short": "少なすぎます",
}


def _japanese(error: dict[str, Any]) -> str:
    kind, ctx = str(error.get("type", "")), error.get("ctx") or {}
    if kind in _JAPANESE:
        return _JAPANESE[kind]
    if kind in ("literal_error", "enum"):
        return f"次のいずれかです：{ctx.get('expected', '')}"
    if kind in ("string_too_long", "too_long"):
        return f"長すぎます（{ctx.get('max_length', '')}まで）"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "以上", "greater_than": "より大", "less_than_equal": "以下", "less_than": "未満"}[kind]
        bound = next((v for k, v in ctx.items() if k in ("ge", "gt", "le", "lt")), "")
        return f"{bound}{sign}の数です"
    msg = str(error.get("msg", ""))
    for prefix in _PREFIXES:
        if msg.startswith(prefix):
            return msg[len(prefix):]
    return msg


def error_parts(exc: ConversionError) -> tuple[str, Loc]:
    """("整数ではありません", ("items", 3, "options")): the deepest error (for a union, the branch the
    input was meant for), in Japanese where the kind is a common one."""
    errors = exc.errors(include_url=False)
    # a misspelt key explains the "missing" one beside it; otherwise the deepest error is the most precise
    first = max(errors, key=lambda e: (e.get("type") == "extra_forbidden", len(e.get("loc", ()))))
    msg = _japanese(first)  # type: ignore[arg-type]
    loc: list[str | int] = [p for p in first.get("loc", ()) if isinstance(p, (str, int))]
    # a union's branch names ("str", "bool", "CheckValue", "function-after[…]") are not places in the file
    while loc and isinstance(loc[-1], str) and _is_branch(loc[-1]):
        loc.pop()
    return msg, tuple(loc)


_BRANCHES = {"str", "bool", "int", "float", "none", "list", "dict", "tuple", "date", "literal"}


def _is_branch(step: str) -> bool:
    if "." in step:  # an address or a dotted key: a place in the file
        return False
    return step in _BRANCHES or step[:1].isupper() or step.startswith(("function-", "list[", "dict[", "tuple[", "literal["))


def place(loc: Loc) -> str:
    """The location as messages name it: "rules/0/severity" ("" for the whole file)."""
    return "/".join(str(p) for p in loc)


def locate(data: Any, loc: Loc) -> list[Any]:
    """The nodes of ``data`` along ``loc`` (as far as they exist), to name the item an error is in."""
    nodes = []
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        nodes.append(node)
    return nodes

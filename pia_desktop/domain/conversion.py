"""Typed records (msgspec Structs) from parsed JSON or YAML, and conversion errors as (message, location).

The form definitions, the rule tables and the exchange format are msgspec Structs: conversion is strict
(no "2" for an int, no unknown keys) and costs a few milliseconds, and importing msgspec ~25 ms, where
pydantic cost ~90 ms to import and ~45 ms to build its models on every start of the command line.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

import msgspec

T = TypeVar("T")
ConversionError = msgspec.ValidationError
Loc = tuple[str | int, ...]

# msgspec reports "Expected `int`, got `str` - at `$.items[3].options`" or "… - at `key` in `$.stated`".
_AT = re.compile(r"^(?P<msg>.*?)(?: - at `(?:key` in `)?(?P<path>\$[^`]*)`)?$", re.S)
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+|\.\.\.)\]")
_FIELD = re.compile(r"^Object (?:contains unknown|missing required) field `([^`]*)`$")


def convert(data: Any, cls: type[T]) -> T:
    """``data`` (parsed JSON/YAML: dicts, lists, str, numbers, ISO dates as str) as a ``cls``.
    Raises ConversionError; __post_init__ checks raise it too, with their own message."""
    return msgspec.convert(data, cls, strict=True)


def to_data(obj: Any) -> Any:
    """The record as plain JSON data (dates as ISO strings, enums as their values)."""
    return msgspec.to_builtins(obj)


def error_parts(exc: ConversionError) -> tuple[str, Loc]:
    """("Expected `int`, got `str`", ("items", 3, "options")). A dict key is "..." (msgspec does not name it)."""
    m = _AT.match(str(exc))
    assert m is not None  # the pattern matches any text
    loc: list[str | int] = []
    for name, index in _STEP.findall(m["path"] or ""):
        loc.append(name if name else int(index) if index.isdigit() else index)
    field = _FIELD.match(m["msg"])
    if field:  # the field itself is the place to name
        loc.append(field[1])
    return m["msg"], tuple(loc)


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

"""How the store writes values, and how it turns a damaged file's exceptions into a StoreError."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import ParamSpec, TypeVar

from pia_desktop.domain.conversion import convert, to_data
from pia_desktop.domain.document import CheckValue, ThresholdInputs, Value
from pia_desktop.domain.errors import PiaError
from pia_desktop.storage.errors import StoreError, classify

__all__ = ["StoreError"]

P = ParamSpec("P")
R = TypeVar("R")


def _now() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


def _encode(value: Value) -> str:
    if isinstance(value, CheckValue):
        return json.dumps(to_data(value), ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def _encode_threshold(inputs: ThresholdInputs | None) -> str | None:
    return None if inputs is None else json.dumps(to_data(inputs), ensure_ascii=False, separators=(",", ":"))


def _decode_threshold(text: str | None) -> ThresholdInputs | None:
    return None if text is None else convert(json.loads(text), ThresholdInputs)


def _decode(text: str) -> Value:
    data = json.loads(text)
    if isinstance(data, dict):
        return convert(data, CheckValue)
    return data  # type: ignore[no-any-return]


_DAMAGE = (sqlite3.DatabaseError, UnicodeDecodeError, ValueError, KeyError, TypeError)


def _guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Turn the exceptions a damaged file raises into a StoreError naming the file."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except PiaError:
            raise
        except _DAMAGE as exc:
            # named for what it is (full disk, read-only, busy, damaged): the advice differs
            raise classify(exc, getattr(args[0], "path", "")) from exc

    return wrapper

"""How the store writes values, and how it turns a damaged file's exceptions into a StoreError."""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import ParamSpec, TypeVar

from pia_desktop.domain.conversion import convert, to_data
from pia_desktop.domain.document import CheckValue, ThresholdInputs, Value
from pia_desktop.domain.errors import PiaError
from pia_desktop.storage.errors import StoreError, classify

__all__ = ["StoreError"]

P = ParamSpec("P")
R = TypeVar("R")


_clock = threading.Lock()
_last_now = [""]


def _now() -> str:
    """The time of a write, strictly later than the previous one this program wrote. Two edits in one
    millisecond (a fast disk) must still differ: ``updated_at`` is the revision that kept 点検 summaries are
    checked against, and 最終更新 orders the home list."""
    with _clock:
        text = datetime.now().isoformat(timespec="milliseconds")
        if text <= _last_now[0]:  # same-format ISO texts compare as the times they name
            text = (datetime.fromisoformat(_last_now[0]) + timedelta(milliseconds=1)).isoformat(timespec="milliseconds")
        _last_now[0] = text
        return text


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


class DamagedRow(StoreError):
    """One assessment's row breaks a limit or cannot be decoded: the list shows it as damaged
    (``aid``); every other assessment of the store stays usable."""

    def __init__(self, path: object, aid: int, why: str) -> None:
        super().__init__(f"保存ファイル {path} の評価書 ID {aid} は壊れているため開けません（{why}）。ほかの評価書はそのまま使えます。")
        self.aid = aid


def decode_row(path: object, aid: int, row: dict[str, object], answers: int) -> tuple[dict[str, int], list[str]]:
    """The row's repeat_counts and non_public, typed and within the limits (domain.limits) before
    anything reads the answers or walks the document; ``answers`` is the number of answer rows."""
    from pia_desktop.domain import limits

    def text(name: str, cap: int) -> str:
        value = row[name]
        if not isinstance(value, str) or len(value) > cap:
            raise DamagedRow(path, aid, f"{name} が {len(value) if isinstance(value, str) else type(value).__name__} 字で読めません")
        return value

    if answers > limits.MAX_VALUES:
        raise DamagedRow(path, aid, f"記載が {answers:,} 件あり、上限（{limits.MAX_VALUES:,} 件）を超えています")
    try:
        counts = convert(json.loads(text("repeat_counts", limits.MAX_COUNTS * 32)), dict[str, int])
        non_public = convert(json.loads(text("non_public", limits.MAX_NON_PUBLIC * (limits.MAX_KEY_CHARS + 4))), list[str])
    except ValueError as exc:  # JSON, a record's ValidationError, a 4,300-digit integer
        raise DamagedRow(path, aid, str(exc)[:200]) from exc
    return counts, non_public


def check_row(path: object, aid: int, doc: object) -> None:
    """DamagedRow when the decoded document breaks a limit (domain.limits) — before it is walked."""
    from pia_desktop.domain.limits import problems

    found = next(iter(problems(doc)), None)  # type: ignore[arg-type]
    if found is not None:
        raise DamagedRow(path, aid, f"「{found[0]}」: {found[1]}")

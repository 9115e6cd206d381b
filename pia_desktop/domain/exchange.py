"""The versioned JSON exchange format for one 評価書 (docs/exchange-format.md).

Reading never trusts the file: size, nesting and types are checked, and every problem becomes a
Japanese message naming the file. Writing is canonical (document order, empty answers dropped), so
JSON → store → JSON gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pia_desktop.domain.conversion import ConversionError, convert, error_parts, place, to_data
from pia_desktop.domain.document import FORMAT_NAME, FORMAT_VERSION, Document, is_empty
from pia_desktop.domain.errors import DocumentFormatError
from pia_desktop.domain.form_definition import FormDefinition, load_form
from pia_desktop.domain.limits import LimitError, check_document
from pia_desktop.domain.traversal import walk

MAX_JSON_BYTES = 50 * 1024 * 1024  # far above any real 評価書 (seed 003 is ~100 KB)
MAX_DEPTH = 20


def _depth(obj: Any, limit: int) -> int:
    stack = [(obj, 1)]
    deepest = 0
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        if isinstance(node, dict):
            stack.extend((v, d + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, d + 1) for v in node)
    return deepest


def _v1_to_v2(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Version 2 added the optional ``reviews`` (見直しの記録); a version-1 file has none."""
    if "reviews" in data:
        raise DocumentFormatError(f"{source}: 形式 1 のファイルに reviews（見直しの記録）があります")
    return {**data, "reviews": [], "format_version": 2}


def _v2_to_v3(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Version 3 added the optional ``identity``; an older file has none (the store gives it one)."""
    if "identity" in data:
        raise DocumentFormatError(f"{source}: 形式 {data.get('format_version')} のファイルに identity（評価書の識別子）があります")
    return {**data, "format_version": 3}


# MIGRATIONS[v] upgrades version v to v + 1: pure functions on the parsed JSON.
MIGRATIONS: dict[int, Callable[[dict[str, Any], str], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}


def _migrate(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Upgrade older exchange versions, one step at a time."""
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DocumentFormatError(f"{source}: format_version がありません")
    if version > FORMAT_VERSION:
        raise DocumentFormatError(
            f"{source} は新しい版の PIA Desktop（形式 {version}）で作成されています。この版（形式 {FORMAT_VERSION}）では開けません。アプリケーションを更新してください。"
        )
    if version < 1:
        raise DocumentFormatError(f"{source}: format_version {version} は不明です")
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data, source)
        version += 1
    return data


def written_version(doc: Document) -> int:
    """The lowest version that holds everything in ``doc``: a file without 見直しの記録 stays a version-1
    file, byte for byte what earlier releases wrote (and readable by them)."""
    return 3 if doc.identity is not None else 2 if doc.reviews else 1


def document_from_data(data: Any, source: str) -> Document:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise DocumentFormatError(f"{source} は PIA Desktop の評価書ファイルではありません（format が {FORMAT_NAME!r} ではありません）")
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise DocumentFormatError(f"{source} の入れ子が深すぎます")
    data = _migrate(dict(data), source)
    where = _unencodable(data)
    if where is not None:  # JSON may spell a lone surrogate ("\\ud800"); no file can store it, and no record holds it
        raise LimitError(f"{source} の「{where}」を読み込めません: 文字として表せない符号（対になっていないサロゲート）が含まれています")
    try:
        doc = convert(data, Document)
    except ConversionError as exc:
        msg, loc = error_parts(exc)
        where = _bad_key(data, loc) or place(loc) or "全体"
        raise DocumentFormatError(f"{source} の「{where}」が読めません: {msg}") from exc
    return check_document(doc, source)  # before anything walks it (a count of 10⁹ never ends)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _unencodable(data: dict[str, Any]) -> str | None:
    """Where the first lone surrogate is: the answer's address, or the field's name."""
    for key, value in data.items():
        if key == "values" and isinstance(value, dict):
            for address, answer in value.items():
                if _has_surrogate(json.dumps([address, answer], ensure_ascii=False)):
                    return str(address) if not _has_surrogate(str(address)) else "values"
        elif _has_surrogate(json.dumps(value, ensure_ascii=False, default=str)):
            return str(key) if not _has_surrogate(str(key)) else "全体"
    return None


def _bad_key(data: dict[str, Any], loc: tuple[str | int, ...]) -> str | None:
    """The address of the value an error is in: messages name it as the clerk knows it."""
    if len(loc) >= 2 and loc[0] == "values" and isinstance(loc[1], str) and isinstance(data.get("values"), dict):
        return loc[1]
    return None


def parse_document(text: str | bytes, source: str = "入力") -> Document:
    if len(text) > MAX_JSON_BYTES:
        raise DocumentFormatError(f"{source} が大きすぎます（{len(text) // 1024 // 1024} MB）。評価書ファイルではないと思われます")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DocumentFormatError(f"{source} はJSONとして読めません（{exc}）") from exc
    except RecursionError as exc:
        raise DocumentFormatError(f"{source} の入れ子が深すぎます") from exc
    except ValueError as exc:  # an integer of more than 4,300 digits (Python refuses to convert it)
        raise DocumentFormatError(f"{source} に桁数が多すぎる数値があります（{_digits(exc)}）。評価書ファイルではないと思われます") from exc
    return document_from_data(data, source)


def _digits(exc: ValueError) -> str:
    m = re.search(r"value has (\d+) digits", str(exc))
    return f"{m.group(1)} 桁" if m else "読めない数値"


def read_document(path: Path) -> Document:
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise DocumentFormatError(f"{path} が大きすぎます（{size // 1024 // 1024} MB）。評価書ファイルではないと思われます")
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise DocumentFormatError(f"ファイル {path} が見つかりません") from exc
    except OSError as exc:
        raise DocumentFormatError(f"ファイル {path} を読み込めません: {exc.strerror}") from exc
    return parse_document(raw, str(path))


def canonical(doc: Document, form: FormDefinition | None = None) -> Document:
    """The same document with values in document order, empties dropped, lists deduplicated."""
    form = form or load_form(doc.form_id)
    ordered: dict[str, Any] = {}
    for slot in walk(form, doc):
        value = doc.values.get(slot.address)
        if value is not None and not is_empty(value):
            ordered[slot.address] = value
    for key, value in doc.values.items():  # keep unknown keys (validation reports them)
        if key not in ordered and not is_empty(value):
            ordered[key] = value
    first = _first_positions(ordered)
    counts = {k: v for k, v in sorted(doc.repeat_counts.items(), key=lambda kv: _order_key(kv[0], first)) if v}
    non_public = sorted(set(doc.non_public), key=lambda k: _order_key(k, first))
    reviews = sorted(doc.reviews, key=lambda r: r.reviewed_on)  # oldest first; same day: as recorded
    return doc.copy(values=ordered, repeat_counts=counts, non_public=non_public, reviews=reviews)


_BOUNDARY = re.compile(r"[.\[(]")


def _first_positions(ordered: dict[str, Any]) -> dict[str, int]:
    """For every address and every prefix of it that ends before a ``.``, ``[`` or ``(`` (a group
    key, a section): the position of the first address it begins. One pass, where looking each key
    up in the list made a large ``non_public`` list quadratic."""
    first: dict[str, int] = {}
    for i, key in enumerate(ordered):
        first.setdefault(key, i)
        for m in _BOUNDARY.finditer(key):
            first.setdefault(key[: m.start()], i)
    return first


def _order_key(key: str, first: dict[str, int]) -> tuple[int, str]:
    return (first.get(key, len(first)), key)


def document_to_data(doc: Document) -> dict[str, Any]:
    data = to_data(canonical(doc))
    if data.get("threshold") is None:  # optional: a document without it is written as before
        data.pop("threshold", None)
    if not data.get("reviews"):  # optional too: no 見直しの記録, no field (and version 1)
        data.pop("reviews", None)
    if data.get("identity") is None:  # optional: a document that never was in a store has none
        data.pop("identity", None)
    data["format_version"] = written_version(doc)
    return data


def dumps_document(doc: Document) -> str:
    return json.dumps(document_to_data(doc), ensure_ascii=False, indent=1) + "\n"


def write_document(doc: Document, path: Path) -> None:
    from pia_desktop.fileio import atomic_write_text

    atomic_write_text(path, dumps_document(doc))

"""The notes file: the 指摘 and 回答 of one 評価書, exchanged between two stores (docs/notes-format.md).

Small JSON; read with the same strictness and limits as an 評価書 file: a bad file is refused with a
message naming the file and the place, before anything in the store changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field

from pia_desktop.domain.conversion import ConversionError, Record, convert, error_parts, place, to_data
from pia_desktop.domain.errors import PiaError
from pia_desktop.notes.model import Note
from pia_desktop.notes.process import ReviewProcess

FORMAT_NAME = "pia-desktop/notes"
FORMAT_VERSION = 1
MAX_NOTES = 5000
MAX_FILE_BYTES = 20 * 1024 * 1024


class NotesFileError(PiaError):
    """A notes file that cannot be read or does not fit the store; the message says why."""


class NotesTarget(Record):
    """The 評価書 the notes are about: its identity (the same in every store) and, for people, its name."""

    uid: Annotated[str, Field(pattern="^[0-9a-f]{32}$", description="評価書の識別子（年度をまたいで同じ）")]
    version: Annotated[str, Field(pattern="^[0-9a-f]{32}$", description="この版（年度）の識別子：新年度版で新しくなる")]
    form_id: Annotated[str, Field(max_length=100)]
    title: Annotated[str, Field(max_length=1000)] = ""


class NotesFile(Record):
    format: Literal["pia-desktop/notes"] = FORMAT_NAME
    format_version: Literal[1] = FORMAT_VERSION
    assessment: NotesTarget
    process: ReviewProcess | None = None
    notes: Annotated[list[Note], Field(max_length=MAX_NOTES)] = []
    values: Annotated[dict[str, Annotated[str, Field(max_length=20000)]], Field(
        max_length=MAX_NOTES, description="書き出した側の評価書での、指摘のある項目の現在の記載（番地 → 記載）")] = {}


def dumps_notes(data: NotesFile) -> str:
    out = to_data(data)
    if out.get("process") is None:
        out.pop("process", None)
    if not out.get("values"):
        out.pop("values", None)
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"


def write_notes(data: NotesFile, path: Path) -> None:
    from pia_desktop.fileio import atomic_write_text

    atomic_write_text(path, dumps_notes(data))


def parse_notes(raw: bytes | str, source: str) -> NotesFile:
    if len(raw) > MAX_FILE_BYTES:
        raise NotesFileError(f"{source} が大きすぎます。指摘ファイルではないと思われます")
    try:
        data: Any = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise NotesFileError(f"{source} はJSONとして読めません（{exc}）") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise NotesFileError(f"{source} は PIA Desktop の指摘ファイルではありません（format が {FORMAT_NAME!r} ではありません）")
    if isinstance(data.get("format_version"), int) and data["format_version"] > FORMAT_VERSION:
        raise NotesFileError(f"{source} は新しい版の PIA Desktop で作成されています。アプリケーションを更新してください。")
    try:
        return convert(data, NotesFile)
    except ConversionError as exc:
        msg, loc = error_parts(exc)
        raise NotesFileError(f"{source} の「{place(loc) or '全体'}」が読めません: {msg}") from exc


def read_notes(path: Path) -> NotesFile:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise NotesFileError(f"{path} が大きすぎます。指摘ファイルではないと思われます")
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotesFileError(f"ファイル {path} が見つかりません") from exc
    except OSError as exc:
        raise NotesFileError(f"ファイル {path} を読み込めません: {exc.strerror}") from exc
    return parse_notes(raw, str(path))

"""A 指摘 (note) on one item of a 評価書, its answers and its state, as records with a revision history.

Every change makes a new revision id and appends it to ``revs``; two copies of a note in two stores can
then be merged without a clock: the copy whose revisions include all of the other's is the newer one
(see ``merge.py``). Notes are never printed in the official PDF.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from pia_desktop.domain.conversion import Record, replace

KINDS = ("修正依頼", "確認", "参考", "意見")
STATES = ("未対応", "対応済", "確認済")  # open → answered/fixed by the author → closed by the reviewer
OPEN_STATES = ("未対応", "対応済")
MAX_TEXT = 4000
MAX_NAME = 200
MAX_ANSWERS = 200
MAX_REVS = 1000

Kind = Literal["修正依頼", "確認", "参考", "意見"]
State = Literal["未対応", "対応済", "確認済"]
Text = Annotated[str, Field(max_length=MAX_TEXT)]
Name = Annotated[str, Field(max_length=MAX_NAME)]
Stamp = Annotated[str, Field(max_length=40, description="ISO 8601 の日時")]
Rev = Annotated[str, Field(pattern="^[0-9a-f]{8,32}$")]


class Answer(Record):
    text: Text
    by: Name = ""
    at: Stamp


class Note(Record):
    id: Annotated[str, Field(pattern="^[0-9a-f]{32}$", description="指摘の識別子（どの保存ファイルでも同じ）")]
    item: Annotated[str, Field(min_length=1, max_length=300, description="項目の番地（dump が表示する番地）")]
    kind: Kind = "修正依頼"
    text: Text
    by: Name = ""
    at: Stamp
    state: State = "未対応"
    value_then: Annotated[str, Field(max_length=20000, description="指摘を書いたときの項目の記載")] = ""
    answers: Annotated[list[Answer], Field(max_length=MAX_ANSWERS)] = []
    updated_at: Stamp
    updated_by: Name = ""
    revs: Annotated[list[Rev], Field(min_length=1, max_length=MAX_REVS)]

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


def now() -> str:
    return datetime.now().isoformat(timespec="milliseconds")


def _rev() -> str:
    return uuid.uuid4().hex[:16]


def new_note(item: str, text: str, *, kind: str = "修正依頼", by: str = "", value_then: str = "") -> Note:
    if kind not in KINDS:
        raise ValueError(f"指摘の種類は {'・'.join(KINDS)} のいずれかです（{kind}）")
    stamp = now()
    return Note(id=uuid.uuid4().hex, item=item, kind=kind, text=text, by=by, at=stamp,  # type: ignore[arg-type]
                value_then=value_then, updated_at=stamp, updated_by=by, revs=[_rev()])


def changed(note: Note, by: str = "", **fields: object) -> Note:
    """A new revision of ``note`` with ``fields`` replaced."""
    return replace(note, updated_at=now(), updated_by=by, revs=[*note.revs, _rev()], **fields)


def answer(note: Note, text: str, *, by: str = "", done: bool = True) -> Note:
    """The author's 回答; ``done`` marks it 対応済."""
    answers = [*note.answers, Answer(text=text, by=by, at=now())]
    return changed(note, by, answers=answers, state="対応済" if done else note.state)


def close(note: Note, *, by: str = "") -> Note:
    """The reviewer accepts the answer: 確認済."""
    return changed(note, by, state="確認済")


def reopen(note: Note, *, by: str = "", text: str = "") -> Note:
    answers = [*note.answers, Answer(text=text, by=by, at=now())] if text else note.answers
    return changed(note, by, state="未対応", answers=answers)

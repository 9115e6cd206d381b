"""What a 重点 → 全項目 conversion leaves to check, kept as notes (kind 確認) on the new 評価書's items, so it
stays in the 点検 list and the 指摘一覧 until the clerk closes it — not only in the window shown once."""

from __future__ import annotations

from collections.abc import Iterable

from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.validation import Finding, describe
from pia_desktop.notes.merge import StoredNote
from pia_desktop.notes.model import Note, new_note

CONVERTER = "全項目評価書への変換"


def conversion_notes(items: Iterable[tuple[str, str, str]]) -> list[Note]:
    """(address in the new 評価書, what to check, the value carried) → notes by the converter."""
    return [new_note(address, text, kind="確認", by=CONVERTER, value_then=value) for address, text, value in items]


def todo_findings(form: FormDefinition, notes: list[StoredNote]) -> list[Finding]:
    return [
        Finding("warning", "convert-todo", s.note.item, describe(form, s.note.item),
                f"変換で引き継いだ記載です。確認してください（{s.note.text}）。確認したら指摘一覧で「確認済にする」を押します")
        for s in notes if s.note.by == CONVERTER and s.note.is_open
    ]

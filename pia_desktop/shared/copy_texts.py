"""What the window says about a copy: its label (年度, 新年度版, 状況) for the title and the lists, and
the questions asked when a 公表済 評価書 is edited or a 評価書 the store holds is imported again."""

from __future__ import annotations

from collections.abc import Sequence

from pia_desktop.domain.fiscal_year import nendo_text
from pia_desktop.storage.copies import ASK_ROLL_FORWARD
from pia_desktop.storage.listing import Summary

__all__ = ["ASK_ROLL_FORWARD", "copy_label", "duplicate_question", "published_edit_question", "title_text"]


def copy_label(s: Summary) -> str:
    """「令和6年度・公表済」, 「令和8年度 新年度版・作成中」 (the 年度 left out when unknown)."""
    year = nendo_text(s.nendo)
    if s.baseline_id is not None:
        year = f"{year} 新年度版".strip()
    return "・".join(t for t in (year, s.status) if t)


def title_text(s: Summary) -> str:
    """The window title's part for the open 評価書: 「児童手当に関する事務 重点項目評価書［令和8年度 新年度版・作成中］」."""
    return f"{s.name or '（評価書名未記入）'}［{copy_label(s)}］"


def duplicate_question(source: str, same: Sequence[Summary]) -> str:
    """The question when ``source`` (a file name) reads the same as rows the store already holds."""
    rows = "\n".join(f"・ID {s.id}「{s.name or '（評価書名未記入）'}」{s.org}（{copy_label(s)}）" for s in same)
    return (f"{source} と同じ内容の評価書が、すでに保存ファイルにあります。\n{rows}\n\n"
            "既存の評価書を開きますか？（同じ評価書をもう1行追加することもできます）")


def published_edit_question(successors: Sequence[Summary]) -> str:
    """The question when a 公表済 評価書 is edited: make its 新年度版, or open the one it already has
    (``Store.successors``; the newest is offered)."""
    if not successors:
        return ASK_ROLL_FORWARD
    s = max(successors, key=lambda x: x.id)
    return (f"公表済の評価書は編集できません。この評価書の新年度版があります：ID {s.id}「{s.name or '（評価書名未記入）'}」"
            f"（{copy_label(s)}）。\n新年度版を開きますか？")

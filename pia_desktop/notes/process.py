"""A 全項目評価書's procedure before submission: the public comment period (意見の聴取) and the 第三者点検,
and a draft of Ⅵ２・Ⅵ３ made from them and from the comments received (notes of kind 意見).

The 指針 asks for the comment period to be 30 days or more as a rule (第7 の 3 (2)); a shorter one needs
the 特段の理由 of Ⅵ２③, so it is reported, not refused.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from pia_desktop.checks.due_dates import wareki_text
from pia_desktop.domain.conversion import Record
from pia_desktop.notes.model import Note

MIN_COMMENT_DAYS = 30


class CommentPeriod(Record):
    start: date
    end: date
    method: Annotated[str, Field(max_length=2000)] = ""  # e.g. ホームページへの掲載及び窓口での閲覧

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1  # both days count


class ThirdPartyCheck(Record):
    held_on: date
    body: Annotated[str, Field(min_length=1, max_length=500)]  # e.g. ○○市個人情報保護審議会
    result: Annotated[str, Field(max_length=4000)] = ""


class ReviewProcess(Record):
    comment_period: CommentPeriod | None = None
    third_party: ThirdPartyCheck | None = None


def period_problems(period: CommentPeriod) -> list[str]:
    if period.end < period.start:
        return ["意見の聴取の終了日が開始日より前です"]
    if period.days < MIN_COMMENT_DAYS:
        return [f"意見の聴取の期間が{period.days}日です。指針では原則として30日以上とされています"
                "（短縮するときは、Ⅵ２③に特段の理由を記載します）"]
    return []


def draft_section_vi(process: ReviewProcess, notes: list[Note]) -> dict[str, str]:
    """Proposed answers for Ⅵ２ and Ⅵ３ of the 全項目 form (addresses → text); the user decides."""
    out: dict[str, str] = {}
    period = process.comment_period
    if period is not None:
        if period.method:
            out["VI.2.1"] = period.method
        out["VI.2.2"] = f"{wareki_text(period.start)}から{wareki_text(period.end)}まで（{period.days}日間）"
    opinions = [n for n in notes if n.kind == "意見"]
    if period is not None or opinions:
        if opinions:
            lines = [f"意見の提出：{len(opinions)}件"]
            lines += [f"{i}．{n.text.strip()}" for i, n in enumerate(opinions, 1)]
            out["VI.2.3"] = "\n".join(lines)
            answered = [(i, n) for i, n in enumerate(opinions, 1) if n.answers]
            if answered:
                out["VI.2.hanei"] = "\n".join(f"{i}．{n.answers[-1].text.strip()}" for i, n in answered)
        else:
            out["VI.2.3"] = "意見の提出はなかった。"
    third = process.third_party
    if third is not None:
        out["VI.3.1"] = wareki_text(third.held_on)
        out["VI.3.2"] = f"{third.body}による点検"
        if third.result:
            out["VI.3.3"] = third.result
    return out

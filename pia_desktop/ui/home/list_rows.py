"""What each row of the home list shows, made from the store's summaries in plain Python: the cells, their
sort keys, their tooltips and marks (公表済, 期限超過). No Qt object is made per row: a city's thousand
評価書 become a thousand small records, and the view asks only for the cells it paints."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from pia_desktop.checks.due_dates import DueDates, compute_due_dates, wareki_text
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.fiscal_year import nendo_text
from pia_desktop.domain.form_definition import load_form
from pia_desktop.shared.lineage import group_keys, nendo_of, newer_published
from pia_desktop.storage.listing import Summary

COLUMNS = ("評価書番号", "評価書名", "評価実施機関名", "公表日", "最終更新", "記入率", "状況", "見直しの目安", "再実施の期限", "種類",
           "最後の見直し", "年度")
COL_NAME = 1  # 評価書名: the column that takes the width left over
COL_UPDATED = 4
COL_PERCENT = 5
COL_STATUS = 6
COL_REVIEW_DUE = 7
COL_RERUN_DUE = 8
COL_KIND = 9  # shown first (the view moves it), so the rows of one 事務 read as a group
COL_NENDO = 11  # shown second: "基礎 令和7年度"
DAMAGED = "破損"  # 記入率 of a row that cannot be loaded (its tooltip says why)
PUBLISHED_TIP = "公表済の評価書です（前年度版・比較の基準）。編集できません。「新年度版を作成」で今年度の評価書を作ります"
KIND_SHORT = {"kiso": "基礎", "juten": "重点", "zen": "全項目"}
KIND_RANK = {"kiso": 0, "juten": 1, "zen": 2}


@dataclass
class ListRow:
    """One 評価書 as the list shows it. ``percent`` is filled in after the list shows (``None`` until then)."""

    aid: int
    updated_at: str
    cells: list[str]
    keys: list[object]  # what each column sorts by
    group: str  # the 事務 (shared.lineage.group_keys)
    rank: tuple[int, int, int]  # the order inside the 事務
    next_due: str | None  # the earlier due date (ISO), for 期限が近いもの
    published: bool  # 公表済: the 状況 cell is bold and green
    overdue: set[int] = field(default_factory=set)  # due-date columns whose date has passed
    tips: dict[int, str] = field(default_factory=dict)  # column → tooltip
    folded: str = ""  # every cell folded for the typed filter, made once

    def set_percent(self, percent: int) -> None:
        self.cells[COL_PERCENT] = f"{percent}%"
        self.keys[COL_PERCENT] = percent
        self._fold()

    def mark_damaged(self, message: str) -> None:
        self.cells[COL_PERCENT] = DAMAGED
        self.tips[COL_PERCENT] = message
        self.tips[0] = message
        self._fold()

    def _fold(self) -> None:
        self.folded = fold(" ".join(self.cells))


def fold(text: str) -> str:
    """Full/half width and case ignored (what the typed filter compares)."""
    return unicodedata.normalize("NFKC", text).casefold()


def list_rows(summaries: list[Summary], percents: dict[tuple[int, str], int], today: date) -> list[ListRow]:
    """The rows in the store's order; ``percents`` are the 記入率 already known, by (id, updated_at)."""
    groups = group_keys(summaries)  # a 事務's 評価書 over the years and its copies
    members: dict[str, list[Summary]] = {}
    for s in summaries:
        members.setdefault(groups[s.id], []).append(s)
    newer = newer_published(summaries, groups, today)
    rows = []
    for s in summaries:
        group = members[groups[s.id]]
        first = min(group, key=rank_of) if len(group) > 1 else s
        rows.append(list_row(s, percents.get((s.id, s.updated_at)), group=groups[s.id], linked=first is not s,
                             newer=newer.get(s.id), today=today))
    return rows


def list_row(s: Summary, percent: int | None, *, group: str, linked: bool, newer: int | None, today: date) -> ListRow:
    """``newer``: a later published version of the same 評価書, which its due dates are counted from."""
    last_review = date.fromisoformat(s.last_review) if s.last_review else None
    due = _due_dates(s.published, last_review) if newer is None else None
    review, rerun = (due.review_due, due.rerun_due) if due else (None, None)
    kind = _kind(s.form_id)
    kind_text = KIND_SHORT.get(kind, "")
    cells = [s.number, s.name or "（評価書名未記入）", s.org, s.published, s.updated_at.replace("T", " ")[:16],
             "" if percent is None else f"{percent}%", s.status, wareki_text(review) if review else "",
             wareki_text(rerun) if rerun else "", f"└ {kind_text}" if linked else kind_text,
             f"{wareki_text(last_review)} {s.last_review_result}" if last_review else "", nendo_text(nendo_of(s))]
    keys: list[object] = [_number_key(s.number), s.name, s.org, s.published, s.updated_at, percent if percent is not None else -1,
                          s.status, review.isoformat() if review else "~", rerun.isoformat() if rerun else "~",
                          KIND_RANK.get(kind, 9), s.last_review or "", nendo_of(s) or 0]
    next_due = due.next_due() if due else None
    row = ListRow(s.id, s.updated_at, cells, keys, group, rank_of(s), next_due.isoformat() if next_due else None,
                  s.published_copy)
    if linked:
        row.tips[COL_KIND] = "同じ事務の評価書です（他の年度の版を含む）"
    if s.published_copy:
        row.tips[COL_STATUS] = PUBLISHED_TIP
    if newer is not None:
        for col in (COL_REVIEW_DUE, COL_RERUN_DUE):
            row.tips[col] = f"新しい版（ID {newer}）が公表されています。期限はその版で数えます"
    if s.baseline_id is not None:
        row.tips[COL_NENDO] = f"新年度版（前年度版：ID {s.baseline_id}）"
    for col, when in ((COL_REVIEW_DUE, review), (COL_RERUN_DUE, rerun)):
        if when is not None and when < today:
            row.overdue.add(col)
            row.tips[col] = "期限を過ぎています"
    row._fold()
    return row


def _kind(form_id: str) -> str:
    try:
        return load_form(form_id).roles.kind
    except PiaError:  # a form file that no longer loads: the row still shows
        return ""


def rank_of(s: Summary) -> tuple[int, int, int]:
    """The order inside a 事務: the newest 年度 first, then 基礎, 重点, 全項目, then as added."""
    return (-(nendo_of(s) or 0), KIND_RANK.get(_kind(s.form_id), 9), s.id)


def _due_dates(published: str, last_review: date | None = None) -> DueDates | None:
    """見直し / 再実施 due dates from the 公表日 (the 見直し from the last recorded one when later); none for
    drafts without a 公表日."""
    try:
        return compute_due_dates(published, last_review=last_review) if published else None
    except PiaError:  # a broken forms/rules/timing.yaml must not empty the list
        return None


def _number_key(number: str) -> object:
    """評価書番号 sort numerically when they are numbers."""
    digits = unicodedata.normalize("NFKC", number).replace(",", "").strip()
    return f"{int(digits):012d}" if digits.isdigit() else f"~{number}"

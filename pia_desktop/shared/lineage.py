"""Which rows of the store are one 事務 over the years, and which of its versions count.

A 事務 is held as several rows: its 基礎 and 重点/全項目 (linked by their ``jimu`` key), last year's
published copy and this year's 新年度版 (linked by ``baseline_id``), and copies imported before these
links existed (the same 評価実施機関 and 評価書番号, which the 計画管理書 gives each 事務 once). The
home screen and the portfolio group by ``group_keys``; the portfolio shows each 評価書's latest
version (``latest``) and counts due dates from its latest published one (``latest_published``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date

from pia_desktop.domain.document import PUBLISHED
from pia_desktop.domain.fiscal_year import year_of_text
from pia_desktop.domain.wareki import parse_wareki
from pia_desktop.storage.listing import Summary


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def group_keys(summaries: Iterable[Summary]) -> dict[int, str]:
    """Assessment id → its 事務's key: the first ``jimu`` of the group, else "#" and the group's smallest id."""
    rows = sorted(summaries, key=lambda s: s.id)
    parent = {s.id: s.id for s in rows}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first: dict[tuple[str, str], int] = {}
    for s in rows:
        keys = [("jimu", s.jimu)] if s.jimu else []
        if _fold(s.number) and _fold(s.org):
            keys.append(("number", f"{_fold(s.org)}\t{_fold(s.number)}"))
        for key in keys:
            if key in first:
                union(first[key], s.id)
            else:
                first[key] = s.id
        if s.baseline_id is not None and s.baseline_id in parent:
            union(s.baseline_id, s.id)
    jimu_of_root: dict[int, str] = {}
    for s in rows:
        if s.jimu:
            jimu_of_root.setdefault(find(s.id), s.jimu)
    return {s.id: jimu_of_root.get(find(s.id), f"#{find(s.id)}") for s in rows}


def version_key(s: Summary) -> tuple[int, int]:
    """Newer versions sort later: by 年度 (unknown first), then by the order they were added."""
    return (s.nendo if s.nendo is not None else -1, s.id)


def is_published_version(s: Summary, today: date) -> bool:
    """公表済, or carrying a 公表日 that has come (a 新年度版 published and dated by the clerk)."""
    if s.status == PUBLISHED:
        return True
    parsed = parse_wareki(s.published) if s.published else None
    return parsed is not None and parsed.to_date() <= today


def latest(versions: Iterable[Summary]) -> Summary:
    return max(versions, key=version_key)


def latest_published(versions: Iterable[Summary], today: date) -> Summary | None:
    published = [s for s in versions if is_published_version(s, today)]
    return max(published, key=version_key) if published else None


def nendo_of(s: Summary) -> int | None:
    """The row's 年度, or its 公表日's in an old read-only store that has none."""
    return s.nendo if s.nendo is not None else year_of_text(s.published)


def kind_of(form_id: str) -> str:
    """The form's kind (kiso / juten / zen); "" when the form no longer loads."""
    from pia_desktop.domain.errors import PiaError
    from pia_desktop.domain.form_definition import load_form

    try:
        return load_form(form_id).roles.kind
    except PiaError:  # a form that no longer loads: a 評価書 of its own
        return ""


def newer_published(summaries: Iterable[Summary], groups: dict[int, str], today: date) -> dict[int, int]:
    """Published versions superseded by a later published one of the same 評価書 (事務 and kind) → that one:
    last year's 公表済 copy stops showing (overdue) due dates once this year's is published."""
    versions: dict[tuple[str, str], list[Summary]] = {}
    for s in summaries:
        versions.setdefault((groups[s.id], kind_of(s.form_id) or f"#{s.id}"), []).append(s)
    newer: dict[int, int] = {}
    for group in versions.values():
        newest = latest_published(group, today)
        if newest is not None:
            newer.update({s.id: newest.id for s in group if s.id != newest.id and is_published_version(s, today)
                          and version_key(s) < version_key(newest)})
    return newer

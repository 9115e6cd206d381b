"""What the store lists: an assessment's row (``Summary``: the cover items mirrored into the assessments
table, its 状況, 事務, 年度 and last 見直し) and a saved 版 (``Snapshot``).

Plain records, for ``Store`` and its mixins alike (``Copies`` returns them too).
"""

from __future__ import annotations

from dataclasses import dataclass

from pia_desktop.domain.document import PUBLISHED


@dataclass(frozen=True)
class Summary:
    id: int
    number: str
    name: str
    org: str
    published: str
    status: str
    form_id: str
    created_at: str
    updated_at: str
    baseline_id: int | None
    deleted_at: str | None
    jimu: str | None = None  # the 事務 key shared by the linked 評価書 (基礎 + 重点/全項目); None: not linked
    last_review: str | None = None  # ISO date of the latest recorded 見直し; None: none recorded
    last_review_result: str | None = None  # its result (変更なし / 修正 / 再実施)
    nendo: int | None = None  # 年度 as the Western year it starts in (2025 = 令和7年度: fiscal_year.nendo_text)

    @property
    def published_copy(self) -> bool:
        """公表済: read-only, the baseline of a 新年度版."""
        return self.status == PUBLISHED


@dataclass(frozen=True)
class Snapshot:
    id: int
    assessment_id: int
    name: str
    created_at: str

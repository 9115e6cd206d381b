"""Each 評価書's 点検 summary, kept per revision (computed by ``shared/check_summaries.py``): the home
screen and the portfolio read it instead of loading and checking a thousand documents.

A mixin of ``Store``. The revision is the row's ``updated_at`` (every edit sets it) and its last 見直し;
the key is the caller's (program, rule tables, law in force). The store only keeps and returns them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pia_desktop.storage.codec import _guarded


@dataclass(frozen=True)
class KeptSummary:
    form_id: str
    revision: str  # the row as it is now
    data: dict[str, Any] | None  # what was kept for ``kept_key`` at ``kept_revision``, if anything
    kept_revision: str | None
    kept_key: str | None


class CheckCache:
    db: Any
    _tables: set[str]
    readonly: bool

    @_guarded
    def kept_summary(self, aid: int) -> KeptSummary | None:
        row = self.db.execute(
            "select a.form_id, a.updated_at || '|' || coalesce((select max(reviewed_on) from reviews r"
            " where r.assessment_id = a.id), '') from assessments a where a.id=?", [aid]).fetchone()
        if row is None:
            return None
        kept = None
        if "check_summaries" in self._tables:
            kept = self.db.execute("select revision, key, data from check_summaries where assessment_id=?", [aid]).fetchone()
        data = None
        if kept is not None:
            try:
                data = json.loads(kept[2])
            except ValueError:
                kept = None  # damaged: as if nothing were kept
        return KeptSummary(row[0], row[1], data, kept[0] if kept else None, kept[1] if kept else None)

    @_guarded
    def keep_summary(self, aid: int, revision: str, key: str, data: dict[str, Any]) -> None:
        if self.readonly or "check_summaries" not in self._tables:
            return
        with self._tx() as c:  # type: ignore[attr-defined]
            c.execute("insert or replace into check_summaries (assessment_id, revision, key, data) values (?,?,?,?)",
                      (aid, revision, key, json.dumps(data)))

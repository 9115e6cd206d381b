"""Copies say what they are: 公表済 assessments are read-only, each assessment has its 年度, and a
content fingerprint finds the copies the store already holds (``find_same``).

A mixin of ``Store`` (same file, same transactions), like ``Library``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from pia_desktop.domain.document import PUBLISHED, Document
from pia_desktop.domain.fingerprint import content_fingerprint, fold_text
from pia_desktop.domain.form_definition import load_form
from pia_desktop.storage.codec import StoreError, _decode, _guarded
from pia_desktop.storage.listing import Snapshot, Summary

# What the GUI asks when an edit of a 公表済 評価書 is refused (PublishedError).
ASK_ROLL_FORWARD = "公表済の評価書は編集できません。新年度版を作成しますか？"


class PublishedError(StoreError):
    """An edit of a 公表済 評価書 was refused; nothing was saved."""

    def __init__(self, assessment_id: int, path: Path | str = "") -> None:
        super().__init__(f"評価書 ID {assessment_id} は公表済のため編集できません（保存ファイル {path}）。"
                         "「新年度版を作成」で今年度の評価書を作ってから編集してください。")
        self.assessment_id = assessment_id


class Copies:
    """公表済, 年度 and fingerprints of a ``Store``'s assessments."""

    path: Path
    db: Any
    readonly: bool

    def _tx(self) -> Any:  # the Store's transaction (a context manager yielding the connection)
        raise NotImplementedError

    def _row(self, aid: int) -> dict[str, Any]:
        raise NotImplementedError

    def _summaries(self, where: str, params: tuple[Any, ...] = ()) -> list[Summary]:
        raise NotImplementedError

    def load(self, aid: int) -> Document:
        raise NotImplementedError

    def _has_column(self, table: str, column: str) -> bool:
        """False only in an older store opened read-only (not migrated)."""
        return any(r[1] == column for r in self.db.execute(f"PRAGMA table_info({table})").fetchall())

    # -- 公表済 ----------------------------------------------------------------------------------------

    @_guarded
    def is_published(self, aid: int) -> bool:
        """True for a 公表済 評価書: its answers cannot be changed (edit a 新年度版 of it instead)."""
        return self._row(aid)["status"] == PUBLISHED

    def _refuse_published(self, c: sqlite3.Connection, aid: int) -> None:
        """Inside a write transaction: raise PublishedError (rolling back) if ``aid`` is 公表済."""
        row = c.execute("select status from assessments where id=?", (aid,)).fetchone()
        if row is None:
            raise StoreError(f"評価書 ID {aid} は保存ファイル {self.path} にありません")
        if row[0] == PUBLISHED:
            raise PublishedError(aid, self.path)

    @_guarded
    def summary(self, aid: int) -> Summary:
        """The list row of one assessment (in the trash or not): for the window title and the questions."""
        found = self._summaries("id=?", (aid,))
        if not found:
            raise StoreError(f"評価書 ID {aid} は保存ファイル {self.path} にありません")
        return found[0]

    @_guarded
    def successors(self, aid: int) -> list[Summary]:
        """The 新年度版 made from ``aid`` (its baseline), not in the trash, oldest first: what to offer when a
        公表済 評価書 that already has one is edited."""
        return self._summaries("baseline_id=? and deleted_at is null", (aid,))

    # -- 年度 -----------------------------------------------------------------------------------------

    @_guarded
    def nendo_of(self, aid: int) -> int | None:
        """The 年度 (2025 = 令和7年度; ``fiscal_year.nendo_text`` prints it); None in an old read-only store."""
        value = self._row(aid).get("nendo")
        return int(value) if value is not None else None

    @_guarded
    def set_nendo(self, aid: int, year: int) -> None:
        with self._tx() as c:
            if c.execute("update assessments set nendo=? where id=?", (year, aid)).rowcount != 1:
                raise StoreError(f"評価書 ID {aid} は保存ファイル {self.path} にありません")

    # -- the same 評価書 twice ---------------------------------------------------------------------------

    def _stored_fingerprint(self, aid: int, form_id: str) -> str:
        """The fingerprint from the stored answers (as written: canonical), without loading the document."""
        values = {str(a): _decode(v) for a, v in self.db.execute(
            "select address, value from answers where assessment_id=?", (aid,)).fetchall()}
        return content_fingerprint(Document(form_id=form_id, values=values))

    @_guarded
    def fingerprint_of(self, aid: int) -> str:
        """The content fingerprint (``domain.fingerprint``), computed and kept when it is not known yet."""
        row = self._row(aid)
        if row.get("fingerprint"):
            return str(row["fingerprint"])
        if self.readonly or "fingerprint" not in row:
            return self._stored_fingerprint(aid, str(row["form_id"]))
        with self._tx() as c:  # read and kept in one transaction: no edit can come in between
            fingerprint = self._stored_fingerprint(aid, str(row["form_id"]))
            c.execute("update assessments set fingerprint=? where id=?", (fingerprint, aid))
        return fingerprint

    @_guarded
    def find_same(self, doc: Document, *, exclude: int | None = None) -> list[Summary]:
        """The assessments (not in the trash) whose answers read the same as ``doc``'s — whatever their
        状況, 年度 or where they were imported from; oldest first. ``exclude``: an id to leave out."""
        wanted = content_fingerprint(doc)
        if self.readonly or not self._has_column("assessments", "fingerprint"):
            ids = [s.id for s in self._summaries("deleted_at is null and form_id=?", (doc.form_id,))]
            same = [i for i in ids if self.fingerprint_of(i) == wanted]
        else:
            # Only rows with the same 評価書名 can read the same: those not fingerprinted yet (after the schema-5
            # migration, all of them) are fingerprinted now, the others stay for when they are candidates.
            title = fold_text(str(doc.get(load_form(doc.form_id).roles.title) or ""))
            missing = [int(r[0]) for r in self.db.execute(
                "select id, name from assessments where fingerprint is null and deleted_at is null and form_id=?",
                (doc.form_id,)).fetchall() if fold_text(str(r[1])) == title]
            if missing:
                with self._tx() as c:
                    for aid in missing:
                        c.execute("update assessments set fingerprint=? where id=?", (self._stored_fingerprint(aid, doc.form_id), aid))
            same = [int(r[0]) for r in self.db.execute(
                "select id from assessments where fingerprint=? and deleted_at is null", (wanted,)).fetchall()]
        same = [i for i in same if i != exclude]
        if not same:
            return []
        return self._summaries(f"id in ({','.join('?' * len(same))})", tuple(same))

    @_guarded
    def find_same_versions(self, doc: Document) -> list[tuple[Summary, Snapshot]]:
        """The saved 版 whose answers read the same as ``doc``'s, with their assessment (not in the trash)."""
        if not self._has_column("snapshots", "fingerprint"):
            return []
        wanted = content_fingerprint(doc)
        rows = self.db.execute(
            "select s.id, s.assessment_id, s.name, s.created_at from snapshots s join assessments a on a.id = s.assessment_id"
            " where s.fingerprint=? and a.deleted_at is null order by s.id", (wanted,)).fetchall()
        if not rows:
            return []
        owners = {s.id: s for s in self._summaries(
            f"id in ({','.join('?' * len(rows))})", tuple(int(r[1]) for r in rows))}
        return [(owners[int(r[1])], Snapshot(int(r[0]), int(r[1]), str(r[2]), str(r[3]))) for r in rows if int(r[1]) in owners]

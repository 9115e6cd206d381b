"""The local store: one SQLite file holding assessments, their answers and their snapshots (版).

Every edit is one transaction; once ``set_value`` returns, the edit survives a crash. The UI and
the CLI talk to this class only, never to SQL.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from pia_desktop.domain.conversion import to_data
from pia_desktop.domain.document import PUBLISHED, Document, ThresholdInputs, Value, is_empty
from pia_desktop.domain.exchange import canonical, document_from_data
from pia_desktop.domain.fingerprint import content_fingerprint
from pia_desktop.domain.fiscal_year import derive_nendo, year_of_text
from pia_desktop.domain.form_definition import load_form
from pia_desktop.storage.check_cache import CheckCache
from pia_desktop.storage.codec import (
    StoreError,
    _decode,
    _decode_threshold,
    _encode,
    _encode_threshold,
    _guarded,
    _now,
    check_row,
    decode_row,
)
from pia_desktop.storage.copies import Copies, PublishedError
from pia_desktop.storage.library import FactRow, FactValue, Library, PhraseRow, StoredReview
from pia_desktop.storage.listing import Snapshot, Summary
from pia_desktop.storage.notes import NotesStore
from pia_desktop.storage.opening import StoreFile, readonly_uri
from pia_desktop.storage.schema import schema_problems

__all__ = ["FactRow", "FactValue", "PhraseRow", "PublishedError", "Store", "StoreError", "StoredReview", "new_jimu", "readonly_uri"]

# Cover items mirrored into the assessments table, for the home screen list: column ← role.
SUMMARY_ROLES = {"number": "number", "name": "title", "org": "org", "published": "published"}


def summary_columns(form_id: str) -> dict[str, str]:
    """Address → summary column for the form's cover items (the form's roles say which they are)."""
    roles = load_form(form_id).roles
    return {getattr(roles, role): col for col, role in SUMMARY_ROLES.items()}


def new_jimu() -> str:
    """A fresh key for the 評価書 of one 事務."""
    return uuid.uuid4().hex


class Store(StoreFile, Library, NotesStore, CheckCache, Copies):
    """The store's content: assessments, answers, 版 (and, from its mixins, 見直し, 共通項目, 定型文, the
    指摘 and each 評価書's identity, the kept 点検 summaries, 年度 and fingerprints of copies)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- assessments ----------------------------------------------------------------------------

    @_guarded
    def add_document(self, doc: Document, *, baseline_id: int | None = None, jimu: str | None = None,
                     nendo: int | None = None) -> int:
        """Add ``doc``; ``jimu`` links it with the other 評価書 of the same 事務 (None: not linked). ``nendo``:
        its 年度 (None: from its 公表日 or 評価の実施日, else this year — ``fiscal_year.derive_nendo``)."""
        doc = canonical(doc)
        now = _now()
        if nendo is None:
            nendo = derive_nendo(load_form(doc.form_id), doc)
        with self._tx() as c:
            cur = c.execute(
                "insert into assessments (form_id, status, file_count, repeat_counts, non_public, threshold, created_at,"
                " updated_at, baseline_id, jimu, nendo, fingerprint) values (?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.form_id, doc.status, doc.file_count, json.dumps(doc.repeat_counts, ensure_ascii=False),
                 json.dumps(doc.non_public, ensure_ascii=False), _encode_threshold(doc.threshold), now, now, baseline_id,
                 jimu or None, nendo, content_fingerprint(doc)),
            )
            aid = int(cur.lastrowid or 0)
            c.executemany(
                "insert into answers (assessment_id, address, value) values (?,?,?)",
                [(aid, k, _encode(v)) for k, v in doc.values.items()],
            )
            self._update_summary(c, aid, doc)
            self._put_identity(c, aid, doc.identity)
            c.executemany(
                "insert into reviews (assessment_id, reviewed_on, reviewer, result, note, created_at) values (?,?,?,?,?,?)",
                [(aid, r.reviewed_on.isoformat(), r.reviewer, r.result, r.note, now) for r in doc.reviews],
            )
        return aid

    def _update_summary(self, c: sqlite3.Connection, aid: int, doc: Document) -> None:
        cols = {col: str(doc.values.get(addr, "") or "") for addr, col in summary_columns(doc.form_id).items()}
        c.execute(
            "update assessments set number=?, name=?, org=?, published=? where id=?",
            (cols["number"], cols["name"], cols["org"], cols["published"], aid),
        )
        self._follow_published(c, aid, cols["published"])

    def _follow_published(self, c: sqlite3.Connection, aid: int, published: str) -> None:
        """A 評価書 with a 公表日 belongs to that date's 年度 (a draft without one keeps its planned 年度)."""
        year = year_of_text(published)
        if year is not None:
            c.execute("update assessments set nendo=? where id=?", (year, aid))

    def _row(self, aid: int) -> dict[str, Any]:
        cur = self.db.execute("select * from assessments where id=?", [aid])
        row = cur.fetchone()
        if row is None:
            raise StoreError(f"評価書 ID {aid} は保存ファイル {self.path} にありません")
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    @_guarded
    def load(self, aid: int) -> Document:
        row = self._row(aid)
        answers = self.db.execute("select count(*) from answers where assessment_id=?", [aid]).fetchone()[0]
        repeat_counts, non_public = decode_row(self.path, aid, row, answers)  # bounded before it is read
        values = {addr: _decode(val) for addr, val in self.db.execute(
            "select address, value from answers where assessment_id=?", [aid])}
        doc = Document(
            form_id=row["form_id"],
            status=row["status"],
            file_count=row["file_count"],
            repeat_counts=repeat_counts,
            values=values,
            non_public=non_public,
            threshold=_decode_threshold(row.get("threshold")),  # absent in a read-only schema-1 store
            reviews=[r.record for r in self.reviews(aid)],
            identity=self.identity(aid),
        )
        check_row(self.path, aid, doc)  # a count of 10⁹ in one row must not freeze every start
        return canonical(doc, load_form(doc.form_id))

    @_guarded
    def set_value(self, aid: int, address: str, value: Value | None) -> str:
        """Save one answer; returns the time it was saved."""
        now = _now()
        with self._tx() as c:
            self._refuse_published(c, aid)
            cur = c.execute("update assessments set updated_at=?, fingerprint=null where id=? returning form_id", (now, aid))
            found = cur.fetchone()
            if found is None:
                raise StoreError(f"評価書 ID {aid} は保存ファイル {self.path} にありません")
            if is_empty(value):
                c.execute("delete from answers where assessment_id=? and address=?", (aid, address))
            else:
                assert value is not None
                c.execute(
                    "insert into answers (assessment_id, address, value) values (?,?,?)"
                    " on conflict(assessment_id, address) do update set value=excluded.value",
                    (aid, address, _encode(value)),
                )
            col = summary_columns(found[0]).get(address)
            if col:
                c.execute(f"update assessments set {col}=? where id=?", ("" if value is None else str(value), aid))
                if col == "published":
                    self._follow_published(c, aid, "" if value is None else str(value))
        return now

    @_guarded
    def save_document(self, aid: int, doc: Document) -> str:
        """Replace the stored document with ``doc``, writing only what changed."""
        doc = canonical(doc)
        now = _now()
        with self._tx() as c:
            self._refuse_published(c, aid)
            stored = dict(c.execute("select address, value from answers where assessment_id=?", (aid,)).fetchall())
            wanted = {k: _encode(v) for k, v in doc.values.items()}
            gone = [k for k in stored if k not in wanted]
            c.executemany("delete from answers where assessment_id=? and address=?", [(aid, k) for k in gone])
            c.executemany(
                "insert into answers (assessment_id, address, value) values (?,?,?)"
                " on conflict(assessment_id, address) do update set value=excluded.value",
                [(aid, k, v) for k, v in wanted.items() if stored.get(k) != v],
            )
            c.execute(
                "update assessments set status=?, file_count=?, repeat_counts=?, non_public=?, threshold=?, updated_at=?,"
                " fingerprint=? where id=?",
                (doc.status, doc.file_count, json.dumps(doc.repeat_counts, ensure_ascii=False),
                 json.dumps(doc.non_public, ensure_ascii=False), _encode_threshold(doc.threshold), now, content_fingerprint(doc),
                 aid),
            )
            self._update_summary(c, aid, doc)
        return now

    @_guarded
    def set_threshold(self, aid: int, inputs: ThresholdInputs | None) -> str:
        """Save the しきい値判断 inputs (None removes them); returns the time they were saved."""
        now = _now()
        with self._tx() as c:
            self._refuse_published(c, aid)
            cur = c.execute("update assessments set threshold=?, updated_at=? where id=?", (_encode_threshold(inputs), now, aid))
            if cur.rowcount != 1:
                raise StoreError(f"評価書 ID {aid} は保存ファイル {self.path} にありません")
        return now

    @_guarded
    def set_status(self, aid: int, status: str) -> None:
        """Any 状況, 公表済 included (and back: an import wrongly taken as published is freed this way)."""
        with self._tx() as c:
            c.execute("update assessments set status=?, updated_at=? where id=?", (status, _now(), aid))

    def _has_jimu(self) -> bool:
        """False only for an older store opened read-only (not migrated)."""
        return any(row[1] == "jimu" for row in self.db.execute("PRAGMA table_info(assessments)").fetchall())

    def _summaries(self, where: str, params: tuple[Any, ...] = ()) -> list[Summary]:
        jimu = "jimu" if self._has_jimu() else "null"
        nendo = "nendo" if self._has_column("assessments", "nendo") else "null"
        if "reviews" in self._tables:
            latest = ("(select {col} from reviews r where r.assessment_id=assessments.id"
                      " order by r.reviewed_on desc, r.id desc limit 1)")
            last = f"{latest.format(col='reviewed_on')}, {latest.format(col='result')}"
        else:
            last = "null, null"
        cur = self.db.execute(
            "select id, number, name, org, published, status, form_id, created_at, updated_at, baseline_id, deleted_at,"
            f" {jimu}, {last}, {nendo} from assessments where {where} order by id",
            params,
        )
        return [Summary(*row) for row in cur.fetchall()]

    @_guarded
    def list_assessments(self, *, deleted: bool = False) -> list[Summary]:
        return self._summaries("deleted_at is not null" if deleted else "deleted_at is null")

    @_guarded
    def duplicate(self, aid: int) -> int:
        """A copy to edit into another 評価書: not linked with the original's 事務, an identity of its own, of the
        same 年度, and a draft even when the original is 公表済."""
        doc = self.load(aid).copy(identity=None)
        if doc.status == PUBLISHED:
            doc.status = "作成中"
        return self.add_document(doc, nendo=self.nendo_of(aid))

    # -- the 評価書 of one 事務 ----------------------------------------------------------------------

    @_guarded
    def jimu_of(self, aid: int) -> str | None:
        row = self._row(aid)
        return row.get("jimu") or None

    @_guarded
    def set_jimu(self, aid: int, jimu: str | None) -> None:
        """Link the assessment with the 評価書 of the 事務 ``jimu`` (None unlinks it)."""
        with self._tx() as c:
            cur = c.execute("update assessments set jimu=? where id=?", (jimu or None, aid))
            if cur.rowcount != 1:
                raise StoreError(f"評価書 ID {aid} は保存ファイル {self.path} にありません")

    @_guarded
    def linked(self, aid: int) -> list[Summary]:
        """The 評価書 of the same 事務 (the assessment itself included), not in the trash; [] when not linked."""
        jimu = self.jimu_of(aid)
        if jimu is None:
            return []
        return self._summaries("jimu=? and deleted_at is null", (jimu,))

    @_guarded
    def delete(self, aid: int) -> None:
        """Move to the trash (recoverable with ``undelete``)."""
        with self._tx() as c:
            c.execute("update assessments set deleted_at=? where id=?", (_now(), aid))

    @_guarded
    def undelete(self, aid: int) -> None:
        with self._tx() as c:
            c.execute("update assessments set deleted_at=null where id=?", (aid,))

    @_guarded
    def purge(self, aid: int) -> None:
        with self._tx() as c:
            c.execute("delete from assessments where id=?", (aid,))

    @_guarded
    def baseline_of(self, aid: int) -> int | None:
        value = self._row(aid)["baseline_id"]
        return int(value) if value is not None else None

    # -- snapshots (版) -----------------------------------------------------------------------------

    @_guarded
    def snapshot(self, aid: int, name: str) -> int:
        doc = self.load(aid)
        with self._tx() as c:
            cur = c.execute(
                "insert into snapshots (assessment_id, name, created_at, document, fingerprint) values (?,?,?,?,?)",
                (aid, name, _now(), json.dumps(to_data(doc), ensure_ascii=False), content_fingerprint(doc)),
            )
            return int(cur.lastrowid or 0)

    @_guarded
    def list_snapshots(self, aid: int) -> list[Snapshot]:
        cur = self.db.execute(
            "select id, assessment_id, name, created_at from snapshots where assessment_id=? order by id", [aid])
        return [Snapshot(*row) for row in cur.fetchall()]

    @_guarded
    def load_snapshot(self, sid: int) -> Document:
        row = self.db.execute("select document from snapshots where id=?", [sid]).fetchone()
        if row is None:
            raise StoreError(f"版 ID {sid} は保存ファイルにありません")
        return document_from_data(json.loads(row[0]), f"版 {sid}")

    @_guarded
    def restore_snapshot(self, sid: int) -> int:
        """Restore a 版 into its assessment, first saving the current state as a 版."""
        row = self.db.execute("select assessment_id, name from snapshots where id=?", [sid]).fetchone()
        if row is None:
            raise StoreError(f"版 ID {sid} は保存ファイルにありません")
        aid, name = int(row[0]), str(row[1])
        self.snapshot(aid, f"「{name}」の復元前（自動）")
        self.save_document(aid, self.load_snapshot(sid))
        return aid

    # -- maintenance ------------------------------------------------------------------------------

    @_guarded
    def integrity_check(self) -> list[str]:
        """Problems found by SQLite's integrity_check and foreign_key_check, and tables or columns the store's
        version must have and lacks; empty when sound."""
        rows = [r[0] for r in self.db.execute("PRAGMA integrity_check").fetchall()]
        problems = [r for r in rows if r != "ok"]
        problems += schema_problems(self.db.conn, self.schema_version())
        problems += [f"外部キーの不整合: {r}" for r in self.db.execute("PRAGMA foreign_key_check").fetchall()]
        return problems

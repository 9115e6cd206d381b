"""The store's shared library: 見直し records, 共通項目 (shared facts) and their links, the user's 定型文.

A mixin of ``Store`` (same file, same transactions); kept apart from the assessments themselves.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pia_desktop.domain.conversion import convert
from pia_desktop.domain.document import CheckValue, ReviewRecord, Value
from pia_desktop.storage.codec import StoreError, _decode, _encode, _guarded, _now

FactValue = Value | dict[str, Value]  # a text answer, or a whole entry: {suffix under the entry: answer}


@dataclass(frozen=True)
class StoredReview:
    id: int
    assessment_id: int
    record: ReviewRecord
    created_at: str


@dataclass(frozen=True)
class FactRow:
    """A 共通項目 as stored. ``value`` is None when the stored value cannot be read (``damaged``)."""

    id: int
    name: str
    kind: str  # "text" (one answer) or "entry" (a whole repeated entry: システム, 委託事項 …)
    template: str  # the item (or group) template the fact fits: "IV.1.1", "I.2.system[]"; "" = any text item
    value: FactValue | None
    updated_at: str
    damaged: bool = False


@dataclass(frozen=True)
class PhraseRow:
    id: int
    title: str
    text: str
    tags: str
    created_at: str


def _encode_fact(kind: str, value: FactValue) -> str:
    if kind == "entry":
        if not isinstance(value, dict):
            raise StoreError("まとまり（エントリ）の共通項目の値が正しくありません")
        return json.dumps({k: json.loads(_encode(v)) for k, v in value.items()}, ensure_ascii=False)
    if isinstance(value, dict):
        raise StoreError("共通項目の値が正しくありません")
    return _encode(value)


def _decode_fact(kind: str, text: str) -> FactValue:
    data = json.loads(text)
    if kind == "entry":
        if not isinstance(data, dict):
            raise ValueError("entry value is not an object")
        return {str(k): _decode(json.dumps(v, ensure_ascii=False)) for k, v in data.items()}
    value = _decode(text)
    if not isinstance(value, str | bool | CheckValue):
        raise ValueError("unreadable value")
    return value


class Library:
    """見直し records, 共通項目 and 定型文 of a ``Store``."""

    path: Path
    db: sqlite3.Connection

    def _tx(self) -> Any:  # the Store's transaction (a context manager yielding the connection)
        raise NotImplementedError

    # -- one answer ------------------------------------------------------------------------------------

    @_guarded
    def answer(self, aid: int, address: str) -> Value | None:
        """One saved answer (None when blank), without loading the whole document: the 事務's other
        評価書 are read on every keystroke in a shared item (pia_desktop.shared.set_sharing)."""
        row = self.db.execute("select value from answers where assessment_id=? and address=?", [aid, address]).fetchone()
        return _decode(row[0]) if row else None

    # -- 見直し records --------------------------------------------------------------------------------

    @_guarded
    def reviews(self, aid: int) -> list[StoredReview]:
        """The recorded 見直し of an assessment, oldest first."""
        if "reviews" not in self._tables:
            return []
        cur = self.db.execute(
            "select id, assessment_id, reviewed_on, reviewer, result, note, created_at from reviews where assessment_id=?"
            " order by reviewed_on, id", [aid])
        return [StoredReview(int(r[0]), int(r[1]), _review(r[2], r[3], r[4], r[5]), r[6])
                for r in cur.fetchall()]

    @_guarded
    def add_review(self, aid: int, record: ReviewRecord) -> int:
        """Record a 見直し (nothing else about the assessment changes, not even 最終更新)."""
        with self._tx() as c:
            self._row(aid)
            cur = c.execute(
                "insert into reviews (assessment_id, reviewed_on, reviewer, result, note, created_at) values (?,?,?,?,?,?)",
                (aid, record.reviewed_on.isoformat(), record.reviewer, record.result, record.note, _now()),
            )
            return int(cur.lastrowid or 0)

    @_guarded
    def delete_review(self, review_id: int) -> None:
        with self._tx() as c:
            c.execute("delete from reviews where id=?", (review_id,))

    # -- 共通項目 (shared facts) and their links ----------------------------------------------------------

    def _fact(self, row: tuple[Any, ...]) -> FactRow:
        fid, name, kind, template, text, updated = row
        try:
            value: FactValue | None = _decode_fact(kind, text)
        except (ValueError, TypeError, KeyError):
            return FactRow(int(fid), str(name), str(kind), str(template), None, str(updated), damaged=True)
        return FactRow(int(fid), str(name), str(kind), str(template), value, str(updated))

    @_guarded
    def facts(self) -> list[FactRow]:
        if "shared_facts" not in self._tables:
            return []
        cur = self.db.execute("select id, name, kind, template, value, updated_at from shared_facts order by name, id")
        return [self._fact(r) for r in cur.fetchall()]

    @_guarded
    def fact(self, fid: int) -> FactRow | None:
        """The fact, or None when it does not exist (any more)."""
        if "shared_facts" not in self._tables:
            return None
        row = self.db.execute("select id, name, kind, template, value, updated_at from shared_facts where id=?", [fid]).fetchone()
        return self._fact(row) if row else None

    @_guarded
    def add_fact(self, name: str, value: FactValue, *, kind: str = "text", template: str = "") -> int:
        if kind not in ("text", "entry"):
            raise StoreError(f"共通項目の種類が正しくありません: {kind}")
        now = _now()
        with self._tx() as c:
            cur = c.execute(
                "insert into shared_facts (name, kind, template, value, created_at, updated_at) values (?,?,?,?,?,?)",
                (name, kind, template, _encode_fact(kind, value), now, now),
            )
            return int(cur.lastrowid or 0)

    @_guarded
    def update_fact(self, fid: int, *, value: FactValue | None = None, name: str | None = None) -> None:
        with self._tx() as c:
            row = c.execute("select kind from shared_facts where id=?", (fid,)).fetchone()
            if row is None:
                raise StoreError(f"共通項目 ID {fid} は保存ファイルにありません")
            if value is not None:
                c.execute("update shared_facts set value=?, updated_at=? where id=?", (_encode_fact(row[0], value), _now(), fid))
            if name is not None:
                c.execute("update shared_facts set name=?, updated_at=? where id=?", (name, _now(), fid))

    @_guarded
    def delete_fact(self, fid: int) -> None:
        """Remove the fact and its links; the answers of the linked items stay as they are."""
        with self._tx() as c:
            c.execute("delete from shared_facts where id=?", (fid,))

    @_guarded
    def link(self, aid: int, address: str, fid: int) -> None:
        """Link the item (or entry) at ``address`` to the fact (replacing an earlier link there)."""
        with self._tx() as c:
            self._row(aid)
            if c.execute("select 1 from shared_facts where id=?", (fid,)).fetchone() is None:
                raise StoreError(f"共通項目 ID {fid} は保存ファイルにありません")
            c.execute(
                "insert into shared_links (assessment_id, address, fact_id) values (?,?,?)"
                " on conflict(assessment_id, address) do update set fact_id=excluded.fact_id",
                (aid, address, fid),
            )

    @_guarded
    def unlink(self, aid: int, address: str) -> None:
        """Forget the link; the item keeps its value."""
        with self._tx() as c:
            c.execute("delete from shared_links where assessment_id=? and address=?", (aid, address))

    @_guarded
    def links_of(self, aid: int) -> dict[str, int]:
        """Address → fact id of the assessment's linked items."""
        if "shared_links" not in self._tables:
            return {}
        cur = self.db.execute("select address, fact_id from shared_links where assessment_id=? order by address", [aid])
        return {str(a): int(f) for a, f in cur.fetchall()}

    @_guarded
    def usages(self, fid: int) -> list[tuple[int, str]]:
        """(assessment id, address) of every linked item of the fact, assessments in the trash left out, and
        公表済 ones too: they stay as published (a change of the fact reaches their 新年度版, not them)."""
        if "shared_links" not in self._tables:
            return []
        cur = self.db.execute(
            "select l.assessment_id, l.address from shared_links l join assessments a on a.id = l.assessment_id"
            " where l.fact_id=? and a.deleted_at is null and a.status != '公表済' order by l.assessment_id, l.address", [fid])
        return [(int(a), str(addr)) for a, addr in cur.fetchall()]

    # -- the user's 定型文 ---------------------------------------------------------------------------------

    @_guarded
    def phrases(self) -> list[PhraseRow]:
        if "phrases" not in self._tables:
            return []
        cur = self.db.execute("select id, title, text, tags, created_at from phrases order by id")
        return [PhraseRow(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in cur.fetchall()]

    @_guarded
    def add_phrase(self, title: str, text: str, tags: str = "") -> int:
        with self._tx() as c:
            cur = c.execute("insert into phrases (title, text, tags, created_at) values (?,?,?,?)", (title, text, tags, _now()))
            return int(cur.lastrowid or 0)

    @_guarded
    def delete_phrase(self, pid: int) -> None:
        with self._tx() as c:
            c.execute("delete from phrases where id=?", (pid,))


def _review(reviewed_on: str, reviewer: str, result: str, note: str) -> ReviewRecord:
    # converted, not constructed: the day is stored as ISO text, and a damaged row raises (→ StoreError)
    return convert({"reviewed_on": reviewed_on, "reviewer": reviewer, "result": result, "note": note}, ReviewRecord)

"""The store's 指摘と回答: each 評価書's identity, the notes on its items, a 全項目's review procedure.

A mixin of ``Store`` (same file, same transactions). Notes live beside the answers, not in them: saving a
版, restoring one, exporting or printing the 評価書 never touches them.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from pia_desktop.domain.conversion import ConversionError, convert, to_data
from pia_desktop.domain.document import Identity
from pia_desktop.notes.merge import StoredNote
from pia_desktop.notes.model import Note
from pia_desktop.notes.process import ReviewProcess
from pia_desktop.storage.codec import StoreError, _guarded


def new_identity(uid: str | None = None) -> Identity:
    return Identity(uid=uid or uuid.uuid4().hex, version=uuid.uuid4().hex)


class NotesStore:
    """Mixed into Store: ``self.db``, ``self._tx`` and ``self._tables`` come from it."""

    db: Any
    _tables: set[str]

    # -- identity ------------------------------------------------------------------------------------

    def _put_identity(self, c: Any, aid: int, identity: Identity | None) -> Identity:
        identity = identity or new_identity()
        c.execute("insert or replace into identities (assessment_id, uid, version) values (?,?,?)",
                  (aid, identity.uid, identity.version))
        return identity

    @_guarded
    def identity(self, aid: int) -> Identity | None:
        """The 評価書's identity; one made before identities existed gets one now (None when read-only)."""
        if "identities" not in self._tables:
            return None
        row = self.db.execute("select uid, version from identities where assessment_id=?", [aid]).fetchone()
        if row is not None:
            return Identity(uid=row[0], version=row[1])
        if getattr(self, "readonly", False):
            return None
        with self._tx() as c:  # type: ignore[attr-defined]
            return self._put_identity(c, aid, None)

    @_guarded
    def set_identity(self, aid: int, identity: Identity) -> None:
        with self._tx() as c:  # type: ignore[attr-defined]
            self._put_identity(c, aid, identity)

    def _with_identity(self, column: str, value: str) -> list[int]:
        """The assessments (not in the trash) whose identity has ``value`` in ``column``, newest first."""
        if "identities" not in self._tables:
            return []
        rows = self.db.execute(
            "select i.assessment_id from identities i join assessments a on a.id = i.assessment_id"
            f" where i.{column}=? and a.deleted_at is null order by i.assessment_id desc", [value])
        return [int(r[0]) for r in rows]

    @_guarded
    def find_by_version(self, version: str) -> list[int]:
        """This year's 評価書 with this identity (the one a notes file is about)."""
        return self._with_identity("version", version)

    @_guarded
    def find_by_uid(self, uid: str) -> list[int]:
        """Every year's version of the 評価書 with this identity."""
        return self._with_identity("uid", uid)

    # -- notes ---------------------------------------------------------------------------------------

    @_guarded
    def notes(self, aid: int) -> list[StoredNote]:
        """The notes of an assessment, oldest first. A row that cannot be read is skipped, not fatal."""
        if "notes" not in self._tables:
            return []
        out = []
        for data, conflicts, reported in self.db.execute(
                "select data, conflicts, reported from notes where assessment_id=? order by updated_at, note_id", [aid]):
            try:
                note = convert(json.loads(data), Note)
                others = [convert(x, Note) for x in json.loads(conflicts)]
            except (ValueError, ConversionError):
                continue
            out.append(StoredNote(note, others, reported))
        return sorted(out, key=lambda s: (s.note.at, s.note.id))

    @_guarded
    def note(self, aid: int, note_id: str) -> StoredNote:
        found = [s for s in self.notes(aid) if s.note.id == note_id or s.note.id.startswith(note_id)]
        if len(found) != 1:
            raise StoreError(f"指摘 {note_id} は評価書 ID {aid} に{'ありません' if not found else '複数あります（もっと長く指定してください）'}")
        return found[0]

    def _put_note(self, c: Any, aid: int, stored: StoredNote) -> None:
        n = stored.note
        c.execute(
            "insert or replace into notes (assessment_id, note_id, item, state, data, conflicts, reported, updated_at)"
            " values (?,?,?,?,?,?,?,?)",
            (aid, n.id, n.item, n.state, json.dumps(to_data(n), ensure_ascii=False),
             json.dumps([to_data(x) for x in stored.conflicts], ensure_ascii=False), stored.reported, n.updated_at),
        )

    @_guarded
    def put_notes(self, aid: int, notes: list[StoredNote]) -> None:
        """Save these notes (new or changed) in one transaction."""
        self._row(aid)  # type: ignore[attr-defined]  # refuses an id the store does not hold
        with self._tx() as c:  # type: ignore[attr-defined]
            for stored in notes:
                self._put_note(c, aid, stored)

    # -- 意見の聴取 and 第三者点検 ----------------------------------------------------------------------

    @_guarded
    def review_process(self, aid: int) -> ReviewProcess:
        if "review_process" not in self._tables:
            return ReviewProcess()
        row = self.db.execute("select data from review_process where assessment_id=?", [aid]).fetchone()
        if row is None:
            return ReviewProcess()
        try:
            return convert(json.loads(row[0]), ReviewProcess)
        except (ValueError, ConversionError):
            return ReviewProcess()

    @_guarded
    def set_review_process(self, aid: int, process: ReviewProcess) -> None:
        self._row(aid)  # type: ignore[attr-defined]
        with self._tx() as c:  # type: ignore[attr-defined]
            c.execute("insert or replace into review_process (assessment_id, data) values (?,?)",
                      (aid, json.dumps(to_data(process), ensure_ascii=False)))

"""Opening a store file safely: a database that is not ours is refused before anything is written into it; a
store whose folder or file cannot be written, or whose disk is full, is opened read-only and says why; a damaged
store is not written into (SQLite's quick_check before the first write of a session)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import sqlite_utils

from pia_desktop.domain.errors import PiaError
from pia_desktop.paths import is_network_path
from pia_desktop.storage.codec import _DAMAGE, _guarded
from pia_desktop.storage.errors import (
    StoreDamagedError,
    StoreError,
    StoreFullError,
    StoreReadOnlyError,
    classify,
    file_writable,
    foreign_error,
    full_error,
    readonly_error,
)
from pia_desktop.storage.schema import SCHEMA_VERSION, foreign_reason, migrate


def readonly_uri(path: Path, *, immutable: bool = False) -> str:
    """A ``file:`` URI opening ``path`` read-only ("?", "#" and "%" in a folder name escaped)."""
    from urllib.parse import quote

    escaped = quote(str(path), safe="/\\:")
    return f"file:{escaped}?mode=ro" + ("&immutable=1" if immutable else "")


class StoreFile:
    """``readonly``: asked for. A store whose file or folder cannot be written, or whose disk is full, is opened
    read-only as well, and ``readonly_reason`` says why (for the window's notice); every write then raises the
    same kind of error (StoreReadOnlyError or StoreFullError)."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.readonly_reason = ""
        self._readonly_kind: type[StoreError] = StoreReadOnlyError
        self._verified = False  # the quick integrity check runs before the first write of the session
        self._checker: _Checker | None = None
        try:
            if readonly:
                self._open_readonly()
            else:
                try:
                    self._open_writable()
                except (StoreReadOnlyError, StoreFullError) as exc:
                    self._close_quietly()
                    if not self.path.exists() or self.path.stat().st_size == 0:
                        raise
                    full = isinstance(exc, StoreFullError)
                    reason = (full_error if full else readonly_error)(self.path, opened_readonly=True)
                    self.readonly, self.readonly_reason, self._readonly_kind = True, reason.message, type(reason)
                    self._open_readonly()
            self._check_version()
            self._tables = set(self.db.table_names())  # an older store opened read-only lacks the newer ones
        except PiaError:
            self._close_quietly()
            raise
        except (*_DAMAGE, OSError) as exc:
            self._close_quietly()
            raise classify(exc, self.path) from exc

    def _connect(self, uri: str, *, as_uri: bool) -> None:
        conn = sqlite3.connect(uri, uri=as_uri, isolation_level=None, timeout=10, check_same_thread=False)
        self.db = sqlite_utils.Database(conn)

    def _refuse_foreign(self) -> None:
        try:
            reason = foreign_reason(self.db.conn)
        except _DAMAGE as exc:
            raise classify(exc, self.path) from exc
        if reason:
            raise foreign_error(self.path, reason)

    def _open_writable(self) -> None:
        if not file_writable(self.path):  # a read-only file of a WAL store opens and reads: say so before an edit
            raise readonly_error(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connect(str(self.path), as_uri=False)
            self._refuse_foreign()  # before the first write (journal mode, tables) into someone else's database
            self._configure()
            if 0 < self.schema_version() < SCHEMA_VERSION:
                self.verify_before_write()  # a migration writes: not into a damaged file
            migrate(self.db)
        except (*_DAMAGE, OSError) as exc:
            raise classify(exc, self.path) from exc

    def _open_readonly(self) -> None:
        if not self.path.exists():
            raise StoreError(f"保存ファイル {self.path} が見つかりません")
        try:
            self._connect(readonly_uri(self.path), as_uri=True)
            self._refuse_foreign()
        except StoreError as exc:
            if not (isinstance(exc, StoreReadOnlyError | StoreFullError) or "開けません" in exc.message):
                raise
            # A WAL store in a folder nobody may write to, or on a full disk: the shared-memory file cannot be
            # made. Nothing can change it there, so read it as it is.
            self._close_quietly()
            self._connect(readonly_uri(self.path, immutable=True), as_uri=True)
            self._refuse_foreign()
        self._configure()

    def _close_quietly(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            with suppress(sqlite3.Error):
                db.conn.close()

    def _configure(self) -> None:
        c = self.db.conn
        if not self.readonly:
            # WAL breaks on network shares (no shared memory there): use the rollback journal.
            mode = "delete" if is_network_path(self.path) else "wal"
            c.execute(f"PRAGMA journal_mode={mode}")
        c.execute("PRAGMA synchronous=FULL")
        c.execute("PRAGMA foreign_keys=ON")
        c.execute("PRAGMA busy_timeout=10000")

    def verify_before_write(self) -> None:
        """SQLite's quick_check, once a session, before anything is written: a damaged store is not written
        into (that could spread the damage, and "追加しました" would be untrue). Raises StoreDamagedError."""
        if self._verified:
            return
        rows = self._checker.result() if self._checker is not None else None
        self._checker = None
        if rows is None:
            try:
                rows = [str(r[0]) for r in self.db.execute("PRAGMA quick_check(20)").fetchall()]
            except _DAMAGE as exc:
                raise classify(exc, self.path) from exc
        if rows != ["ok"]:
            raise StoreDamagedError(
                f"保存ファイル {self.path} は壊れている可能性があるため、書き込みませんでした（{'; '.join(rows[:3])}）。"
                "「pia-desktop store check」で確認し、バックアップから復元してください。"
            )
        self._verified = True

    def _check_version(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"保存ファイル {self.path} は新しい版の PIA Desktop（データ形式 {version}）で作成されています。"
                f"この版（データ形式 {SCHEMA_VERSION}）では開けません。アプリケーションを更新してください。"
            )

    @_guarded
    def schema_version(self) -> int:
        if "meta" not in self.db.table_names():
            return 0
        row = self.db.execute("select value from meta where key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def verify_in_background(self) -> None:
        """Start the quick check now, in a worker thread on its own read-only connection, so that the first edit
        of the session does not wait for all of it (~1 s on a 700 MB store; see benchmarks/bench_store_check.py).
        ``verify_before_write`` then waits for what is left, and uses its answer."""
        if not (self._verified or self.readonly or self._checker is not None):
            self._checker = _Checker(self.path)

    def close(self) -> None:
        if self._checker is not None:
            self._checker.stop()
            self._checker = None
        self.db.conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise self._readonly_kind(self.readonly_reason or f"保存ファイル {self.path} は読み取り専用で開かれています")
        self.verify_before_write()
        c = self.db.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            yield c
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:  # after a failed COMMIT (a full disk) SQLite may have rolled back already
                c.execute("ROLLBACK")
            raise


class _Checker:
    """SQLite's quick_check of a store file, in a daemon thread with its own read-only connection."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._rows: list[str] | None = None
        self._conn: sqlite3.Connection | None = None
        self._thread = threading.Thread(target=self._run, name="pia-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._conn = sqlite3.connect(readonly_uri(self._path), uri=True, check_same_thread=False)
            try:
                self._rows = [str(r[0]) for r in self._conn.execute("PRAGMA quick_check(20)").fetchall()]
            finally:
                self._conn.close()
        except sqlite3.Error:
            self._rows = None  # interrupted or unreadable: the caller checks on its own connection

    def result(self) -> list[str] | None:
        """The check's rows (["ok"] when sound), or None when it could not run here."""
        self._thread.join()
        return self._rows

    def stop(self) -> None:
        conn = self._conn
        if conn is not None and self._thread.is_alive():
            with suppress(sqlite3.Error):
                conn.interrupt()
        self._thread.join()

"""Store errors named for what they are — full disk, read-only file or folder, damaged, foreign — with advice that
fits (never "restore from a backup" for a full disk or a read-only store); nothing written into a database that is
not ours; backups that never leave a partial file.

The full and read-only disks are simulated (an OSError / SQLite error raised where the disk would raise it) and,
when the tests run as root, also made real with a small tmpfs mount."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.domain.document import Document
from pia_desktop.storage import backup as backupmod
from pia_desktop.storage.backup import daily_backup, list_backups, restore_backup
from pia_desktop.storage.errors import (
    StoreDamagedError,
    StoreError,
    StoreForeignError,
    StoreFullError,
    StoreReadOnlyError,
    classify,
)
from pia_desktop.storage.lock import lock_path
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path

RESTORE_ADVICE = "バックアップから"


def _store(path: Path, name: str = "最初") -> int:
    doc = Document(form_id="yoshiki3-r0610")
    doc.set("cover.hyokasho_mei", name)
    with Store(path) as store:
        return store.add_document(doc)


def _foreign(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("create table customers (id integer primary key, name text)")
    conn.execute("insert into customers (name) values ('山田')")
    conn.commit()
    conn.close()
    return path.read_bytes()


class _FailingConn:
    """A connection whose writes fail as SQLite fails them on a full disk (reads pass through)."""

    def __init__(self, conn: sqlite3.Connection, error: Exception) -> None:
        self._conn, self._error = conn, error

    def execute(self, sql: str, *args: object) -> object:
        if sql.lstrip().lower().startswith(("insert", "update", "delete", "commit")):
            raise self._error
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


# -- classification ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), StoreFullError),
        (sqlite3.OperationalError("database or disk is full"), StoreFullError),
        (sqlite3.OperationalError("attempt to write a readonly database"), StoreReadOnlyError),
        (OSError(errno.EROFS, "Read-only file system"), StoreReadOnlyError),
        (PermissionError(errno.EACCES, "Permission denied"), StoreReadOnlyError),
        (sqlite3.DatabaseError("database disk image is malformed"), StoreDamagedError),
        (sqlite3.DatabaseError("file is not a database"), StoreForeignError),
    ],
)
def test_errors_are_named_for_what_they_are(tmp_path: Path, exc: Exception, kind: type) -> None:
    err = classify(exc, tmp_path / "s.sqlite3")
    assert type(err) is kind and "s.sqlite3" in err.message
    if kind in (StoreFullError, StoreReadOnlyError):
        assert RESTORE_ADVICE not in err.message and "失われていません" in err.message


@pytest.mark.parametrize("error", [sqlite3.OperationalError("database or disk is full"),
                                   sqlite3.OperationalError("attempt to write a readonly database")])
def test_a_failed_write_keeps_the_store_usable_and_says_why(tmp_path: Path, error: Exception) -> None:
    path = tmp_path / "s.sqlite3"
    aid = _store(path)
    with Store(path) as store:
        real = store.db.conn
        store.db.conn = _FailingConn(real, error)  # type: ignore[assignment]
        with pytest.raises(StoreError) as exc:
            store.set_value(aid, "cover.hyokasho_mei", "変更")
        assert RESTORE_ADVICE not in exc.value.message
        assert isinstance(exc.value, StoreFullError | StoreReadOnlyError)
        store.db.conn = real  # the space is freed: the next edit goes through (no transaction left open)
        assert not real.in_transaction
        store.set_value(aid, "cover.hyokasho_mei", "変更")
    with Store(path) as store:
        assert store.load(aid).get("cover.hyokasho_mei") == "変更"


# -- foreign, damaged, wrong schema --------------------------------------------------------------------


def test_a_foreign_database_is_refused_before_any_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "other-app.db"
    before = _foreign(path)
    backup = tmp_path / "b" / "s-2026-01-01.sqlite3"
    backup.parent.mkdir()
    _store(backup)
    for args in (["store", "list"], ["store", "check"], ["store", "add", str(fixture_path("seed-003"))],
                 ["store", "portfolio", str(tmp_path / "list.csv")], ["store", "backups"], ["store", "restore", str(backup)]):
        assert main([*args, "--store", str(path)]) == 2
        err = capsys.readouterr().err
        assert "PIA Desktop の保存ファイルではありません" in err and "customers" in err and "Traceback" not in err
    with pytest.raises(StoreForeignError):
        Store(path)
    assert path.read_bytes() == before  # not even the journal mode changed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "other-app.db"]  # no lock, -wal, backups or list


def test_a_file_that_is_not_a_database_is_named_so(tmp_path: Path) -> None:
    path = tmp_path / "document.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    with pytest.raises(StoreForeignError, match="SQLite のデータベースではありません"):
        Store(path)
    assert path.read_bytes().startswith(b"%PDF")


def test_store_check_reports_a_wrong_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.sqlite3"
    _store(path)
    conn = sqlite3.connect(path)
    conn.execute("drop table phrases")
    conn.execute("alter table reviews drop column note")
    conn.commit()
    conn.close()
    assert main(["store", "check", "--store", str(path)]) == 1
    out = capsys.readouterr().out
    assert "表 phrases がありません" in out and "表 reviews に列 note がありません" in out
    assert "問題はありません" not in out


def _damage_an_index(path: Path) -> None:
    """Two indexes made to share one b-tree: quick_check fails, reading the assessments still works."""
    conn = sqlite3.connect(path, isolation_level=None)
    root = conn.execute("select rootpage from sqlite_master where name='reviews_by_assessment'").fetchone()[0]
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("update sqlite_master set rootpage=? where name='snapshots_by_assessment'", (root,))
    conn.close()


def test_no_write_into_a_store_that_fails_its_quick_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.sqlite3"
    _store(path)
    _damage_an_index(path)
    before = path.read_bytes()
    assert main(["store", "list", "--store", str(path)]) == 0  # reading still works
    capsys.readouterr()
    assert main(["store", "add", str(fixture_path("seed-003")), "--store", str(path)]) == 2
    captured = capsys.readouterr()
    assert "壊れている可能性" in captured.err and "追加しました" not in captured.out
    with Store(path) as store:
        assert [s.id for s in store.list_assessments()] == [1]
        with pytest.raises(StoreDamagedError):
            store.set_value(1, "cover.hyokasho_mei", "x")
    assert path.read_bytes() == before
    assert main(["store", "check", "--store", str(path)]) == 1


# -- read-only folder ----------------------------------------------------------------------------------


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (root only): a real full disk, and a real read-only folder after ``remount,ro``."""
    if not _can_mount():
        pytest.skip("mounting a tmpfs needs root")
    where = tmp_path / "mnt"
    where.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)], capture_output=True).returncode:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _remount(where: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(where)], check=True)


def test_read_only_folder_opens_read_only_and_lists(tmpfs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmpfs / "s.sqlite3"
    _store(path)
    _remount(tmpfs, "ro")
    try:
        with Store(path) as store:  # asked for writing: opened read-only, and says why
            assert store.readonly and "読み取り専用" in store.readonly_reason
            assert store.load(1).get("cover.hyokasho_mei") == "最初"
            with pytest.raises(StoreReadOnlyError) as exc:
                store.set_value(1, "cover.hyokasho_mei", "x")
            assert RESTORE_ADVICE not in exc.value.message
        assert main(["store", "list", "--store", str(path)]) == 0
        assert "最初" in capsys.readouterr().out
        for args in (["store", "add", str(fixture_path("seed-003"))], ["store", "backups"]):
            assert main([*args, "--store", str(path)]) == 2
            err = capsys.readouterr().err
            assert "書き込めない" in err or "書き込めません" in err
            assert RESTORE_ADVICE not in err and "Traceback" not in err
    finally:
        _remount(tmpfs, "rw")


def test_a_real_full_disk(tmpfs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmpfs / "s.sqlite3"
    aid = _store(path)
    filler = tmpfs / "filler"
    with filler.open("wb") as fh, pytest.raises(OSError):
        while True:
            fh.write(b"\0" * 65536)
            fh.flush()
    with Store(path) as store:  # the disk filled up since the last session: opened read-only, and said why
        assert store.readonly and "いっぱい" in store.readonly_reason
        assert store.load(aid).get("cover.hyokasho_mei") == "最初"
        with pytest.raises(StoreFullError):
            store.set_value(aid, "cover.hyokasho_mei", "x")
    filler.unlink()
    with Store(path) as store:  # the disk fills up during the session
        assert not store.readonly
        with filler.open("wb") as fh, pytest.raises(OSError):
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        with pytest.raises(StoreError) as exc:
            for i in range(200):  # until a page is needed that the disk does not have
                store.set_value(aid, f"I.1.{i}", "長い記載" * 2000)
        assert isinstance(exc.value, StoreFullError) and RESTORE_ADVICE not in exc.value.message
    assert main(["store", "backups", "--store", str(path)]) == 2
    assert "いっぱい" in capsys.readouterr().err
    assert not list(tmpfs.rglob("*.partial")) and not lock_path(path).exists()
    filler.unlink()
    with Store(path) as store:
        assert store.integrity_check() == [] and store.load(aid).get("cover.hyokasho_mei") == "最初"


# -- backups --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"),
                                   sqlite3.OperationalError("database or disk is full")])
def test_a_backup_on_a_full_disk_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str], error: Exception) -> None:
    path = tmp_path / "s.sqlite3"
    _store(path)
    real_connect = sqlite3.connect

    class Half:
        """The target connection: a few bytes are written, then the disk is full."""

        def __init__(self, target: str) -> None:
            Path(target).write_bytes(b"SQLite format 3\0" + b"\0" * 100)
            self.conn = real_connect(":memory:")

        def close(self) -> None:
            self.conn.close()

    class Source:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn

        def backup(self, target: object, **_k: object) -> None:
            raise error

        def execute(self, *a: object) -> object:
            return self.conn.execute(*a)  # type: ignore[arg-type]

        def close(self) -> None:
            self.conn.close()

    monkeypatch.setattr(backupmod.sqlite3, "connect",
                        lambda t, *a, **k: Half(str(t)) if str(t).endswith(".partial") else Source(real_connect(t, *a, **k)))
    with pytest.raises(StoreFullError, match="いっぱい"):
        daily_backup(path)
    assert not list(tmp_path.rglob("*.partial")) and list_backups(path) == []
    assert main(["store", "backups", "--store", str(path)]) == 2
    err = capsys.readouterr().err
    assert "いっぱい" in err and "Traceback" not in err and RESTORE_ADVICE not in err


def test_a_read_only_backup_folder_gives_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.sqlite3"
    _store(path)

    def refuse(self: Path, *a: object, **k: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(backupmod.Path, "mkdir", refuse)
    assert main(["store", "backups", "--store", str(path)]) == 2
    err = capsys.readouterr().err
    assert "書き込めない" in err and "Traceback" not in err


def test_restore_refuses_a_backup_that_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    _store(path)
    other = tmp_path / "other.sqlite3"
    _foreign(other)
    with pytest.raises(StoreError, match="PIA Desktop の保存ファイルではない"):
        restore_backup(other, path)
    with Store(path) as store:
        assert store.load(1).get("cover.hyokasho_mei") == "最初"


def test_the_quick_check_can_run_in_the_background(tmp_path: Path) -> None:
    sound, damaged = tmp_path / "sound.sqlite3", tmp_path / "damaged.sqlite3"
    _store(sound)
    _store(damaged)
    _damage_an_index(damaged)
    with Store(sound) as store:
        store.verify_in_background()
        store.set_value(1, "cover.hyokasho_mei", "変更")  # waits for the check, then writes
        assert store.load(1).get("cover.hyokasho_mei") == "変更"
    with Store(damaged) as store:
        store.verify_in_background()
        with pytest.raises(StoreDamagedError, match="壊れている可能性"):
            store.set_value(1, "cover.hyokasho_mei", "変更")
    with Store(sound) as store:
        store.verify_in_background()  # closed before the check is used: stops cleanly


def test_a_read_only_store_file_in_a_writable_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The file itself read-only (a read-only bind mount of it: root only, as root ignores file permissions)."""
    if not _can_mount():
        pytest.skip("a read-only bind mount needs root")
    path = tmp_path / "s.sqlite3"
    _store(path)
    if subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True).returncode:
        pytest.skip("bind mounts are not available here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], check=True)
        assert main(["store", "list", "--store", str(path)]) == 0
        assert "最初" in capsys.readouterr().out
        assert main(["store", "add", str(fixture_path("seed-003")), "--store", str(path)]) == 2
        err = capsys.readouterr().err
        assert "s.sqlite3 が読み取り専用です" in err and RESTORE_ADVICE not in err
        with Store(path) as store:
            assert store.readonly and "読み取り専用で開きました" in store.readonly_reason
    finally:
        subprocess.run(["umount", str(path)], capture_output=True)
    assert not lock_path(path).exists()

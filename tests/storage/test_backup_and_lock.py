"""Daily rotating backups with restore, and the lock that keeps two editors off one store."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.storage.backup import KEEP_DAYS, daily_backup, list_backups, restore_backup
from pia_desktop.storage.lock import LockInfo, StoreLock, StoreLocked, is_stale, lock_path, read_lock
from pia_desktop.storage.store import Store, StoreError


def _store(tmp_path: Path, form: FormDefinition, name: str = "最初") -> tuple[Path, int]:
    path = tmp_path / "s.sqlite3"
    doc = Document(form_id=form.form_id)
    doc.set("cover.hyokasho_mei", name)
    with Store(path) as store:
        aid = store.add_document(doc)
    return path, aid


def test_one_backup_a_day_and_only_the_last_ten_days_kept(tmp_path: Path, form: FormDefinition) -> None:
    path, _ = _store(tmp_path, form)
    start = date(2026, 1, 1)
    for i in range(14):
        assert daily_backup(path, start + timedelta(days=i)) is not None
    assert daily_backup(path, start + timedelta(days=13)) is None  # already taken today
    days = [b.day for b in list_backups(path)]
    assert len(days) == KEEP_DAYS
    assert days[0] == start + timedelta(days=13) and days[-1] == start + timedelta(days=4)


def test_backup_taken_while_the_store_is_open_restores(tmp_path: Path, form: FormDefinition) -> None:
    path, aid = _store(tmp_path, form)
    with Store(path) as store:
        made = daily_backup(path)
        assert made is not None
        store.set_value(aid, "cover.hyokasho_mei", "後で変えた名前")
    safety = restore_backup(made, path)
    with Store(path) as store:
        assert store.load(aid).get("cover.hyokasho_mei") == "最初"
        assert store.integrity_check() == []
    with Store(safety) as copy:
        assert copy.load(aid).get("cover.hyokasho_mei") == "後で変えた名前"
    assert any(b.label == "復元前" for b in list_backups(path))


def test_a_damaged_backup_is_refused_and_the_store_untouched(tmp_path: Path, form: FormDefinition) -> None:
    path, aid = _store(tmp_path, form)
    made = daily_backup(path)
    assert made is not None
    data = bytearray(made.read_bytes())
    data[100:4000] = b"\x00" * 3900
    made.write_bytes(bytes(data))
    with pytest.raises(StoreError):
        restore_backup(made, path)
    with Store(path) as store:
        assert store.load(aid).get("cover.hyokasho_mei") == "最初"


def test_second_holder_is_told_who_holds_the_lock(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from pathlib import Path; from pia_desktop.storage.lock import StoreLock; "
         "l=StoreLock(Path(sys.argv[1])); l.acquire(); print('held', flush=True); time.sleep(30)", str(store)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLocked) as exc:
            StoreLock(store).acquire(take_over_stale=True)
        assert exc.value.info.pid == holder.pid and not exc.value.stale
    finally:
        holder.kill()
        holder.wait()
    # The holder is gone: its lock is stale; without reclaiming it is still reported (with why) ...
    with pytest.raises(StoreLocked) as exc:
        StoreLock(store).acquire(reclaim=False)
    assert exc.value.stale and "終了" in exc.value.reason
    # ... and by default this user's own ended program's lock on this computer is taken over, with a notice.
    lock = StoreLock(store)
    result = lock.acquire()
    assert result.took_over and result.previous is not None and result.previous.pid == holder.pid
    assert "引き継ぎました" in (result.notice() or "")
    info = read_lock(store)
    assert info is not None and info.pid == os.getpid()
    lock.release()
    assert not lock_path(store).exists()


def test_old_lock_from_another_machine_is_stale() -> None:
    old = LockInfo("tanaka", "other-pc", 1234, (datetime.now() - timedelta(days=2)).isoformat())
    fresh = LockInfo("tanaka", "other-pc", 1234, datetime.now().isoformat())
    assert is_stale(old)
    assert not is_stale(fresh)  # another machine's process cannot be checked: only age decides


def test_garbage_lock_file_is_stale(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    lock_path(store).write_text("{{{", encoding="utf-8")
    with pytest.raises(StoreLocked) as exc:
        StoreLock(store).acquire()
    assert exc.value.stale


def test_readonly_store_refuses_edits(tmp_path: Path, form: FormDefinition) -> None:
    path, aid = _store(tmp_path, form)
    with Store(path, readonly=True) as store:
        assert store.load(aid).get("cover.hyokasho_mei") == "最初"
        with pytest.raises(StoreError, match="読み取り専用"):
            store.set_value(aid, "cover.hyokasho_mei", "x")

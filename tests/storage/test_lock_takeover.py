"""The store lock after a crash, against reused process ids, wrong clocks, a busy lock file and crafted content;
and the Windows process check (its branch driven through a fake kernel32)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pia_desktop.storage import lock as lockmod
from pia_desktop.storage import process_check
from pia_desktop.storage.lock import LockInfo, StoreLock, StoreLocked, is_stale, lock_path, read_lock, stale_reason
from pia_desktop.storage.process_check import process_running, process_start

HOLDER = ("import sys,time; from pathlib import Path; from pia_desktop.storage.lock import StoreLock; "
          "l=StoreLock(Path(sys.argv[1])); l.acquire(); print('held', flush=True); time.sleep(60)")


def _hold(store: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(store)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def _write_lock(store: Path, **fields: object) -> None:
    data = {"user": lockmod._user(), "host": socket.gethostname(), "pid": os.getpid(),
            "since": datetime.now().isoformat(timespec="seconds")}
    data.update(fields)
    lock_path(store).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _sleeper() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def test_a_killed_holder_is_taken_over_with_a_notice(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    holder = _hold(store)
    info = read_lock(store)
    assert info is not None and info.pid == holder.pid and info.started == process_start(holder.pid)
    with pytest.raises(StoreLocked) as exc:  # while it runs: live, refused
        StoreLock(store).acquire()
    assert not exc.value.stale
    holder.kill()  # SIGKILL; TerminateProcess on Windows
    holder.wait()
    lock = StoreLock(store)
    result = lock.acquire()
    assert result.took_over and result.previous == info
    notice = result.notice() or ""
    assert "引き継ぎました" in notice and "終了" in notice
    assert read_lock(store).pid == os.getpid()  # type: ignore[union-attr]
    lock.release()


def test_an_ended_process_still_known_to_the_system_is_ended() -> None:
    """The process has exited, but the system still keeps it: its parent has not collected it (a zombie on Linux)
    or another process holds a handle to it (Windows: OpenProcess still succeeds). The old check took it for
    running, and a crashed session's lock for live."""
    child = subprocess.Popen([sys.executable, "-c", "print('bye', flush=True)"], stdout=subprocess.PIPE, text=True)
    started = process_start(child.pid)
    assert child.stdout is not None and child.stdout.read().strip() == "bye"  # it has printed and is exiting
    try:
        for _ in range(100):  # until it has exited (not yet collected: Popen keeps it, and its handle)
            if not process_running(child.pid, started):
                break
            time.sleep(0.05)
        assert not process_running(child.pid, started)
        if sys.platform.startswith("linux"):
            os.kill(child.pid, 0)  # the id still answers: the old check said "alive" here
    finally:
        child.wait()


def test_a_reused_pid_with_another_start_time_is_stale(tmp_path: Path) -> None:
    other = _sleeper()  # a live process, standing for one that got the dead holder's id
    try:
        real = process_start(other.pid)
        assert real is not None
        store = tmp_path / "s.sqlite3"
        _write_lock(store, pid=other.pid, started=real + 12345)
        info = read_lock(store)
        assert info is not None and stale_reason(info) == "そのプログラムは終了している"
        assert StoreLock(store).acquire().took_over  # this user, this PC, ended: taken without asking
        _write_lock(store, pid=other.pid, started=real)  # the same start time: the holder itself, live
        with pytest.raises(StoreLocked) as exc:
            StoreLock(store).acquire()
        assert not exc.value.stale
    finally:
        other.kill()
        other.wait()


def test_an_old_lock_file_without_start_time_still_works(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    other = _sleeper()
    try:
        _write_lock(store, pid=other.pid)  # written by an older version: no "started"
        info = read_lock(store)
        assert info is not None and info.started is None and not is_stale(info)
    finally:
        other.kill()
        other.wait()
    assert is_stale(read_lock(store))  # type: ignore[arg-type]
    assert StoreLock(store).acquire().took_over


def test_another_computers_live_lock_is_refused_and_can_be_taken_over_explicitly(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    _write_lock(store, user="tanaka", host="PC-KIKAKU-07", pid=4242, started=1)
    with pytest.raises(StoreLocked) as exc:
        StoreLock(store).acquire(take_over_stale=True)
    assert not exc.value.stale and exc.value.info.host == "PC-KIKAKU-07"
    assert "tanaka（PC-KIKAKU-07" in exc.value.info.describe()
    assert "上書き" in exc.value.takeover_warning()
    lock = StoreLock(store)
    result = lock.acquire(take_over=True)  # 引き継いで編集, after the warning
    assert result.took_over and result.previous is not None and result.previous.user == "tanaka"
    assert result.notice() == f"{result.previous.describe()} の使用中の記録を引き継ぎました。"
    assert read_lock(store).pid == os.getpid()  # type: ignore[union-attr]
    lock.release()


def test_another_users_ended_program_on_this_pc_is_stale_but_asked(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    proc = _sleeper()
    proc.kill()
    proc.wait()
    _write_lock(store, user="someone-else", pid=proc.pid)
    with pytest.raises(StoreLocked) as exc:
        StoreLock(store).acquire()
    assert exc.value.stale
    assert StoreLock(store).acquire(take_over_stale=True).took_over


def test_a_lock_dated_in_the_far_future_is_stale_within_a_tolerance() -> None:
    now = datetime(2026, 12, 7, 10, 0)
    skewed = LockInfo("tanaka", "other-pc", 1, (now + timedelta(minutes=5)).isoformat())
    future = LockInfo("tanaka", "other-pc", 1, (now + timedelta(days=400)).isoformat())
    assert not is_stale(skewed, now)  # a PC whose clock is a few minutes ahead
    assert "未来" in stale_reason(future, now)


def test_lock_contents_are_shown_with_control_characters_escaped(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    _write_lock(store, user="evil\x1b[2J\nuser\u202e", host="pc\r\x07", since="2026-12-07T10:00:00\x00", pid=5)
    info = read_lock(store)
    assert info is not None
    text = info.describe()
    assert not any(ord(c) < 0x20 or c == "\u202e" for c in text)
    assert "\\x1b" in text and "\\x0a" in text and "\\u202e" in text
    long = LockInfo("x" * 5000, "h", 1, "2026-12-07T10:00:00").describe()
    assert len(long) < 200


def test_a_huge_or_garbage_lock_file_is_unreadable_and_stale(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    lock_path(store).write_text(json.dumps({"user": "x" * 100_000, "host": "h", "pid": 1, "since": "x"}), encoding="utf-8")
    info = read_lock(store)
    assert info is not None and info.pid == -1 and is_stale(info)
    lock_path(store).write_text('{"user": 1, "host": [], "pid": "abc", "since": 3}', encoding="utf-8")
    assert read_lock(store).pid == -1  # type: ignore[union-attr]


def test_refresh_retries_a_busy_file_and_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "s.sqlite3"
    lock = StoreLock(store)
    lock.acquire()
    monkeypatch.setattr(lockmod, "REFRESH_DELAY_S", 0.001)
    real_replace = os.replace
    calls = {"n": 0}

    def busy_twice(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] <= 2:
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(lockmod.os, "replace", busy_twice)
    assert lock.refresh() is True and calls["n"] == 3
    monkeypatch.setattr(lockmod.os, "replace", lambda *_a: (_ for _ in ()).throw(PermissionError(13, "busy")))
    assert lock.refresh() is True  # still ours; the time is renewed next time
    assert not list(tmp_path.glob("*.tmp"))
    monkeypatch.undo()
    lock.release()


def test_refresh_notices_a_takeover_and_does_not_overwrite_it(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    lock = StoreLock(store)
    lock.acquire()
    _write_lock(store, user="tanaka", host="PC-07", pid=99, started=7)  # 引き継いで編集 from another PC
    assert lock.refresh() is False
    assert lock.lost_to is not None and lock.lost_to.user == "tanaka" and not lock.held
    assert read_lock(store).user == "tanaka"  # type: ignore[union-attr]
    lock.release()  # not ours any more: left alone
    assert lock_path(store).exists()


def test_a_lock_file_that_cannot_be_completed_is_not_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "s.sqlite3"

    def full(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(lockmod.json, "dump", full)
    with pytest.raises(OSError):
        StoreLock(store).acquire()
    assert not lock_path(store).exists()


# -- the Windows branch, through a fake kernel32 -------------------------------------------------------


class FakeKernel32:
    """OpenProcess / GetExitCodeProcess / GetProcessTimes / CloseHandle as Windows answers them."""

    def __init__(self, *, opens: bool = True, exit_code: int = 259, created: int = 0x01DB_1234_5678_9ABC) -> None:
        self.opens, self.exit_code, self.created, self.closed = opens, exit_code, created, 0

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:
        assert access == process_check.PROCESS_QUERY_LIMITED_INFORMATION
        return 0x44 if self.opens else 0

    def GetExitCodeProcess(self, handle: int, code_ref: object) -> int:
        code_ref._obj.value = self.exit_code  # type: ignore[attr-defined]
        return 1

    def GetProcessTimes(self, handle: int, *refs: object) -> int:
        created = refs[0]._obj  # type: ignore[attr-defined]
        created.dwLowDateTime, created.dwHighDateTime = self.created & 0xFFFFFFFF, self.created >> 32
        return 1

    def CloseHandle(self, handle: int) -> int:
        self.closed += 1
        return 1


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def use(kernel: FakeKernel32, last_error: int = 0) -> FakeKernel32:
        monkeypatch.setattr(process_check, "IS_WINDOWS", True)
        monkeypatch.setattr(process_check, "_kernel32", lambda: kernel)
        monkeypatch.setattr(process_check, "_last_error", lambda: last_error)
        return kernel

    return use


def test_windows_running_process_is_alive_with_its_creation_time(windows) -> None:  # type: ignore[no-untyped-def]
    k = windows(FakeKernel32())
    assert process_start(1234) == k.created
    assert process_running(1234, k.created) and process_running(1234, None)
    assert k.closed == 3  # every handle closed


def test_windows_ended_process_that_can_still_be_opened_is_ended(windows) -> None:  # type: ignore[no-untyped-def]
    # Another process holds a handle to the dead holder: OpenProcess succeeds, the exit code tells.
    windows(FakeKernel32(exit_code=0))
    assert not process_running(1234, None)
    info = LockInfo(lockmod._user(), socket.gethostname(), 1234, datetime.now().isoformat(timespec="seconds"), 5)
    assert stale_reason(info) == "そのプログラムは終了している"


def test_windows_reused_pid_has_another_creation_time(windows) -> None:  # type: ignore[no-untyped-def]
    k = windows(FakeKernel32())
    assert not process_running(1234, k.created - 10_000_000)


def test_windows_process_that_cannot_be_opened(windows) -> None:  # type: ignore[no-untyped-def]
    windows(FakeKernel32(opens=False), last_error=process_check.ERROR_ACCESS_DENIED)
    assert process_running(1234, 99)  # another user's (or elevated) process: it exists
    windows(FakeKernel32(opens=False), last_error=87)  # ERROR_INVALID_PARAMETER: no such process
    assert not process_running(1234, 99)


def test_a_lock_file_held_for_a_moment_is_read_again_not_taken_for_garbage(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "s.sqlite3"
    _write_lock(store, user="tanaka", host="PC-07", pid=77, started=1)
    monkeypatch.setattr(lockmod, "REFRESH_DELAY_S", 0.001)
    real_open = open
    calls = {"n": 0}

    def scanned(path: object, *a: object, **k: object) -> object:
        if str(path).endswith(".lock"):
            calls["n"] += 1
            if calls["n"] <= 2:
                raise PermissionError(13, "being used by another process")
        return real_open(path, *a, **k)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", scanned)
    info = read_lock(store)
    assert info is not None and info.user == "tanaka" and not is_stale(info)
    with pytest.raises(StoreLocked) as exc:
        StoreLock(store).acquire(take_over_stale=True)
    assert not exc.value.stale

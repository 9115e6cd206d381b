"""A lock file beside the store, so two people never edit one store on a shared drive at once.

The lock says who holds it (user, machine, process, time). A second instance opens the store
read-only and shows who holds it; a stale lock (its process is gone, or older than MAX_AGE) may be
taken over after the user confirms.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

MAX_AGE = timedelta(hours=12)  # an editing session refreshes its lock; one this old is abandoned


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: str  # ISO time the lock was taken or last refreshed

    def describe(self) -> str:
        when = self.since.replace("T", " ")[:16]
        return f"{self.user}（{self.host}、{when} から）"


class StoreLocked(Exception):
    def __init__(self, info: LockInfo, stale: bool) -> None:
        super().__init__(info.describe())
        self.info = info
        self.stale = stale


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lock")


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except Exception:  # no login name on some service accounts
        user = "不明な利用者"
    return LockInfo(user, socket.gethostname(), os.getpid(), datetime.now().isoformat(timespec="seconds"))


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(store_path: Path) -> LockInfo | None:
    try:
        data = json.loads(lock_path(store_path).read_text(encoding="utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # An unreadable lock file is treated as held by nobody we can name, and as stale.
        return LockInfo("不明な利用者", "不明", -1, "1970-01-01T00:00:00")


def is_stale(info: LockInfo, now: datetime | None = None) -> bool:
    now = now or datetime.now()
    try:
        age = now - datetime.fromisoformat(info.since)
    except ValueError:
        return True
    if age > MAX_AGE:
        return True
    return info.host == socket.gethostname() and not _pid_alive(info.pid)


class StoreLock:
    def __init__(self, store_path: Path) -> None:
        self.store_path = Path(store_path)
        self.path = lock_path(self.store_path)
        self.held = False

    def acquire(self, *, take_over_stale: bool = False) -> None:
        """Take the lock, or raise StoreLocked saying who holds it (and whether it is stale)."""
        while True:
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                info = read_lock(self.store_path)
                if info is None:
                    continue  # released between our attempts
                if info.host == socket.gethostname() and info.pid == os.getpid():
                    self.held = True
                    return
                stale = is_stale(info)
                if stale and take_over_stale:
                    self.path.unlink(missing_ok=True)
                    continue
                raise StoreLocked(info, stale) from None
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(_me()), fh, ensure_ascii=False)
            self.held = True
            return

    def refresh(self) -> None:
        if self.held:
            tmp = self.path.with_suffix(".lock.tmp")
            tmp.write_text(json.dumps(asdict(_me()), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)

    def release(self) -> None:
        if not self.held:
            return
        info = read_lock(self.store_path)
        if info is not None and info.pid == os.getpid() and info.host == socket.gethostname():
            self.path.unlink(missing_ok=True)
        self.held = False

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

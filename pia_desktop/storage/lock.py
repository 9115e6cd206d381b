"""A lock file beside the store, so two people never edit one store on a shared drive at once.

The lock says who holds it (user, machine, process and its start time, time of the last refresh).
- Free, or left by this user's own ended process on this computer (a crash, a forced shutdown): taken
  (``acquire`` says which, so the window can tell the user it took over).
- Another user's or another computer's live lock: ``StoreLocked``; the window offers read-only with the holder
  named, or an explicit 引き継いで編集 after a warning (``acquire(take_over=True)``).
- Stale: its process has ended (checked on this computer only), it was not refreshed for MAX_AGE, or it is
  dated in the future beyond a clock-skew tolerance (a wrong clock must not keep a store locked forever).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import time
import unicodedata
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from pia_desktop.storage.process_check import process_running, process_start

MAX_AGE = timedelta(hours=12)  # an editing session refreshes its lock; one this old is abandoned
FUTURE_TOLERANCE = timedelta(minutes=15)  # clocks of the PCs sharing a drive may differ by this much
MAX_LOCK_BYTES = 4096  # a lock file is ~150 bytes: read no more of a crafted one
REFRESH_RETRIES = 4
REFRESH_DELAY_S = 0.05
_SHOWN_CHARS = 64  # of each field, in messages


def _printable(text: str) -> str:
    """``text`` for a message: control and format characters (newlines, ESC, U+202E…) escaped, length bounded."""
    out = []
    for ch in text[:_SHOWN_CHARS]:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out) + ("…" if len(text) > _SHOWN_CHARS else "")


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: str  # ISO local time the lock was taken or last refreshed
    started: int | None = None  # the holder process's start time (process_check); None in older lock files

    def describe(self) -> str:
        when = self.since.replace("T", " ")[:16]
        return f"{_printable(self.user)}（{_printable(self.host)}、{_printable(when)} から）"

    def same_process(self, other: LockInfo) -> bool:
        return _same_host(self.host, other.host) and self.pid == other.pid and self.started == other.started


BY_CHOICE = "引き継ぎを選んだ"  # Acquired.reason of an explicit 引き継いで編集 of a live lock
UNREADABLE = LockInfo("不明な利用者", "不明", -1, "1970-01-01T00:00:00")


class StoreLocked(Exception):
    """Another holder has the lock. ``reason`` is why it is stale ("" while it is live)."""

    def __init__(self, info: LockInfo, stale: bool, reason: str = "") -> None:
        super().__init__(info.describe())
        self.info = info
        self.stale = stale
        self.reason = reason

    def takeover_warning(self) -> str:
        """What the window says before 引き継いで編集 of this lock."""
        who = self.info.describe()
        if self.stale:
            return f"{who} の使用記録が残っていますが、{self.reason}。引き継いで編集しますか。"
        return (f"この保存ファイルは {who} が編集中です。引き継ぐと、相手が編集を続けた場合に同じ項目の変更が"
                "上書きされるおそれがあります。相手が保存ファイルを閉じたこと（又は画面が応答しないこと）を確かめてから"
                "引き継いでください。引き継いで編集しますか。")


@dataclass(frozen=True)
class Acquired:
    """What ``StoreLock.acquire`` did: ``previous`` is the lock it replaced (None: the lock was free or ours)."""

    previous: LockInfo | None = None
    reason: str = ""  # why the previous lock could be replaced

    @property
    def took_over(self) -> bool:
        return self.previous is not None

    def notice(self) -> str | None:
        """The line the window shows after a takeover (None when nothing was taken over)."""
        if self.previous is None:
            return None
        if self.reason == BY_CHOICE:
            return f"{self.previous.describe()} の使用中の記録を引き継ぎました。"
        return (f"前回の使用記録（{self.previous.describe()}）が残っていましたが、{self.reason}ため引き継ぎました。"
                "保存済みの内容はそのまま残っています。")


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lock")


def _same_host(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()  # Windows computer names are case-insensitive


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "不明な利用者"


_MY_START: list[int | None] = []  # cached: the start time of this process does not change


def _me() -> LockInfo:
    if not _MY_START:
        _MY_START.append(process_start(os.getpid()))
    return LockInfo(_user(), socket.gethostname(), os.getpid(), datetime.now().isoformat(timespec="seconds"), _MY_START[0])


def _parse(raw: bytes) -> LockInfo:
    data = json.loads(raw.decode("utf-8"))
    started = data.get("started")
    return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]),
                    int(started) if isinstance(started, int) and not isinstance(started, bool) else None)


def _read_bytes(path: Path) -> bytes | None:
    """The lock file's first bytes; retried while a virus scanner holds it for a moment (Windows)."""
    for attempt in range(REFRESH_RETRIES):
        try:
            with open(path, "rb") as fh:
                return fh.read(MAX_LOCK_BYTES + 1)
        except FileNotFoundError:
            raise
        except OSError:
            time.sleep(REFRESH_DELAY_S * (attempt + 1))
    return None


def read_lock(store_path: Path) -> LockInfo | None:
    try:
        raw = _read_bytes(lock_path(store_path))
    except FileNotFoundError:
        return None
    if raw is None:
        return UNREADABLE  # held open for long, or no permission: named as nobody, and stale
    if len(raw) > MAX_LOCK_BYTES:
        return UNREADABLE
    try:
        return _parse(raw)
    except (ValueError, KeyError, TypeError, AttributeError):
        # An unreadable lock file is treated as held by nobody we can name, and as stale.
        return UNREADABLE


def stale_reason(info: LockInfo, now: datetime | None = None) -> str:
    """Why the lock is stale ("…ため" reads after it), or "" while its holder may still be working."""
    if info is UNREADABLE or info.pid <= 0:
        return "使用記録が読み取れない"
    now = now or datetime.now()
    try:
        since = datetime.fromisoformat(info.since)
    except ValueError:
        return "使用記録の日時が読み取れない"
    if since.tzinfo is not None:  # written by another program: compare in local time
        since = since.astimezone().replace(tzinfo=None)
    if since - now > FUTURE_TOLERANCE:
        return "使用記録の日時が未来になっている（時計の誤り）"
    if now - since > MAX_AGE:
        return "12時間以上更新されていない"
    if _same_host(info.host, socket.gethostname()) and not process_running(info.pid, info.started):
        return "そのプログラムは終了している"
    return ""


def is_stale(info: LockInfo, now: datetime | None = None) -> bool:
    return bool(stale_reason(info, now))


def reclaimable(info: LockInfo, reason: str) -> bool:
    """May the lock be taken without asking: this user's own ended program on this computer."""
    return reason == "そのプログラムは終了している" and info.user == _user()


class StoreLock:
    def __init__(self, store_path: Path) -> None:
        self.store_path = Path(store_path)
        self.path = lock_path(self.store_path)
        self.held = False
        self.lost_to: LockInfo | None = None  # who took the lock over from us (refresh found it)
        self._mine: LockInfo | None = None

    def acquire(self, *, take_over: bool = False, take_over_stale: bool = False, reclaim: bool = True) -> Acquired:
        """Take the lock, or raise StoreLocked saying who holds it (and whether and why it is stale).

        A lock left by this user's own ended program on this computer is taken over unless ``reclaim`` is
        False; any stale lock with ``take_over_stale``; any lock at all with ``take_over`` (引き継いで編集,
        after the user was warned). Raises OSError when the lock file cannot be written (read-only folder)."""
        for _ in range(20):  # another instance racing us for a free lock: a few rounds settle it
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                info = read_lock(self.store_path)
                if info is None:
                    continue  # released between our attempts
                if self._is_mine(info):  # this process took it already (a store opened again)
                    self.held = True
                    self._mine = info
                    return Acquired()
                reason = stale_reason(info)
                if take_over or (reason and take_over_stale) or (reclaim and reclaimable(info, reason)):
                    self._remove_if_unchanged(info)
                    result = Acquired(info, reason or BY_CHOICE)
                    self._create_or_fail(result)
                    return result
                raise StoreLocked(info, bool(reason), reason) from None
            self._write_new(fd)
            return Acquired()
        raise OSError(f"{self.path} の使用状況を記録できません（他の処理と競合しています）")

    def _create_or_fail(self, result: Acquired) -> None:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:  # another instance took it in between: it is theirs now
            info = read_lock(self.store_path) or UNREADABLE
            raise StoreLocked(info, False, "") from None
        self._write_new(fd)

    def _remove_if_unchanged(self, judged: LockInfo) -> None:
        current = read_lock(self.store_path)
        if current is None:
            return
        if current != judged:  # refreshed or replaced since we looked: decide again with what is there now
            raise StoreLocked(current, is_stale(current), stale_reason(current))
        for attempt in range(REFRESH_RETRIES):  # a scanner may hold the file for a moment (Windows)
            try:
                self.path.unlink(missing_ok=True)
                return
            except PermissionError:
                if attempt == REFRESH_RETRIES - 1:
                    raise
                time.sleep(REFRESH_DELAY_S * (attempt + 1))

    def _write_new(self, fd: int) -> None:
        me = _me()
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(me), fh, ensure_ascii=False)
        except BaseException:  # a full disk: an empty lock file would lock the store for everyone
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)
            raise
        self.held, self._mine, self.lost_to = True, me, None

    def refresh(self) -> bool:
        """Renew the lock's time (called every few minutes). Never raises: a file held for a moment (a virus
        scanner, a network hiccup) is retried a few times and otherwise left for the next refresh. False when the
        lock is no longer ours: ``lost_to`` then names who took it over (None: the lock file was removed and
        could not be made again)."""
        if not self.held:
            return False
        current = read_lock(self.store_path)
        if current is not None and current is not UNREADABLE and not self._is_mine(current):
            self.held, self.lost_to = False, current
            return False
        me = _me()
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        for attempt in range(REFRESH_RETRIES):
            try:
                tmp.write_text(json.dumps(asdict(me), ensure_ascii=False), encoding="utf-8")
                os.replace(tmp, self.path)
                self._mine = me
                return True
            except OSError:
                time.sleep(REFRESH_DELAY_S * (attempt + 1))
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return True  # still ours; the time is renewed at the next refresh

    def _is_mine(self, info: LockInfo) -> bool:
        me = self._mine or _me()
        return info.same_process(me) or (_same_host(info.host, me.host) and info.pid == me.pid and info.started is None)

    def release(self) -> None:
        if not self.held:
            return
        info = read_lock(self.store_path)
        if info is not None and self._is_mine(info):
            with contextlib.suppress(OSError):  # held for a moment: a lock of an ended process is taken over later
                self.path.unlink(missing_ok=True)
        self.held = False

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

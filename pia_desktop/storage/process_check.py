"""Is the process that wrote a lock still running? By process id *and* start time, so a reused id is not taken
for the holder.

On Windows a process that has ended stays "openable" while any other process holds a handle to it, so the exit
status decides (GetExitCodeProcess: STILL_ACTIVE while running), and its creation time (GetProcessTimes) tells a
reused id apart. On Linux the start time is field 22 of /proc/<pid>/stat (clock ticks since boot).
"""

from __future__ import annotations

import os
import sys
from typing import Any

IS_WINDOWS = os.name == "nt"  # a module attribute, so tests can take the Windows branch with a fake kernel32

STILL_ACTIVE = 259
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
ERROR_ACCESS_DENIED = 5


def _kernel32() -> Any:  # pragma: no cover - Windows only (tests replace it)
    import ctypes
    from ctypes import wintypes

    k32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    # Handles are pointer-sized: without these, a 64-bit handle would be cut to a C int.
    k32.OpenProcess.restype = wintypes.HANDLE
    k32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    k32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    k32.GetProcessTimes.argtypes = (wintypes.HANDLE, *(ctypes.POINTER(wintypes.FILETIME),) * 4)
    k32.CloseHandle.argtypes = (wintypes.HANDLE,)
    return k32


def _last_error() -> int:  # pragma: no cover - Windows only (tests replace it)
    import ctypes

    return int(ctypes.get_last_error())  # type: ignore[attr-defined]


def _windows_state(pid: int) -> tuple[bool, int | None]:
    """(running, creation time in 100 ns units since 1601 or None when it cannot be read)."""
    import ctypes
    from ctypes import wintypes

    k32 = _kernel32()
    handle = k32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        # Access denied: the process exists (another user's, or elevated). Anything else: there is none.
        return _last_error() == ERROR_ACCESS_DENIED, None
    try:
        code = wintypes.DWORD()
        if not k32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True, None  # cannot tell: keep the lock (the user can still take it over)
        if code.value != STILL_ACTIVE:
            return False, None
        times = [wintypes.FILETIME() for _ in range(4)]  # creation, exit, kernel, user
        if not k32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return True, None
        created = times[0]
        return True, (created.dwHighDateTime << 32) | created.dwLowDateTime
    finally:
        k32.CloseHandle(handle)


def _linux_stat(pid: int) -> tuple[bytes, int] | None:
    """(state letter, start time in clock ticks since boot) from /proc/<pid>/stat."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read(4096)
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: count fields after its last ")".
    fields = stat[stat.rfind(b")") + 2 :].split()
    try:
        return fields[0], int(fields[19])  # fields[0] is field 3 (state), fields[19] field 22 (starttime)
    except (IndexError, ValueError):
        return None


def process_start(pid: int) -> int | None:
    """The process's start time as the platform counts it, or None where it cannot be read."""
    if pid <= 0:
        return None
    if IS_WINDOWS:
        return _windows_state(pid)[1]
    if sys.platform.startswith("linux"):
        stat = _linux_stat(pid)
        return stat[1] if stat else None
    return None


def process_running(pid: int, started: int | None = None) -> bool:
    """True while the process ``pid`` runs and (when ``started`` is known) is the one that started then."""
    if pid <= 0:
        return False
    if IS_WINDOWS:
        alive, now_started = _windows_state(pid)
    else:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # another user's process: it exists
            pass
        except OSError:
            return False
        stat = _linux_stat(pid) if sys.platform.startswith("linux") else None
        alive = stat is None or stat[0] != b"Z"  # a zombie has ended; only its parent has not collected it
        now_started = stat[1] if stat else None
    if not alive:
        return False
    # A different start time: the holder ended and its id was given to another process.
    return started is None or now_started is None or now_started == started

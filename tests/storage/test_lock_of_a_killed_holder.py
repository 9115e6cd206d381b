"""A killed holder's lock is stale at once, even while another process still has a handle to the dead one.

On Windows a terminated process stays openable as long as any handle to it is open (here: the Popen object;
in an office: a launcher, an asset-management agent), so "OpenProcess succeeded" does not mean "alive".
POSIX shows nothing of this; the test is for the Windows suite (packaging/windows_check.sh).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pia_desktop.storage.lock import is_stale, read_lock

HOLD = ("import sys, time; from pathlib import Path; from pia_desktop.storage.lock import StoreLock; "
        "StoreLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)")


def test_lock_of_a_killed_holder_is_stale_while_its_handle_is_open(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    with subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        info = read_lock(store)
        assert info is not None and info.pid == holder.pid and not is_stale(info)
        holder.kill()
        holder.wait()
        assert is_stale(info)  # the Popen object still holds the dead process's handle here

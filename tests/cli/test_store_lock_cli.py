"""The command line honours the store's lock: writes refuse while another live holder (the GUI) has it, naming
the holder; --force overrides; reads work beside it; a crashed holder's lock does not block."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.storage.backup import daily_backup
from pia_desktop.storage.lock import lock_path, read_lock
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path

SEED = fixture_path("seed-003")
HOLDER = ("import sys,time; from pathlib import Path; from pia_desktop.storage.lock import StoreLock; "
          "l=StoreLock(Path(sys.argv[1])); l.acquire(); print('held', flush=True); time.sleep(60)")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "s.sqlite3"
    assert main(["store", "add", str(SEED), "--store", str(path)]) == 0
    assert not lock_path(path).exists()  # the command's lock is released when it ends
    return path


@pytest.fixture
def gui(store: Path):  # type: ignore[no-untyped-def]
    """Another live process holding the lock, as the window does."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(store)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


def _count(path: Path) -> int:
    with Store(path, readonly=True) as s:
        return len(s.list_assessments())


def _reviews(path: Path) -> int:
    with Store(path, readonly=True) as s:
        return len(s.reviews(1))


def test_writes_refuse_while_the_gui_holds_the_lock(store: Path, gui, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    backup = daily_backup(store)
    assert backup is not None
    holder = read_lock(store)
    assert holder is not None and holder.pid == gui.pid
    for args in (["store", "add", str(SEED)], ["store", "review", "1", "変更なし"], ["store", "restore", str(backup)]):
        assert main([*args, "--store", str(store)]) == 2
        err = capsys.readouterr().err
        assert "使用中" in err and holder.describe() in err and "--force" in err
    assert _count(store) == 1 and _reviews(store) == 0
    assert read_lock(store) == holder  # the holder's lock is untouched
    # Reading works beside the editor.
    assert main(["store", "list", "--store", str(store)]) == 0
    assert "児童手当" in capsys.readouterr().out


def test_force_writes_and_leaves_the_holders_lock(store: Path, gui, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    holder = read_lock(store)
    assert main(["store", "add", str(SEED), "--store", str(store), "--force"]) == 0
    assert main(["store", "review", "1", "変更なし", "--store", str(store), "--force"]) == 0
    err = capsys.readouterr().err
    assert "--force" in err and "警告" in err
    assert _count(store) == 2 and _reviews(store) == 1
    assert read_lock(store) == holder


def test_another_pcs_live_lock_refuses(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lock_path(store).write_text(json.dumps({"user": "tanaka\x1b[31m", "host": "PC-07", "pid": 77, "started": 5,
                                            "since": datetime.now().isoformat(timespec="seconds")}), encoding="utf-8")
    capsys.readouterr()
    assert main(["store", "add", str(SEED), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "tanaka\\x1b[31m（PC-07" in err and "\x1b" not in err  # the holder named, escaped
    assert _count(store) == 1


def test_a_crashed_holders_lock_does_not_block(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()  # an ended process: its id is free
    from pia_desktop.storage.lock import _user

    lock_path(store).write_text(json.dumps({"user": _user(), "host": socket.gethostname(), "pid": proc.pid,
                                            "since": datetime.now().isoformat(timespec="seconds")}), encoding="utf-8")
    capsys.readouterr()
    assert main(["store", "add", str(SEED), "--store", str(store)]) == 0
    assert "引き継ぎました" in capsys.readouterr().err
    assert _count(store) == 2 and not lock_path(store).exists()


def test_a_future_dated_lock_does_not_block(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lock_path(store).write_text(json.dumps({"user": "tanaka", "host": "PC-07", "pid": 77,
                                            "since": "2099-01-01T00:00:00"}), encoding="utf-8")
    assert main(["store", "add", str(SEED), "--store", str(store)]) == 0
    assert "未来" in capsys.readouterr().err
    assert _count(store) == 2


def test_import_add_honours_the_lock(store: Path, gui, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert main(["import", str(SEED), "--add", "--store", str(store)]) == 2
    assert "使用中" in capsys.readouterr().err and _count(store) == 1
    assert main(["import", str(SEED), "--add", "--store", str(store), "--force", "--allow-duplicate"]) == 0
    assert _count(store) == 2

"""No network, ever: the program opens no internet socket, whatever it does.

Two layers: the whole test suite runs with Python sockets disabled (pytest-socket, see pyproject.toml),
and here real processes run under strace, which sees every socket the process or Qt's C++ code opens.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "seed-003.json"
INET = re.compile(r"socket\((AF_INET6?|AF_PACKET|AF_NETLINK)")


def test_python_sockets_are_disabled_in_the_test_suite() -> None:
    with pytest.raises(Exception, match=r"Socket|socket"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def _traced(tmp_path: Path, *args: str, extra_env: dict[str, str] | None = None) -> list[str]:
    assert shutil.which("strace"), "strace is required for the no-network test (.ci/run installs it)"
    log = tmp_path / "strace.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PIA_DESKTOP_HOME": str(tmp_path / "home"), **(extra_env or {})}
    proc = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(log), sys.executable, "-m", "pia_desktop", *args],
        capture_output=True, text=True, timeout=180, env=env, cwd=ROOT,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return [line for line in log.read_text().splitlines() if INET.search(line)]


@pytest.mark.needs("strace")
def test_cli_check_dump_and_store_open_no_internet_socket(tmp_path: Path) -> None:
    assert _traced(tmp_path, "check", str(FIXTURE)) == []
    assert _traced(tmp_path, "dump", str(FIXTURE)) == []
    assert _traced(tmp_path, "store", "add", str(FIXTURE)) == []


@pytest.mark.needs("strace")
def test_pdf_export_opens_no_internet_socket(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    assert _traced(tmp_path, "export-pdf", str(FIXTURE), str(out)) == []
    assert out.stat().st_size > 10_000


@pytest.mark.needs("strace")
def test_gui_start_opens_no_internet_socket(tmp_path: Path) -> None:
    # PIA_DESKTOP_QUIT_AFTER_MS makes the GUI quit by itself once it is up (for this test and benchmarks).
    assert _traced(tmp_path, "gui", extra_env={"PIA_DESKTOP_QUIT_AFTER_MS": "1500"}) == []

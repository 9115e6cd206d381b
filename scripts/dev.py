#!/usr/bin/env python3
"""Set up the project's virtual environment when needed, then start the app or run the tests.

    python3 scripts/dev.py app [ARGS…]   # start PIA Desktop on the default store
    python3 scripts/dev.py test [ARGS…]  # run the whole test suite (headless)

Works the same on Windows (``py -3 scripts\\dev.py app``) and Linux; needs no admin rights.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".pia-desktop-installed"


def ensure_env(extras: str) -> None:
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == want and PY.exists():
        return
    if not PY.exists():
        print("仮想環境を作成しています…", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("必要なパッケージを導入しています…", flush=True)
    subprocess.check_call([str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f"{ROOT}{extras}"])
    STAMP.write_text(want)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test"):
        print(__doc__)
        return 2
    what, rest = argv[0], argv[1:]
    if what == "app":
        ensure_env("")
        return subprocess.call([str(PY), "-m", "pia_desktop", *rest], cwd=ROOT)
    ensure_env("[test]")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""packaging/build.py's own checks, without building: the smoke test must reject a crashing program, and
the portable ZIP of one bundle must always be the same file (its SHA-256 goes to the whitelisting request)."""

from __future__ import annotations

import hashlib
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import make_portable_zip  # noqa: E402

import build  # noqa: E402

# A stand-in for the frozen program: behaves like pia-desktop, except in the way the test asks it to fail.
FAKE = """
import json, sys
from pathlib import Path
FAIL = {fail!r}
args = sys.argv[1:]
if args[0] == "--version":
    print("PIA Desktop 0.0.0")
elif args[0] == "check" and FAIL == "crash":
    print("表紙 › 評価書名: 未記入")
    sys.stderr.write('Traceback (most recent call last):\\n  File "main.py"\\nUnicodeEncodeError: \\'cp932\\' codec\\n'
                     "[PYI-220:ERROR] Failed to execute script 'entry' due to unhandled exception!\\n")
    sys.exit(1)
elif args[0] == "check" and FAIL == "traceback-exit-0":
    sys.stderr.write("Traceback (most recent call last):\\nRuntimeError\\n")
elif args[0] == "check" and "--json" in args:
    print(json.dumps({{"errors": 0}}) if FAIL != "bad-json" else "{{")
elif args[0] == "check":
    print("誤り 0 件、警告 1 件")
elif args[0] == "export-pdf" and FAIL != "no-pdf":
    Path(args[2]).write_bytes(b"%PDF-1.4\\n%%EOF\\n")
"""


def _fake(tmp_path: Path, fail: str) -> list[str]:
    script = tmp_path / f"fake-{fail}.py"
    script.write_text(textwrap.dedent(FAKE.format(fail=fail)), encoding="utf-8")
    return [sys.executable, str(script)]


def test_smoke_passes_a_working_program(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build.smoke(_fake(tmp_path, "none"))
    assert "動作確認: 問題なし" in capsys.readouterr().out


@pytest.mark.parametrize("fail", ["crash", "traceback-exit-0", "bad-json", "no-pdf"])
def test_smoke_fails_on_a_crash_a_traceback_or_a_missing_result(tmp_path: Path, capsys: pytest.CaptureFixture[str], fail: str) -> None:
    # A crash exits 1, which is also check's "the document has errors": the smoke test took it for success.
    with pytest.raises(SystemExit) as stop:
        build.smoke(_fake(tmp_path, fail))
    assert str(stop.value.code).startswith("動作確認に失敗しました")
    assert "動作確認: 問題なし" not in capsys.readouterr().out


def test_the_same_bundle_gives_the_same_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "pia-desktop"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "pia-desktop.exe").write_bytes(b"MZ program")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK library")

    def digest(out: Path) -> str:
        out.mkdir()
        return hashlib.sha256(make_portable_zip.make_zip(bundle, out, "9.9.9", "windows-amd64").read_bytes()).hexdigest()

    first = digest(tmp_path / "a")
    later = time.time() + 3600  # an hour on: anything stamped "now" would differ
    monkeypatch.setattr(time, "time", lambda: later)
    assert digest(tmp_path / "b") == first

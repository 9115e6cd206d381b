"""The program ends check, dump and export-pdf without the interpreter's teardown: all output must still
arrive, and the exit status must be the command's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "seed-003.json"


def _run(tmp_path: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIA_DESKTOP_HOME": str(tmp_path / "home")}
    return subprocess.run([sys.executable, "-m", "pia_desktop", *args], env=env, cwd=ROOT, text=True, encoding="utf-8",
                          capture_output=True, timeout=120, **kw)  # type: ignore[call-overload]


def test_check_output_is_complete_and_the_status_is_kept(tmp_path: Path) -> None:
    out = _run(tmp_path, "check", "--json", str(SEED))
    report = json.loads(out.stdout)  # the whole (large) JSON was flushed
    assert out.returncode == 0 and report["errors"] == 0 and len(report["findings"]) == report["warnings"] > 0

    bad = json.loads(SEED.read_text(encoding="utf-8"))
    bad["values"]["II(1).2.1"] = "存在しない選択肢"  # an option the form does not have → an error
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    out = _run(tmp_path, "check", str(tmp_path / "bad.json"))
    assert out.returncode == 1 and out.stdout.rstrip().endswith("件")

    out = _run(tmp_path, "check", str(tmp_path / "missing.json"))
    assert out.returncode == 2 and "見つかりません" in out.stderr


def test_dump_into_a_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "PIA_DESKTOP_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen([sys.executable, "-m", "pia_desktop", "dump", str(SEED)], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `| head -1` does
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == 1 and first.startswith("表紙".encode()) and "Traceback" not in err


def test_export_pdf_file_is_complete(tmp_path: Path) -> None:
    pdf = tmp_path / "out.pdf"
    out = _run(tmp_path, "export-pdf", str(SEED), str(pdf))
    assert out.returncode == 0, out.stderr
    from pypdf import PdfReader

    assert len(PdfReader(pdf, strict=True).pages) > 5 and pdf.read_bytes().rstrip().endswith(b"%%EOF")

"""Smoke test of the frozen (PyInstaller onedir) program: build it, run it, compare with the checkout.

Frozen builds break in ways no unit test sees: a module imported lazily is missing, a data file is not
bundled, a font is looked up next to the sources. So the frozen program itself runs here, headless, and
its output must equal what the unfrozen program gives for the same seed 003 fixture.

Building takes about half a minute of CPU (reused while the inputs are unchanged), so the tests run when
CI is set (CI=true) or PIA_BUILD_BUNDLE=1; elsewhere one of them is skipped with a line saying so.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pia_desktop import APP_NAME, __version__
from tests.pdfread import page_texts

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "scripts" / "build-bundle"
BUNDLE = ROOT / "dist" / "pia-desktop"
EXE = BUNDLE / ("pia-desktop.exe" if os.name == "nt" else "pia-desktop")
FIXTURE = ROOT / "tests" / "fixtures" / "seed-003.json"
BUILD_TIMEOUT_S = 40 * 60
RUN_TIMEOUT_S = 180
INTERNET_SOCKET = re.compile(r"socket\((AF_INET6?|AF_PACKET|AF_NETLINK)")
GUI_TIMEOUT_S = 60


pytestmark = pytest.mark.needs("bundle")  # runs in CI, or with PIA_BUILD_BUNDLE=1 (tests/conftest.py)


@pytest.fixture(scope="module")
def frozen() -> Path:
    """The frozen program, built by scripts/build-bundle (which reuses an up-to-date build)."""
    # scripts/build-bundle also installs PyInstaller when missing; on Windows the `package` extra must be installed.
    command = [sys.executable, str(ROOT / "packaging" / "build.py")] if os.name == "nt" else [str(BUILD_SCRIPT)]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    if proc.returncode != 0:
        pytest.fail(f"scripts/build-bundle failed (exit {proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    assert EXE.is_file(), f"the build reported success but {EXE} is missing"
    return EXE


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", PIA_DESKTOP_HOME=str(home))
    return env


def _run(program: list[str], args: list[str], home: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    # cwd outside the checkout, so the frozen program cannot find forms/ or resources/ by accident.
    # UTF-8: what the program writes into a pipe on every platform (pia_desktop/cli/output.py).
    return subprocess.run([*program, *args], capture_output=True, text=True, encoding="utf-8", timeout=RUN_TIMEOUT_S,
                          env={**_env(home), **extra_env}, cwd=home.parent)


def _both(frozen: Path, tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """Run the same command frozen and from the checkout, each with its own empty data folder."""
    return (_run([str(frozen)], list(args), tmp_path / "frozen-home"),
            _run([sys.executable, "-m", "pia_desktop"], list(args), tmp_path / "source-home"))


def test_frozen_program_reports_its_version(frozen: Path, tmp_path: Path) -> None:
    proc = _run([str(frozen)], ["--version"], tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"{APP_NAME} {__version__}"


def test_forms_resources_and_docs_are_bundled_unchanged(frozen: Path) -> None:
    internal = frozen.parent / "_internal"
    for folder in ("forms", "resources", "docs"):
        sources = [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        assert sources, f"{folder}/ is empty in the checkout"
        for src in sources:
            bundled = internal / src.relative_to(ROOT)
            assert bundled.is_file(), f"{src.relative_to(ROOT)} is not in the bundle"
            assert bundled.read_bytes() == src.read_bytes(), f"{src.relative_to(ROOT)} differs in the bundle"


def test_bundle_has_the_gui_but_no_unused_qt_modules(frozen: Path) -> None:
    internal = frozen.parent / "_internal"
    files = [p.relative_to(internal).as_posix() for p in internal.rglob("*")]
    names = {f.rsplit("/", 1)[-1] for f in files}
    assert any(n.startswith("QtWidgets.") for n in names), "QtWidgets is missing: the GUI could not start"
    assert any("qoffscreen" in n for n in names), "the offscreen platform plugin is missing"
    unwanted = sorted(f for f in files if any(m in f for m in ("WebEngine", "Qt6Qml", "Qt6Quick", "Multimedia", "Qt63D",
                                                               "qtuiotouch", "plugins/tls/", "plugins/networkinformation/")))
    assert unwanted == [], f"excluded Qt parts are in the bundle: {unwanted}"
    # QtNetwork comes in only because QtPdf (the print preview) links it; TLS and network plugins stay out.
    if any(n.startswith("QtNetwork.") for n in names):
        assert any(n.startswith("QtPdf.") for n in names), "QtNetwork is bundled although nothing that needs it is"


def test_frozen_check_equals_unfrozen_check(frozen: Path, tmp_path: Path) -> None:
    got, want = _both(frozen, tmp_path, "check", "--json", str(FIXTURE))
    assert want.returncode in (0, 1), want.stderr  # 1: the fixture has errors; the frozen program must say the same
    assert (got.returncode, got.stderr) == (want.returncode, want.stderr)
    assert json.loads(got.stdout) == json.loads(want.stdout)


def test_frozen_dump_equals_unfrozen_dump(frozen: Path, tmp_path: Path) -> None:
    got, want = _both(frozen, tmp_path, "dump", str(FIXTURE))
    assert want.returncode == 0, want.stderr
    assert len(want.stdout.splitlines()) > 100  # the seed is a full 評価書, not an empty shell
    assert got.returncode == 0, got.stderr
    assert got.stdout == want.stdout


def test_frozen_store_round_trip(frozen: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    added = _run([str(frozen)], ["store", "add", str(FIXTURE)], home)
    assert added.returncode == 0, added.stderr
    listed = _run([str(frozen)], ["store", "list", "--json"], home)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 1
    out = tmp_path / "exported.json"
    exported = _run([str(frozen)], ["store", "export", str(json.loads(listed.stdout)[0]["id"]), str(out)], home)
    assert exported.returncode == 0, exported.stderr
    got, want = _both(frozen, tmp_path, "dump", str(out))
    assert got.stdout == want.stdout != ""


def _pdf_text(pdf: Path) -> str:
    return "\f".join(page_texts(pdf))


def test_frozen_pdf_export_text_equals_unfrozen_export(frozen: Path, tmp_path: Path) -> None:
    help_text = _run([sys.executable, "-m", "pia_desktop"], ["--help"], tmp_path / "help-home").stdout
    if "export-pdf" not in help_text:
        pytest.fail("the PDF exporter is missing: `pia-desktop export-pdf` is not a command "
                    "(pia_desktop/cli/cmd_export_pdf.py), so the frozen export cannot be compared")
    frozen_pdf, source_pdf = tmp_path / "frozen.pdf", tmp_path / "source.pdf"
    got = _run([str(frozen)], ["export-pdf", str(FIXTURE), str(frozen_pdf)], tmp_path / "frozen-home")
    want = _run([sys.executable, "-m", "pia_desktop"], ["export-pdf", str(FIXTURE), str(source_pdf)], tmp_path / "source-home")
    assert want.returncode == 0, want.stderr
    assert got.returncode == 0, got.stdout + got.stderr
    source_text = _pdf_text(source_pdf)
    assert "特定個人情報保護評価書" in source_text
    assert _pdf_text(frozen_pdf) == source_text


def _traced(frozen: Path, args: list[str], tmp_path: Path, timeout: float, **extra_env: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run the frozen program under strace (as tests/offline does for the checkout): every socket Qt or Python opens."""
    assert shutil.which("strace"), "strace is required to watch the frozen program's sockets (.ci/run installs it)"
    log = tmp_path / "strace.log"
    cmd = ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(log), str(frozen), *args]
    # A session of its own: on a timeout the traced program is killed too (killing strace alone detaches it).
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                          env={**_env(tmp_path / "home"), **extra_env}, cwd=tmp_path) as child:
        try:
            out, err = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            raise
    proc = subprocess.CompletedProcess(cmd, child.returncode, out, err)
    return proc, [line for line in log.read_text().splitlines() if INTERNET_SOCKET.search(line)]


def test_frozen_pdf_export_opens_no_internet_socket(frozen: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    proc, sockets = _traced(frozen, ["export-pdf", str(FIXTURE), str(out)], tmp_path, RUN_TIMEOUT_S)
    if proc.returncode == 2 and "export-pdf" in proc.stderr:
        pytest.fail(f"the frozen program has no export-pdf command: {proc.stderr.strip()}")
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 10_000
    assert sockets == []


def test_frozen_gui_starts_headless_quits_and_opens_no_internet_socket(frozen: Path, tmp_path: Path) -> None:
    # PIA_DESKTOP_QUIT_AFTER_MS: the GUI quits by itself once its window is up (also used by the benchmark).
    try:
        proc, sockets = _traced(frozen, ["gui"], tmp_path, GUI_TIMEOUT_S, PIA_DESKTOP_QUIT_AFTER_MS="500")
    except subprocess.TimeoutExpired:
        pytest.fail(f"the frozen GUI did not quit within {GUI_TIMEOUT_S} s although PIA_DESKTOP_QUIT_AFTER_MS=500 was set")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert sockets == []


def test_portable_zip_runs_from_a_folder_with_spaces_and_japanese_name(frozen: Path, tmp_path: Path) -> None:
    # Users unzip into folders like "ドキュメント\評価書 作成"; the frozen program must not care where it lives.
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import make_portable_zip
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    archive = make_portable_zip.make_zip(frozen.parent, tmp_path, __version__, "test")
    target = tmp_path / "ドキュメント" / "評価書 作成"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert f"PIA-Desktop-{__version__}/{make_portable_zip.README_NAME}" in names
        for info in zf.infolist():  # extractall drops the Unix mode bits and links; restore them as unzip would
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                link = target / info.filename
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(zf.read(info).decode())
                continue
            path = Path(zf.extract(info, target))
            if mode:
                path.chmod(mode & 0o777)
    assert any(stat.S_ISLNK(i.external_attr >> 16) for i in zf.infolist()) == any(p.is_symlink() for p in frozen.parent.rglob("*"))
    unpacked = target / f"PIA-Desktop-{__version__}" / frozen.name
    got = _run([str(unpacked)], ["check", "--json", str(FIXTURE)], tmp_path / "zip-home")
    want = _run([str(frozen)], ["check", "--json", str(FIXTURE)], tmp_path / "dist-home")
    assert want.returncode in (0, 1), want.stderr
    assert got.returncode == want.returncode, got.stderr
    assert json.loads(got.stdout) == json.loads(want.stdout)

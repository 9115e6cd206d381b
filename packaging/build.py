#!/usr/bin/env python3
"""Build the PIA Desktop folder bundle (PyInstaller onedir) and, on request, the portable ZIP and the
Windows installer.

    python packaging/build.py              # dist/pia-desktop/ (skipped when nothing changed since the last build)
    python packaging/build.py --force      # rebuild even if up to date
    python packaging/build.py --zip        # also dist/PIA-Desktop-<version>-<platform>-portable.zip (+ .sha256)
    python packaging/build.py --installer  # Windows: also the per-user installer via Inno Setup (ISCC.exe; reused while
                                           # the bundle and the .iss are unchanged)
    python packaging/build.py --smoke      # then run the frozen program: --version, check and export-pdf of seed 003

Run it with the project's environment (``.venv``) after ``pip install -e .[package]``. A build is "up to
date" when a hash over every input (sources, forms, resources, docs, this folder, pyproject.toml, the
installed distributions and the Python version) equals the one recorded in dist/pia-desktop/build-info.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "pia-desktop.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "pia-desktop"
BUILD_INFO = "build-info.json"
EXE_SUFFIX = ".exe" if os.name == "nt" else ""

# Folders whose content goes into the bundle or decides how it is built.
INPUT_DIRS = ("pia_desktop", "forms", "resources", "docs", "packaging")
SKIP_PARTS = {"__pycache__", ".mypy_cache", ".ruff_cache"}


def executable(bundle: Path = BUNDLE) -> Path:
    return bundle / f"pia-desktop{EXE_SUFFIX}"


def app_version() -> str:
    namespace: dict[str, str] = {}
    init = (ROOT / "pia_desktop" / "__init__.py").read_text(encoding="utf-8")
    for line in init.splitlines():
        if line.startswith("__version__"):
            exec(line, namespace)
    return namespace["__version__"]


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def input_hash() -> str:
    """A hash over everything the bundle is made from; equal hashes mean an equal bundle."""
    h = hashlib.sha256()
    files = [ROOT / "pyproject.toml"]
    for name in INPUT_DIRS:
        files += [p for p in (ROOT / name).rglob("*") if p.is_file() and not SKIP_PARTS & set(p.parts) and p.suffix != ".pyc"]
    for path in sorted(files):
        h.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    dists = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    h.update("\n".join([sys.version, platform_tag(), *dists]).encode())
    return h.hexdigest()


def read_build_info(bundle: Path = BUNDLE) -> dict[str, object] | None:
    try:
        return json.loads((bundle / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def up_to_date(digest: str) -> bool:
    info = read_build_info()
    return bool(info and info.get("input_hash") == digest and executable().is_file())


def bundle_size(bundle: Path = BUNDLE) -> int:
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit("PyInstaller がありません。先に  pip install -e .[package]  を実行してください。")
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def build(force: bool = False) -> Path:
    digest = input_hash()
    if not force and up_to_date(digest):
        print(f"{BUNDLE} は最新です（入力に変更なし）。再作成は --force。", flush=True)
        return BUNDLE
    started = time.monotonic()
    run_pyinstaller()
    seconds = round(time.monotonic() - started, 1)
    info = {
        "name": "PIA Desktop",
        "version": app_version(),
        "platform": platform_tag(),
        "python": platform.python_version(),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "build_seconds": seconds,
        "input_hash": digest,
        "commit": git_commit(),
    }
    (BUNDLE / BUILD_INFO).write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"作成しました: {BUNDLE}（{bundle_size() / 2**20:.0f} MiB、{seconds} 秒）", flush=True)
    return BUNDLE


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def build_installer(force: bool = False) -> Path:
    """Compile packaging/windows/pia-desktop.iss with Inno Setup 6 (Windows only); skipped when the setup.exe
    was made from this very bundle and script (compiling takes minutes)."""
    if os.name != "nt":
        sys.exit("インストーラは Windows 上でのみ作成できます（Inno Setup 6 の ISCC.exe を使用）。")
    script = PACKAGING / "windows" / "pia-desktop.iss"
    setup = DIST / f"PIA-Desktop-{app_version()}-setup.exe"
    stamp = WORK.parent / "installer-input.txt"
    made_from = hashlib.sha256(f"{(read_build_info() or {}).get('input_hash')}\n".encode() + script.read_bytes()).hexdigest()
    if not force and setup.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == made_from:
        print(f"{setup} は最新です（同じバンドルと .iss から作成済み）。再作成は --force。", flush=True)
        write_sha256(setup)
        return setup
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    # Inno Setup 6 installs per machine (Program Files) or, without admin rights, under %LOCALAPPDATA%\Programs.
    bases = [os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES"), os.environ.get("LOCALAPPDATA")]
    candidates = [Path(b) / "Inno Setup 6" / "ISCC.exe" for b in bases if b]
    candidates += [Path(b) / "Programs" / "Inno Setup 6" / "ISCC.exe" for b in bases[2:] if b]
    iscc = iscc or next((str(c) for c in candidates if c.is_file()), None)
    if not iscc:
        sys.exit("ISCC.exe（Inno Setup 6）が見つかりません。PATH に追加するか Inno Setup 6 を導入してください。")
    subprocess.run([iscc, f"/DAppVersion={app_version()}", f"/DBundleDir={BUNDLE}", f"/DOutputDir={DIST}", str(script)], check=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(made_from, encoding="utf-8")
    write_sha256(setup)
    return setup


# What only a crash prints: CPython's traceback and the PyInstaller bootloader's own error lines.
CRASH_MARKERS = ("Traceback (most recent call last)", "[PYI-", "Failed to execute script")


def smoke(program: list[str] | None = None) -> None:
    """Run the frozen program once per kind of work on the seed 003 fixture: the built folder really works.

    Seed 003 has no errors, so every step must exit 0 and print no traceback: exit 1 is also what a crash
    gives, so accepting it let a crashing ``check`` through. Output is read as UTF-8, as the CLI writes it
    to a pipe on every platform.
    """
    program = program or [str(executable())]
    fixture = ROOT / "tests" / "fixtures" / "seed-003.json"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PIA_DESKTOP_HOME": str(Path(tmp) / "home")}
        pdf = Path(tmp) / "seed-003.pdf"
        steps = [["--version"], ["check", str(fixture)], ["check", "--json", str(fixture)],
                 ["export-pdf", str(fixture), str(pdf)]]
        for args in steps:
            proc = subprocess.run([*program, *args], capture_output=True, env=env, cwd=tmp, timeout=300)
            out, err = (b.decode("utf-8", "replace") for b in (proc.stdout, proc.stderr))
            last = (out.strip() or err.strip()).splitlines()[-1:] or [""]
            print(f"  pia-desktop {' '.join(args[:2])}: 終了コード {proc.returncode}  {last[0][:120]}", flush=True)
            crashed = [m for m in CRASH_MARKERS if m in out or m in err]
            if proc.returncode != 0 or crashed:
                sys.exit(f"動作確認に失敗しました: pia-desktop {' '.join(args)}（終了コード {proc.returncode}"
                         f"{'、異常終了の表示あり' if crashed else ''}）\n{err[-4000:]}")
            if "--json" in args and not _is_json(out):
                sys.exit(f"動作確認に失敗しました: pia-desktop {' '.join(args)} の出力が JSON として読めません")
        if not pdf.is_file():
            sys.exit(f"動作確認に失敗しました: PDF {pdf.name} が作成されていません")
        print(f"動作確認: 問題なし（PDF {pdf.stat().st_size // 1024} KiB）", flush=True)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def write_sha256(path: Path) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    out = path.with_name(path.name + ".sha256")
    out.write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    print(f"SHA-256 {digest}  {path.name}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--force", action="store_true", help="rebuild even when the bundle is up to date")
    parser.add_argument("--zip", action="store_true", help="also build the portable ZIP")
    parser.add_argument("--installer", action="store_true", help="also build the Windows installer (Inno Setup 6)")
    parser.add_argument("--smoke", action="store_true", help="run the frozen program on the seed 003 fixture (check, PDF)")
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # a console or pipe in cp932 must not stop the build over a "›"
        stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    build(force=args.force)
    if args.smoke:
        smoke()
    if args.zip:
        from make_portable_zip import make_zip  # same folder

        write_sha256(make_zip(BUNDLE, DIST, app_version(), platform_tag()))
    if args.installer:
        build_installer(force=args.force)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(PACKAGING))
    sys.exit(main())

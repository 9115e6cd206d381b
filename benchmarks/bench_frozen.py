"""Size and start time of the frozen program (PyInstaller onedir bundle in dist/pia-desktop).

    .venv/bin/python benchmarks/bench_frozen.py [--build] [--cold 5] [--warm 10] [--zip-size] [--json]

--build runs scripts/build-bundle first (reused when up to date) and reports its wall time.

"Cold" runs first evict every file of the bundle from the page cache (fsync, then
posix_fadvise(DONTNEED); no root needed), so the program's own 200 MB are read from disk again as on a
first start after boot. System libraries (libc, X11, fontconfig) stay cached, as they would on a desktop.
"Warm" runs follow each other directly.

Target on the CI machine: the frozen program starts in ≤ 2 s (GUI up and quit, or `check` on seed 003
where no GUI is built yet).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "pia-desktop"
EXE = BUNDLE / ("pia-desktop.exe" if os.name == "nt" else "pia-desktop")
FIXTURE = ROOT / "tests" / "fixtures" / "seed-003.json"
TARGET_S = 2.0

# What each part of the bundle is, for the size breakdown (first match wins).
PARTS = [
    ("ICU data (Qt text handling)", ("libicu",)),
    ("Qt libraries and plugins", ("PySide6/Qt/", "libQt6")),
    ("PySide6 / shiboken bindings", ("PySide6/", "shiboken6", "libpyside6", "libshiboken6")),
    ("fonts (BIZ UD)", ("resources/fonts/",)),
    ("Python runtime and stdlib", ("libpython", "python3.", "base_library.zip", "lib-dynload")),
    ("PDF reading (pdfminer CJK maps, pdfplumber, pypdfium2, cryptography)", ("pdfminer", "pdfplumber", "pypdfium2",
                                                                             "cryptography", "libcrypto", "libssl")),
    ("Pillow", ("PIL/", "pillow.libs")),
]


def bundle_files() -> list[Path]:
    return [p for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()]


def size_report(files: list[Path]) -> dict[str, int]:
    parts: dict[str, int] = {name: 0 for name, _ in PARTS}
    parts["other (pydantic, ReportLab, system libraries, app code)"] = 0
    for path in files:
        rel = path.relative_to(BUNDLE).as_posix()
        name = next((n for n, keys in PARTS if any(k in rel for k in keys)), None)
        parts[name or "other (pydantic, ReportLab, system libraries, app code)"] += path.stat().st_size
    return parts


def zip_size(files: list[Path]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bundle.zip"
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in files:
                zf.write(path, path.relative_to(BUNDLE).as_posix())
        return out.stat().st_size


def evict(files: list[Path]) -> bool:
    """Drop the bundle's pages from the page cache; False where the OS offers no way (Windows)."""
    if not hasattr(os, "posix_fadvise"):
        return False
    os.sync()  # DONTNEED only drops clean pages
    for path in files:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
    return True


def timed(args: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    t = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, env=env, timeout=120)
    return time.perf_counter() - t, proc


def measure(name: str, args: list[str], env: dict[str, str], files: list[Path], cold: int, warm: int) -> dict[str, object]:
    try:
        _, proc = timed(args, env)  # also checks that the command works at all
    except subprocess.TimeoutExpired:
        return {"name": name, "error": "did not finish within 120 s (for the GUI: is PIA_DESKTOP_QUIT_AFTER_MS honoured?)"}
    if proc.returncode not in (0, 1):
        reason = (proc.stderr or proc.stdout).decode(errors="replace").strip().splitlines()
        return {"name": name, "error": reason[-1] if reason else f"exit {proc.returncode}"}
    colds = []
    for _ in range(cold if evict(files) else 0):
        evict(files)
        colds.append(timed(args, env)[0])
    warms = [timed(args, env)[0] for _ in range(warm)]
    return {"name": name, "cold_s": colds, "warm_s": warms,
            "cold_median_s": statistics.median(colds) if colds else None, "warm_median_s": statistics.median(warms)}


def fmt(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds:.3f} s"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", action="store_true", help="run scripts/build-bundle first")
    ap.add_argument("--cold", type=int, default=5, help="cold runs per command (page cache evicted before each)")
    ap.add_argument("--warm", type=int, default=10, help="warm runs per command")
    ap.add_argument("--zip-size", action="store_true", help="also measure the deflate-compressed size (portable ZIP)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    result: dict[str, object] = {}
    if args.build:
        t = time.perf_counter()
        subprocess.run([str(ROOT / "scripts" / "build-bundle")], cwd=ROOT, check=True)
        result["build_wall_s"] = round(time.perf_counter() - t, 1)
    if not EXE.is_file():
        sys.exit(f"{EXE} がありません。scripts/build-bundle で作成するか --build を付けてください。")
    info_path = BUNDLE / "build-info.json"
    if info_path.is_file():
        result["build_info"] = json.loads(info_path.read_text(encoding="utf-8"))

    files = bundle_files()
    total = sum(p.stat().st_size for p in files)
    result.update(bundle_bytes=total, bundle_files=len(files), parts=size_report(files))
    if args.zip_size:
        result["zip_bytes"] = zip_size(files)

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "PIA_DESKTOP_HOME": home}
        gui_env = {**env, "PIA_DESKTOP_QUIT_AFTER_MS": "0"}
        runs = [
            measure("frozen: pia-desktop --version", [str(EXE), "--version"], env, files, args.cold, args.warm),
            measure("frozen: pia-desktop check seed-003", [str(EXE), "check", str(FIXTURE)], env, files, args.cold, args.warm),
            measure("frozen: pia-desktop export-pdf seed-003", [str(EXE), "export-pdf", str(FIXTURE), str(Path(home) / "out.pdf")],
                    env, files, args.cold, args.warm),
            measure("frozen: GUI start and quit (PIA_DESKTOP_QUIT_AFTER_MS=0)", [str(EXE), "gui"], gui_env, files, args.cold,
                    args.warm),
            measure("source: python -m pia_desktop --version", [sys.executable, "-m", "pia_desktop", "--version"], env, [],
                    0, args.warm),
        ]
    result["runs"] = runs
    start = next((r for r in runs if "GUI" in str(r["name"]) and "error" not in r), runs[1])
    start_s = start.get("cold_median_s") or start.get("warm_median_s")
    result["start_target"] = {"measured": start["name"], "seconds": start_s, "target_s": TARGET_S,
                              "met": start_s is not None and start_s <= TARGET_S}

    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    info = result.get("build_info") or {}
    print(f"bundle {BUNDLE} ({info.get('platform', '?')}, built in {info.get('build_seconds', '?')} s, commit {info.get('commit')})")
    if "build_wall_s" in result:
        print(f"scripts/build-bundle wall time this run: {result['build_wall_s']} s")
    print(f"size on disk: {total / 2**20:.1f} MiB in {len(files)} files")
    for name, size in sorted(size_report(files).items(), key=lambda kv: -kv[1]):
        print(f"  {size / 2**20:7.1f} MiB  {name}")
    if "zip_bytes" in result:
        print(f"deflate-compressed (portable ZIP): {int(result['zip_bytes']) / 2**20:.1f} MiB")  # type: ignore[call-overload]
    for r in runs:
        if "error" in r:
            print(f"{r['name']}: not measured ({r['error']})")
        else:
            print(f"{r['name']}: cold median {fmt(r['cold_median_s'])} (n={len(r['cold_s'])}, max {fmt(max(r['cold_s'], default=None))}), "  # type: ignore[arg-type]
                  f"warm median {fmt(r['warm_median_s'])} (n={len(r['warm_s'])})")  # type: ignore[arg-type]
    t = result["start_target"]
    print(f"start target ≤ {TARGET_S} s ({t['measured']}): {fmt(t['seconds'])} → {'met' if t['met'] else 'NOT met'}")  # type: ignore[index]
    return 0


if __name__ == "__main__":
    sys.exit(main())

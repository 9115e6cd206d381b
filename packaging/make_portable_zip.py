#!/usr/bin/env python3
"""Pack the folder bundle as the portable ZIP: unzip anywhere the user may write, start pia-desktop(.exe).

    python packaging/make_portable_zip.py [BUNDLE_DIR] [OUT_DIR]   # defaults: dist/pia-desktop, dist

The ZIP holds one top folder ``PIA-Desktop-<version>/`` with the bundle and a short Japanese note
(はじめにお読みください.txt). The user's data never goes into the program folder: the store lives in the
user's data folder (%LOCALAPPDATA%\\PIA Desktop), so replacing the folder with a newer ZIP keeps all drafts.
"""

from __future__ import annotations

import os
import stat
import sys
import time
import zipfile
from pathlib import Path

README_NAME = "はじめにお読みください.txt"
README_TEXT = """PIA Desktop {version}（ポータブル版）

1. この ZIP を、書き込みのできるフォルダ（例: ドキュメント）に展開してください。
2. 展開したフォルダの {program} を起動してください。管理者権限は不要です。
3. 入力した評価書は、プログラムのフォルダではなく、利用者のデータフォルダ
   （Windows: %LOCALAPPDATA%\\PIA Desktop）に保存されます。
   新しい版に更新するときは、古いフォルダを削除して新しい ZIP を展開してください。データはそのまま残ります。
4. このプログラムはネットワークに一切接続しません（更新の確認もしません）。

フォルダ内の THIRD-PARTY-NOTICES.txt に同梱ソフトウェアのライセンスを記載しています。
"""


def make_zip(bundle: Path, out_dir: Path, version: str, platform_tag: str) -> Path:
    if not bundle.is_dir():
        raise SystemExit(f"{bundle} がありません。先に packaging/build.py でバンドルを作成してください。")
    top = f"PIA-Desktop-{version}"
    out = out_dir / f"PIA-Desktop-{version}-{platform_tag}-portable.zip"
    tmp = out.with_suffix(".zip.part")
    windows = platform_tag.startswith("windows")
    files = sorted(bundle.rglob("*"))
    # The note is dated like the newest file of the bundle, not "now": the same bundle always gives the
    # same ZIP, so its SHA-256 (submitted for whitelisting) stays valid across rebuilds of the ZIP.
    newest = max((p.lstat().st_mtime for p in files), default=None)
    stamp = time.localtime(newest)[:6] if newest else (1980, 1, 1, 0, 0, 0)
    program = "PIADesktop.exe" if windows else "pia-desktop"
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in files:
            name = f"{top}/{path.relative_to(bundle).as_posix()}"
            if path.is_symlink():
                # PyInstaller links shared libraries on Linux (_internal/libQt6Gui.so.6 → PySide6/Qt/lib/…): keep
                # them as links, as unzip restores them, instead of storing each library twice.
                info = zipfile.ZipInfo(name, date_time=time.localtime(path.lstat().st_mtime)[:6])
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                info.create_system = 3  # Unix, so that the mode bits above are honoured
                zf.writestr(info, os.readlink(path))
            elif path.is_file():
                # ZipInfo.from_file keeps the Unix mode bits, so pia-desktop stays executable on Linux.
                info = zipfile.ZipInfo.from_file(path, name)
                info.compress_type = zipfile.ZIP_DEFLATED
                with path.open("rb") as src, zf.open(info, "w") as dst:
                    while chunk := src.read(1 << 20):
                        dst.write(chunk)
        note = README_TEXT.format(version=version, program=program)
        if windows:
            note = note.replace("\n", "\r\n")  # Notepad on older Windows shows bare LF as one line
        info = zipfile.ZipInfo(f"{top}/{README_NAME}", date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        zf.writestr(info, note.encode("utf-8-sig" if windows else "utf-8"))
    tmp.replace(out)
    print(f"作成しました: {out}（{out.stat().st_size / 2**20:.0f} MiB）", flush=True)
    return out


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import build  # same folder

    bundle = Path(argv[0]) if argv else build.BUNDLE
    out_dir = Path(argv[1]) if len(argv) > 1 else build.DIST
    build.write_sha256(make_zip(bundle, out_dir, build.app_version(), build.platform_tag()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

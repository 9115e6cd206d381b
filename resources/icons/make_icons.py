"""Render the application icon (pia-desktop.svg) to PNG sizes and a Windows .ico.

    .venv/bin/python resources/icons/make_icons.py

The PNGs are what the running application loads (no SVG plug-in needed); the .ico is for the
Windows executable and shortcuts.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage painting needs a GUI application
    renderer = QSvgRenderer(str(HERE / "pia-desktop.svg"))
    if not renderer.isValid():
        print("pia-desktop.svg を読めません", file=sys.stderr)
        return 1
    pngs: list[tuple[int, bytes]] = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = HERE / f"pia-desktop-{size}.png"
        image.save(str(out), "PNG")
        pngs.append((size, out.read_bytes()))
        print(out)
    ico = HERE / "pia-desktop.ico"
    ico.write_bytes(ico_from_pngs(pngs))
    print(ico)
    return 0


def ico_from_pngs(pngs: list[tuple[int, bytes]]) -> bytes:
    """A multi-size .ico whose entries are PNG streams (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in pngs:
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


if __name__ == "__main__":
    sys.exit(main())

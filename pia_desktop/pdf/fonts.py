"""The bundled BIZ UD fonts (SIL OFL, resources/fonts/), registered with ReportLab once per process.

TrueType outlines only: ReportLab embeds a subset of each font (the glyphs used) in every PDF.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from pia_desktop.domain.errors import PiaError
from pia_desktop.resources import resources_dir

GOTHIC = "PIA-BIZUDGothic"
GOTHIC_BOLD = "PIA-BIZUDGothic-Bold"
MINCHO = "PIA-BIZUDMincho"

_FILES = {
    GOTHIC: "BIZUDGothic-Regular.ttf",
    GOTHIC_BOLD: "BIZUDGothic-Bold.ttf",
    MINCHO: "BIZUDMincho-Regular.ttf",
}
_lock = threading.Lock()


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> None:
    """Register the fonts (idempotent, thread-safe: the GUI exports from a worker thread)."""
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FILES.items():
            if name in registered:
                continue
            path = fonts_dir() / filename
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except (OSError, TTFError) as exc:
                raise PiaError(f"PDF用のフォント {path} を読み込めません（{exc}）。アプリケーションを入れ直してください。") from exc

"""The bundled BIZ UD fonts (SIL OFL, resources/fonts/), registered with ReportLab once per process.

TrueType outlines only: ReportLab embeds a subset of each font (the glyphs used) in every PDF. Parsing
the three fonts costs more than a third of an export, so the parsed data comes from the font cache
(pia_desktop.pdf.font_cache, in the user's cache folder) after the first run; the GUI loads the fonts
in the background after start (``preload_in_background``), so its first export does not wait for them.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

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
# How each font was got in this process ("cache" or "parsed"): for the benchmarks and tests.
loaded_from: dict[str, str] = {}


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def font_file(name: str) -> Path:
    return fonts_dir() / _FILES[name]


def font_files() -> list[Path]:
    """The bundled font files, in a fixed order."""
    return [font_file(name) for name in _FILES]


def register_fonts() -> None:
    """Register the fonts (idempotent, thread-safe: the GUI exports from a worker thread)."""
    with _lock:
        # ReportLab is imported here, not at module level: importing this module (for the font names)
        # must stay cheap for the GUI and the CLI.
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError

        from pia_desktop.paths import cache_dir
        from pia_desktop.pdf.font_cache import load_font

        registered = set(pdfmetrics.getRegisteredFontNames())
        folder = cache_dir()
        for name, filename in _FILES.items():
            if name in registered:
                continue
            path = fonts_dir() / filename
            try:
                font, how = load_font(name, path, folder)
                pdfmetrics.registerFont(font)
            except (OSError, TTFError, ValueError, KeyError, IndexError) as exc:
                raise PiaError(f"PDF用のフォント {path} を読み込めません（{exc}）。アプリケーションを入れ直してください。") from exc
            loaded_from[name] = how


def preload_in_background() -> threading.Thread:
    """Register the fonts in a daemon thread (the GUI calls this once its first window is up). A failure
    is not reported here: the export calls ``register_fonts`` again and shows the error then."""

    def run() -> None:
        with contextlib.suppress(Exception):  # reported by the export that needs the fonts
            register_fonts()

    thread = threading.Thread(target=run, name="pia-font-preload", daemon=True)
    thread.start()
    return thread

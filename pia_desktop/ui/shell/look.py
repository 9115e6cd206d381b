"""The application's look: the bundled BIZ UD font, the icon, and the few colours the wizard uses.

The UI font is loaded from resources/fonts (never the system's), so the screen matches the PDF and
Japanese text renders the same on every PC.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QWidget

from pia_desktop.resources import resources_dir

UI_FONT_FILES = ("BIZUDGothic-Regular.ttf", "BIZUDGothic-Bold.ttf")
UI_FONT_POINT_SIZE = 10

# Marks in the wizard. Kept few and muted: clerks look at this screen for hours.
COLOR_STAR = "#b3261e"  # ※ (重要な変更の対象)
COLOR_MISSING = "#8a5a00"  # required but empty
COLOR_ERROR = "#b3261e"  # invalid value
COLOR_NA = "#6b6b6b"  # not applicable
COLOR_HEADING_BG = "#e8eef5"
COLOR_SAVED = "#2e6b34"
COLOR_HELP = "#33475b"
COLOR_HELP_BG = "#f4f7fa"
COLOR_FLASH = "#fff4c2"

# No application style sheet: Qt style sheets make every widget polish through QStyleSheetStyle,
# which made a 別添２ page with 80 rows take seconds to build. Fonts and palettes do the same job.
ROLE_POINT_SIZES = {"section": 15, "heading1": 12, "heading2": UI_FONT_POINT_SIZE, "title": 12}


def set_text_color(widget: QWidget, color: str) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
    palette.setColor(QPalette.ColorRole.Text, QColor(color))
    widget.setPalette(palette)


def set_background(widget: QWidget, color: str | None) -> None:
    """A filled background (heading bands, the flash after a jump); None returns to the default."""
    if color is None:
        widget.setAutoFillBackground(False)
        return
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(color))
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


def emphasize(widget: QWidget, role: str) -> None:
    """Headings: bold, larger for sections; a tinted band for second-level headings."""
    font = QFont(widget.font())
    font.setBold(True)
    font.setPointSize(ROLE_POINT_SIZES.get(role, UI_FONT_POINT_SIZE))
    widget.setFont(font)
    if role == "heading2":
        set_background(widget, COLOR_HEADING_BG)


def small(widget: QWidget, points: int = UI_FONT_POINT_SIZE - 1) -> None:
    font = QFont(widget.font())
    font.setPointSize(points)
    widget.setFont(font)


@cache
def load_ui_font() -> str:
    """Register the bundled fonts and return the UI font family ("" when the files are missing)."""
    family = ""
    for name in UI_FONT_FILES:
        path = resources_dir() / "fonts" / name
        if not path.exists():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and not family:
            family = families[0]
    return family


def ui_font() -> QFont:
    family = load_ui_font()
    font = QFont(family) if family else QFont()
    font.setPointSize(UI_FONT_POINT_SIZE)
    # Fall back to other Japanese fonts only for glyphs BIZ UD lacks.
    font.setFamilies([f for f in (family, "BIZ UDPGothic", "Yu Gothic UI", "Meiryo UI", "Noto Sans CJK JP") if f])
    return font


@cache
def app_icon() -> QIcon:
    icon = QIcon()
    folder = resources_dir() / "icons"
    for png in sorted(folder.glob("pia-desktop-*.png")):
        icon.addFile(str(png))
    return icon

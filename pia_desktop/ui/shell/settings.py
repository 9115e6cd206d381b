"""The GUI's own settings (recent store files, window sizes, the folders last used) in an INI file in the
user's data folder.

Only paths are kept here, never any content of an assessment.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from pia_desktop.paths import data_dir

MAX_RECENT = 8


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "settings.ini"
        self.qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def recent_stores(self) -> list[Path]:
        raw = self.qs.value("recent_stores", [])
        items = [raw] if isinstance(raw, str) else list(raw or [])
        return [Path(p) for p in items if p]

    def add_recent_store(self, path: Path) -> None:
        path = Path(path).resolve()
        items = [p for p in self.recent_stores() if p != path]
        items.insert(0, path)
        self.qs.setValue("recent_stores", [str(p) for p in items[:MAX_RECENT]])
        self.qs.sync()

    def sample_offered(self, store: Path) -> bool:
        offered = self.qs.value("sample_offered", [])
        items = [offered] if isinstance(offered, str) else list(offered or [])
        return str(Path(store).resolve()) in items

    def mark_sample_offered(self, store: Path) -> None:
        offered = self.qs.value("sample_offered", [])
        items = [offered] if isinstance(offered, str) else list(offered or [])
        items.append(str(Path(store).resolve()))
        self.qs.setValue("sample_offered", items)
        self.qs.sync()

    def geometry(self) -> bytes | None:
        value = self.qs.value("window_geometry")
        return bytes(value) if value is not None else None  # type: ignore[arg-type]

    def set_geometry(self, data: bytes) -> None:
        self.qs.setValue("window_geometry", data)
        self.qs.sync()

    # -- every window's size and place (ui/shell/screen_fit.py) ---------------------------------------------

    def window_rect(self, key: str) -> tuple[tuple[int, int, int, int], bool] | None:
        """(x, y, width, height) and whether maximised, as last saved for the window ``key``."""
        raw = self.qs.value(f"windows/{key}")
        items = [raw] if isinstance(raw, str) else list(raw or [])
        try:
            x, y, w, h, maximized = (int(v) for v in items)
        except (TypeError, ValueError):  # absent, or written by hand
            return None
        return (x, y, w, h), bool(maximized)

    def set_window_rect(self, key: str, rect: tuple[int, int, int, int], maximized: bool) -> None:
        self.qs.setValue(f"windows/{key}", [str(v) for v in (*rect, int(maximized))])
        self.qs.sync()

    # -- the folder each kind of file was last chosen in ---------------------------------------------

    def last_folder(self, purpose: str) -> Path | None:
        """The folder a file for ``purpose`` (pdf, json, import, store, list) was last chosen in, if it exists."""
        raw = self.qs.value(f"folders/{purpose}")
        path = Path(str(raw)) if raw else None
        return path if path is not None and path.is_dir() else None

    def set_last_folder(self, purpose: str, folder: Path) -> None:
        self.qs.setValue(f"folders/{purpose}", str(folder))
        self.qs.sync()


def start_folder(purpose: str, fallback: Path | None = None) -> Path:
    """Where a file dialog for ``purpose`` opens: the folder last used for it, else ``fallback``, else home."""
    return Settings().last_folder(purpose) or fallback or Path.home()


def remember_folder(purpose: str, chosen: Path) -> None:
    """A file was chosen for ``purpose``: its folder is offered the next time."""
    Settings().set_last_folder(purpose, Path(chosen).parent)

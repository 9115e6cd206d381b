"""Where the store lives: the user's data folder, PIA_DESKTOP_HOME, or --store."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_HOME = "PIA_DESKTOP_HOME"
STORE_FILENAME = "pia-desktop.sqlite3"


def data_dir() -> Path:
    """The folder for the store, backups and settings. PIA_DESKTOP_HOME replaces it (tests, scripts)."""
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("PIA Desktop", appauthor=False, roaming=False))


def cache_dir() -> Path:
    """The folder for rebuildable caches (parsed fonts): ``PIA_DESKTOP_HOME/cache`` when that is set,
    else the user's cache folder (``%LOCALAPPDATA%\\PIA Desktop\\Cache`` on Windows, ``~/.cache/PIA Desktop``
    on Linux). Anything in it may be deleted at any time."""
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override) / "cache"
    return Path(platformdirs.user_cache_dir("PIA Desktop", appauthor=False))


def default_store_path() -> Path:
    return data_dir() / STORE_FILENAME


def resolve_store_path(explicit: str | os.PathLike[str] | None) -> Path:
    return Path(explicit) if explicit else default_store_path()


def is_network_path(path: Path) -> bool:
    """True for UNC paths (\\\\server\\share) and mapped network drives, where WAL must not be used."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive:
            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4  # DRIVE_REMOTE
    return False

"""Rotating daily backups of a store, taken with SQLite's online backup API (safe while it is open).

Backups live beside the store in ``<store name>.backups/`` — one file a day, the last ten days kept.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

KEEP_DAYS = 10
_NAME = re.compile(r"^(?P<stem>.+)-(?P<day>\d{4}-\d{2}-\d{2})(?P<extra>-[\w-]+)?\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    path: Path
    day: date
    label: str  # "" for the daily copy, "復元前" for the copy taken before a restore

    @property
    def modified(self) -> datetime:
        return datetime.fromtimestamp(self.path.stat().st_mtime)


def backup_dir(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".backups")


def _copy(src: Path, dst: Path) -> None:
    """Online backup into a temporary file, then rename, so a half-written backup never exists."""
    tmp = dst.with_suffix(".partial")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as source, sqlite3.connect(tmp) as target:
        source.backup(target)
    source.close()
    target.close()
    tmp.replace(dst)


def list_backups(store_path: Path) -> list[Backup]:
    folder = backup_dir(store_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.sqlite3"):
        m = _NAME.match(path.name)
        if m:
            label = "復元前" if m.group("extra") else ""
            found.append(Backup(path, date.fromisoformat(m.group("day")), label))
    return sorted(found, key=lambda b: (b.day, b.path.stat().st_mtime), reverse=True)


def daily_backup(store_path: Path, today: date | None = None) -> Path | None:
    """Take today's backup if there is none yet, and drop those older than the last KEEP_DAYS days."""
    if not store_path.exists():
        return None
    today = today or date.today()
    folder = backup_dir(store_path)
    folder.mkdir(exist_ok=True)
    target = folder / f"{store_path.stem}-{today.isoformat()}.sqlite3"
    made = None
    if not target.exists():
        _copy(store_path, target)
        made = target
    days = sorted({b.day for b in list_backups(store_path)}, reverse=True)
    for b in list_backups(store_path):
        if b.day not in days[:KEEP_DAYS]:
            b.path.unlink(missing_ok=True)
    return made


def restore_backup(backup: Path, store_path: Path) -> Path:
    """Replace the store's content with a backup; the current content is kept as a 復元前 backup first.

    Uses the backup API into the live file, so other connections see a consistent database.
    Returns the path of the safety copy.
    """
    probe = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        result = str(probe.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        result = str(exc)
    finally:
        probe.close()
    if result != "ok":
        from pia_desktop.storage.store import StoreError

        raise StoreError(f"バックアップ {backup.name} は壊れているため復元できません（{result}）")
    stamp = datetime.now().strftime("%H%M%S")
    safety = backup_dir(store_path) / f"{store_path.stem}-{date.today().isoformat()}-before-restore-{stamp}.sqlite3"
    safety.parent.mkdir(exist_ok=True)
    if store_path.exists():
        _copy(store_path, safety)
    with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as source, sqlite3.connect(store_path) as target:
        source.backup(target)
    source.close()
    target.close()
    return safety

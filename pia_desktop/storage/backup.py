"""Rotating daily backups of a store, taken with SQLite's online backup API (safe while it is open).

Backups live beside the store in ``<store name>.backups/`` — one file a day, the last ten days kept.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pia_desktop.storage.errors import (
    StoreError,
    StoreForeignError,
    StoreFullError,
    StoreReadOnlyError,
    classify,
    foreign_error,
)
from pia_desktop.storage.opening import readonly_uri
from pia_desktop.storage.schema import foreign_reason

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
    """Online backup into a temporary file, then rename, so a half-written backup never exists: the temporary
    file is removed on any failure (a full disk included)."""
    tmp = dst.with_name(dst.name + ".partial")
    try:
        tmp.unlink(missing_ok=True)
        source = sqlite3.connect(readonly_uri(src), uri=True)
        try:
            target = sqlite3.connect(tmp)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        tmp.replace(dst)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise


def _as_store_error(exc: BaseException, where: Path, store_path: Path) -> StoreError:
    """The Japanese message for a failed backup: the disk is full, the folder is read-only, or the store is damaged."""
    err = classify(exc, where)
    if isinstance(err, StoreFullError):
        return StoreFullError(f"ディスクがいっぱいのため、バックアップ（{where}）を作成できませんでした。"
                              f"保存ファイル {store_path} の内容は失われていません。空きを作ってから、もう一度実行してください。")
    if isinstance(err, StoreReadOnlyError):
        return StoreReadOnlyError(f"バックアップのフォルダ {where} に書き込めないため（読み取り専用）、バックアップを作成できませんでした。"
                                  f"保存ファイル {store_path} の内容は失われていません。")
    return err


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
    _refuse_foreign(store_path)
    today = today or date.today()
    folder = backup_dir(store_path)
    target = folder / f"{store_path.stem}-{today.isoformat()}.sqlite3"
    made = None
    try:
        folder.mkdir(exist_ok=True)
        if not target.exists():
            _copy(store_path, target)
            made = target
        days = sorted({b.day for b in list_backups(store_path)}, reverse=True)
        for b in list_backups(store_path):
            if b.day not in days[:KEEP_DAYS]:
                b.path.unlink(missing_ok=True)
    except (OSError, sqlite3.Error) as exc:
        raise _as_store_error(exc, folder, store_path) from exc
    return made


def restore_backup(backup: Path, store_path: Path) -> Path:
    """Replace the store's content with a backup; the current content is kept as a 復元前 backup first.

    Uses the backup API into the live file, so other connections see a consistent database.
    Returns the path of the safety copy.
    """
    problem = _backup_problem(backup)
    if problem:
        raise StoreError(f"バックアップ {backup.name} は{problem}ため復元できません")
    if store_path.exists():
        _refuse_foreign(store_path)  # never overwrite another program's database
    stamp = datetime.now().strftime("%H%M%S")
    safety = backup_dir(store_path) / f"{store_path.stem}-{date.today().isoformat()}-before-restore-{stamp}.sqlite3"
    try:
        safety.parent.mkdir(exist_ok=True)
        if store_path.exists():
            _copy(store_path, safety)
    except (OSError, sqlite3.Error) as exc:
        raise _as_store_error(exc, safety.parent, store_path) from exc
    try:
        source = sqlite3.connect(readonly_uri(backup), uri=True)
        try:
            target = sqlite3.connect(store_path)
            try:
                source.backup(target)  # one transaction: on failure the store keeps its content
            finally:
                target.close()
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        raise classify(exc, store_path) from exc
    return safety


def _backup_problem(backup: Path) -> str:
    """Why ``backup`` cannot be restored ("…ため" reads after it), or "" when it is a sound PIA store."""
    try:
        probe = sqlite3.connect(readonly_uri(backup), uri=True)
    except sqlite3.Error as exc:
        return f"開けない（{exc}）"
    try:
        result = str(probe.execute("PRAGMA integrity_check").fetchone()[0])
        if result != "ok":
            return f"壊れている（{result}）"
        if foreign_reason(probe):
            return "PIA Desktop の保存ファイルではない（他のアプリケーションのデータベース）"
        return ""
    except sqlite3.DatabaseError as exc:
        return f"壊れている（{exc}）"
    finally:
        probe.close()


def _refuse_foreign(store_path: Path) -> None:
    """StoreForeignError when ``store_path`` is not a PIA store (read-only look; nothing is written)."""
    if store_path.stat().st_size == 0:
        return
    try:
        probe = sqlite3.connect(readonly_uri(store_path), uri=True)
        try:
            reason = foreign_reason(probe)
        finally:
            probe.close()
    except sqlite3.Error as exc:
        err = classify(exc, store_path)
        if isinstance(err, StoreForeignError):
            raise err from exc
        return  # damaged or busy: the backup itself says so (a damaged store is worth a copy)
    if reason:
        raise foreign_error(store_path, reason)

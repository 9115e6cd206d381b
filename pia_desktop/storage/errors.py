"""What went wrong with a store, named for what it is, so the advice fits: a full disk or a read-only file is
never "restore from a backup" (that would replace today's work with last night's copy)."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from pia_desktop.domain.errors import PiaError


class StoreError(PiaError):
    """The store cannot be opened or used; the message says what to do."""


class StoreFullError(StoreError):
    """The disk (or the user's quota) is full: nothing was lost, nothing more can be saved until space is freed."""


class StoreReadOnlyError(StoreError):
    """The store file or its folder cannot be written (file attribute, folder permission, read-only media)."""


class StoreBusyError(StoreError):
    """Another program holds the database for writing longer than we wait."""


class StoreDamagedError(StoreError):
    """The file is a SQLite database that fails its checks: a backup may be needed."""


class StoreForeignError(StoreError):
    """The file is not a PIA Desktop store (another program's database, or not a database at all)."""


_SQLITE_FULL, _SQLITE_READONLY, _SQLITE_BUSY, _SQLITE_LOCKED = 13, 8, 5, 6
_SQLITE_CORRUPT, _SQLITE_NOTADB, _SQLITE_CANTOPEN, _SQLITE_PERM, _SQLITE_IOERR = 11, 26, 14, 3, 10
NEARLY_FULL_BYTES = 1024 * 1024
_READONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def folder_writable(path: Path) -> bool:
    folder = Path(path).parent
    return os.access(folder if folder.exists() else folder.parent, os.W_OK)


def file_writable(path: Path) -> bool:
    path = Path(path)
    return not path.exists() or os.access(path, os.W_OK)


def full_error(path: Path, *, opened_readonly: bool = False) -> StoreFullError:
    then = "読み取り専用で開きました。" if opened_readonly else ""
    return StoreFullError(
        f"保存先のディスクがいっぱいのため、保存ファイル {path} に書き込めません。{then}保存済みの内容は失われていません。"
        "不要なファイルを削除するなどして空きを作ってから、もう一度操作してください。"
    )


def readonly_error(path: Path, *, opened_readonly: bool = False) -> StoreReadOnlyError:
    path = Path(path)
    if not folder_writable(path):
        what = f"保存ファイルのフォルダ {path.parent} に書き込めません（読み取り専用のフォルダ又は媒体）"
    elif not file_writable(path):
        what = f"保存ファイル {path} が読み取り専用です（ファイルの属性又はアクセス権）"
    else:
        what = f"保存ファイル {path} に書き込めません（読み取り専用）"
    then = "読み取り専用で開きました。編集するには" if opened_readonly else "編集するには"
    return StoreReadOnlyError(f"{what}。{then}、書き込めるフォルダにコピーするか、管理者に書き込み権限を依頼してください。"
                              "保存済みの内容は失われていません。")


def disk_nearly_full(path: Path) -> bool:
    """Less than NEARLY_FULL_BYTES free where ``path`` is (False when that cannot be told)."""
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def io_error(path: Path, exc: BaseException) -> StoreError:
    return StoreError(f"保存ファイル {path} の読み書きに失敗しました（{exc}）。保存済みの内容は失われていません。"
                      "ディスクの空きや接続（ネットワークのフォルダなど）を確かめてから、もう一度操作してください。")


def busy_error(path: Path) -> StoreBusyError:
    return StoreBusyError(f"保存ファイル {path} は別のプログラムが書き込み中です。しばらく待ってから、もう一度操作してください。")


def damaged_error(path: Path, detail: object) -> StoreDamagedError:
    return StoreDamagedError(
        f"保存ファイル {path} を読み書きできません（{detail}）。ファイルが壊れている可能性があります。"
        "「pia-desktop store check」で確認し、壊れているときはバックアップから復元してください。"
    )


def foreign_error(path: Path, detail: str) -> StoreForeignError:
    return StoreForeignError(f"保存ファイル {path} は PIA Desktop の保存ファイルではありません（{detail}）。"
                             "何も書き込んでいません。保存ファイルの指定を確かめてください。")


def classify(exc: BaseException, path: Path) -> StoreError:
    """The StoreError for an exception raised while using the store at ``path``."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return full_error(path)
        if exc.errno in _READONLY_ERRNOS or isinstance(exc, PermissionError):
            return readonly_error(path)
        return StoreError(f"保存ファイル {path} を読み書きできません（{exc.strerror or exc}）。")
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        text = str(exc).lower()
        if primary == _SQLITE_FULL or "disk is full" in text:
            return full_error(path)
        if primary in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly database" in text:
            return readonly_error(path)
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
            return busy_error(path)
        if primary == _SQLITE_CANTOPEN or "unable to open" in text:
            if not (file_writable(path) and folder_writable(path)):
                return readonly_error(path)
            return StoreError(f"保存ファイル {path} を開けません（{exc}）。フォルダの場所と権限を確認してください。")
        if primary == _SQLITE_IOERR or "disk i/o error" in text:
            # SQLite reports a write that failed for want of space as an I/O error too
            return full_error(path) if disk_nearly_full(path) else io_error(path, exc)
        if primary == _SQLITE_NOTADB or "not a database" in text:
            return foreign_error(path, "SQLite のデータベースではありません。別の種類のファイルか、先頭が壊れています")
    return damaged_error(path, exc)


def opened_readonly_notice(exc: BaseException, path: Path) -> str:
    """What the window says when the store's lock file cannot be written (``StoreLock.acquire`` raised ``exc``)
    and the store is therefore opened read-only."""
    err = classify(exc, path)
    if isinstance(err, StoreFullError):
        return full_error(path, opened_readonly=True).message
    if isinstance(err, StoreReadOnlyError):
        return readonly_error(path, opened_readonly=True).message
    return f"保存ファイル {path} の使用状況を記録できないため（{exc}）、読み取り専用で開きました。保存済みの内容は失われていません。"

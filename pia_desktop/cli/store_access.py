"""How the command line opens the store: commands that only read open it read-only (they work in a read-only
folder and beside a window that is editing it); commands that write take the store's lock for their duration and
refuse while another live holder has it, naming the holder, unless ``--force`` is given."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pia_desktop.domain.errors import PiaError
from pia_desktop.storage.errors import classify
from pia_desktop.storage.lock import StoreLock, StoreLocked

if TYPE_CHECKING:
    from pia_desktop.storage.store import Store


def store_path(args: argparse.Namespace) -> Path:
    from pia_desktop.paths import resolve_store_path

    return resolve_store_path(getattr(args, "store", None))


def add_force_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true",
                   help="保存ファイルを他の人（画面）が使用中でも書き込む（相手の変更と重なるおそれがあります）")


@contextmanager
def store_lock(path: Path, *, force: bool = False, doing: str = "書き込み") -> Iterator[None]:
    """Hold the store's lock while the block runs. A lock left by this user's ended program on this computer, or
    any stale lock, is taken over (and said so on stderr); a live holder's lock refuses, or with ``force`` is
    left in place (the holder keeps it) and the block runs anyway."""
    lock = StoreLock(path)
    try:
        try:
            result = lock.acquire()
        except StoreLocked as exc:
            if exc.stale:
                result = lock.acquire(take_over_stale=True)
            elif force:
                print(f"警告: 保存ファイル {path} は {exc.info.describe()} が使用中ですが、--force の指定により{doing}ます。",
                      file=sys.stderr)
                yield
                return
            else:
                raise PiaError(
                    f"保存ファイル {path} は {exc.info.describe()} が使用中のため、{doing}ませんでした。"
                    "画面で保存ファイルを閉じてから実行してください（使用中でも実行するには --force を付けます。"
                    "相手の変更と重なるおそれがあります）。"
                ) from None
    except OSError as exc:  # the lock file cannot be made: a read-only folder, a full disk
        raise classify(exc, path) from exc
    notice = result.notice()
    if notice:
        print(f"注意: {notice}", file=sys.stderr)
    try:
        yield
    finally:
        lock.release()


@contextmanager
def writing_store(args: argparse.Namespace) -> Iterator[Store]:
    """The store opened for writing, under its lock (``args.force`` overrides a live holder)."""
    from pia_desktop.storage.store import Store  # sqlite_utils and the store: only for commands that open one

    path = store_path(args)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # first use: the data folder does not exist yet
    except OSError as exc:
        raise classify(exc, path) from exc
    with store_lock(path, force=bool(getattr(args, "force", False))), Store(path) as store:
        if store.readonly:
            raise PiaError(store.readonly_reason)
        yield store


def reading_store(args: argparse.Namespace) -> Store | None:
    """The store opened read-only; None when it does not exist yet (nothing to list)."""
    from pia_desktop.storage.store import Store  # sqlite_utils and the store: only for commands that open one

    path = store_path(args)
    if not path.exists():
        return None
    return Store(path, readonly=True)


@contextmanager
def summarizing_store(args: argparse.Namespace) -> Iterator[Store]:
    """For lists that read every 評価書's 点検 summary: the store opened for writing under its lock when it is
    free, so the summaries it computes are kept for next time; read-only while someone is editing it (the
    list is the same, only slower)."""
    from pia_desktop.storage.store import Store  # sqlite_utils and the store: only for commands that open one

    path = store_path(args)
    if not path.exists():
        raise PiaError(f"保存ファイル {path} が見つかりません")
    lock = StoreLock(path)
    try:
        lock.acquire()
    except (StoreLocked, OSError):
        with Store(path, readonly=True) as store:
            yield store
        return
    try:
        with Store(path) as store:
            yield store
    finally:
        lock.release()

"""The store behind the main window: opening one (taking its lock), the recent list, the daily backup.

A mixin of ``MainWindow``: it sets ``self.store`` and ``self.lock`` and tells the window through
``sync_actions`` when they change.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from pia_desktop.domain.errors import PiaError
from pia_desktop.storage.errors import opened_readonly_notice
from pia_desktop.storage.lock import StoreLock, StoreLocked
from pia_desktop.storage.store import Store

if TYPE_CHECKING:
    from pia_desktop.ui.shell.main_window import MainWindow

LOCK_REFRESH_MS = 10 * 60 * 1000
BACKUP_DELAY_MS = 5000
VERIFY_DELAY_MS = 1500


class BackupNotice(QObject):
    """Carries a failed backup's message from the worker thread to the status line (queued)."""

    failed = Signal(str)


class StoreWindow:
    """Mixed into MainWindow (``self`` is the window)."""

    def _start_store_timers(self: MainWindow) -> None:
        self._backup_notice = BackupNotice(self)
        self._backup_notice.failed.connect(self._quiet_message)
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(LOCK_REFRESH_MS)
        self._lock_timer.timeout.connect(self._refresh_lock)
        self._lock_timer.start()

    def open_store(self: MainWindow, path: Path, *, remember: bool = True) -> bool:
        """Open another store file (taking its lock); the open assessment is closed first."""
        path = Path(path)
        if self.store is not None and path.resolve() == self.store.path.resolve():
            self.close_assessment()  # the store is already open (and locked by us): just show its list
            self.home.refresh()
            self.stack.setCurrentWidget(self.home)
            return True
        lock, readonly, notice = StoreLock(path), False, None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # first start: the data folder does not exist yet
            notice = lock.acquire().notice()  # free, ours, or left by this user's ended program: taken (with a notice)
        except StoreLocked as exc:
            choice = self.dialogs.ask_locked(self, exc.info.describe(), exc.stale)
            if choice.action == "takeover" and self.dialogs.confirm(self, "引き継いで編集", exc.takeover_warning(), "引き継ぐ"):
                notice = lock.acquire(take_over=True).notice()
            elif choice.action in ("readonly", "takeover"):
                readonly = True
                notice = f"{exc.info.describe()} が使用中のため、読み取り専用で開きました。"
            else:
                return False
        except OSError as exc:  # the lock file cannot be written: a read-only folder, a full disk
            readonly, notice = True, opened_readonly_notice(exc, path)
        try:
            store = Store(path, readonly=readonly)
        except PiaError as exc:
            lock.release()
            self.dialogs.error(self, "保存ファイルを開けません", exc.message)
            return False
        if store.readonly and not readonly:  # the file or its folder cannot be written after all
            lock.release()
            readonly, notice = True, store.readonly_reason or notice
        elif not readonly:  # the quick integrity check, in the background once the list is up (a first write waits for it)
            QTimer.singleShot(VERIFY_DELAY_MS, self, lambda: store.verify_in_background() if self.store is store else None)
        self.close_assessment()
        self._close_store()
        self.store, self.lock = store, (None if readonly else lock)
        self.store_notice = notice or ""
        self.home.set_store(store)
        self.stack.setCurrentWidget(self.home)
        if remember:
            self.settings.add_recent_store(path)
        if not readonly:
            QTimer.singleShot(BACKUP_DELAY_MS, self, self._daily_backup)
        self.sync_actions()
        if notice:
            self.statusBar().showMessage(notice, 60000)
        return True

    def _close_store(self: MainWindow) -> None:
        for name in ("shared_facts_dialog", "portfolio_dialog"):  # they show the store being closed
            dlg = getattr(self, name, None)
            if dlg is not None:
                dlg.close()
                dlg.deleteLater()
                setattr(self, name, None)
        if self.store is not None:
            self.store.close()
            self.store = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _refresh_lock(self: MainWindow) -> None:
        """Every few minutes: keep the lock fresh; if someone took it over, stop editing (read-only) and say who."""
        if self.lock is None or self.store is None:
            return
        if self.lock.refresh() or self.lock.lost_to is None:
            return
        who = self.lock.lost_to.describe()
        path = self.store.path
        self.lock = None
        self.close_assessment()
        self.store.close()
        self.store = Store(path, readonly=True)
        self.home.set_store(self.store)
        self.sync_actions()
        self.dialogs.error(self, "保存ファイルを引き継がれました",
                           f"{who} がこの保存ファイルの編集を引き継ぎました。ここまでの変更は保存されています。\n"
                           "これ以降は読み取り専用で表示します。")

    def _daily_backup(self: MainWindow) -> None:
        """Today's backup of the store, in a worker thread: copying a large store must not freeze typing."""
        if self.store is None or self.store.readonly:
            return
        from pia_desktop.storage.backup import daily_backup

        path = self.store.path
        notice = self._backup_notice

        def run() -> None:
            try:
                daily_backup(path)  # its own SQLite connections, into a temporary file renamed at the end
            except Exception as exc:  # a failed backup must never disturb editing; say so quietly
                notice.failed.emit(f"バックアップを作成できませんでした（{exc}）")

        threading.Thread(target=run, name="pia-daily-backup", daemon=True).start()

    def _quiet_message(self: MainWindow, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def _fill_recent(self: MainWindow) -> None:
        menu = self.menu_recent
        menu.clear()
        paths = [p for p in self.settings.recent_stores() if p.exists()]
        if not paths:
            menu.addAction("（なし）").setEnabled(False)
        for p in paths:
            menu.addAction(str(p)).triggered.connect(lambda _c=False, p=p: self.open_store(p, remember=True))

    def ask_open_store(self: MainWindow) -> None:
        start = self.store.path.parent if self.store else Path.home()
        path = self.dialogs.ask_open_store(self, start)
        if path is not None:
            self.open_store(path)

    def ask_new_store(self: MainWindow) -> None:
        start = self.store.path.parent if self.store else Path.home()
        path = self.dialogs.ask_new_store(self, start)
        if path is not None:
            if path.suffix == "":
                path = path.with_suffix(".sqlite3")
            self.open_store(path)

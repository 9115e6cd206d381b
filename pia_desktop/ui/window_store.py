"""The store behind the main window: opening one (taking its lock), the recent list, the daily backup.

A mixin of ``MainWindow``: it sets ``self.store`` and ``self.lock`` and tells the window through
``sync_actions`` when they change.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from pia_desktop import APP_NAME
from pia_desktop.domain.errors import PiaError
from pia_desktop.storage.lock import StoreLock, StoreLocked
from pia_desktop.storage.store import Store

if TYPE_CHECKING:
    from pia_desktop.ui.main_window import MainWindow

LOCK_REFRESH_MS = 10 * 60 * 1000
BACKUP_DELAY_MS = 5000


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
        lock = StoreLock(path)
        readonly = False
        notice = ""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # first start: the data folder does not exist yet
            lock.acquire()
        except StoreLocked as exc:
            if exc.stale and exc.info.host == socket.gethostname():
                # Left behind by this PC's own earlier session (a crash, a forced shutdown): just take it.
                lock.acquire(take_over_stale=True)
                notice = f"前回、{APP_NAME} が正しく終了しなかったため、残っていた使用中の記録（{exc.info.describe()}）を引き継ぎました。"
            else:
                choice = self.dialogs.ask_locked(self, exc.info.describe(), exc.stale)
                if choice.action == "takeover":
                    lock.acquire(take_over_stale=True)
                elif choice.action == "readonly":
                    readonly = True
                else:
                    return False
        except OSError as exc:
            self.dialogs.error(self, "保存ファイルを開けません", f"{path} の使用状況を記録できません（{exc.strerror}）。")
            return False
        try:
            store = Store(path, readonly=readonly)
        except PiaError as exc:
            lock.release()
            self.dialogs.error(self, "保存ファイルを開けません", exc.message)
            return False
        self.close_assessment()
        self._close_store()
        self.store, self.lock = store, (None if readonly else lock)
        self.home.set_store(store)
        self.stack.setCurrentWidget(self.home)
        if remember:
            self.settings.add_recent_store(path)
        if not readonly:
            QTimer.singleShot(BACKUP_DELAY_MS, self, self._daily_backup)
        self.sync_actions()
        if notice:
            self.statusBar().showMessage(notice, 30000)
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
        if self.lock is not None:
            with contextlib.suppress(OSError):  # a transient network hiccup; the next refresh tries again
                self.lock.refresh()

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

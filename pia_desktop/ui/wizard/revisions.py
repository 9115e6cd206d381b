"""版 (named snapshots): save the current state under a name, list the 版, restore one.

Restoring first keeps the current state as a 版 (the store does that), so nothing is ever lost.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from pia_desktop.domain.errors import PiaError
from pia_desktop.ui.shell.dialogs import Dialogs
from pia_desktop.ui.shell.screen_fit import fit_window
from pia_desktop.ui.wizard.session import EditSession


class RevisionsDialog(QDialog):
    restored = Signal(int)

    def __init__(self, session: EditSession, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialogs = dialogs
        self.setWindowTitle("版の一覧")
        fit_window(self, QSize(560, 420), "revisions")
        v = QVBoxLayout(self)
        v.addWidget(QLabel("保存した版（新しい順）。復元すると、現在の内容も自動で版として残ります。"))
        self.list = QListWidget()
        self.list.setAccessibleName("版の一覧")
        v.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.save_button = QPushButton("版を保存(&S)…")
        self.restore_button = QPushButton("この版に戻す(&R)…")
        close = QPushButton("閉じる")
        row.addWidget(self.save_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(close)
        v.addLayout(row)
        self.save_button.clicked.connect(self.save_revision)
        self.restore_button.clicked.connect(self.restore_selected)
        close.clicked.connect(self.close)
        self.list.currentRowChanged.connect(lambda _r: self._sync())
        self.save_button.setEnabled(not session.readonly)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for snap in reversed(self.session.store.list_snapshots(self.session.assessment_id)):
            when = snap.created_at.replace("T", " ")[:19]
            item = QListWidgetItem(f"{when}　{snap.name}")
            item.setData(Qt.ItemDataRole.UserRole, snap.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._sync()

    def _sync(self) -> None:
        self.restore_button.setEnabled(self.list.currentItem() is not None and not self.session.readonly)

    def save_revision(self) -> int | None:
        name = self.dialogs.ask_text(self, "版を保存", "版の名前（例：提出前、令和7年度公表版）", "")
        if name is None:
            return None
        name = name.strip() or "名前なし"
        try:
            sid = self.session.snapshot(name)
        except PiaError as exc:
            self.dialogs.error(self, "版を保存できません", exc.message)
            return None
        self.refresh()
        return sid

    def restore_selected(self) -> bool:
        item = self.list.currentItem()
        if item is None:
            return False
        sid = int(item.data(Qt.ItemDataRole.UserRole))
        if not self.dialogs.confirm(
            self, "版の復元", f"「{item.text()}」の内容に戻しますか？\n現在の内容は自動で版として保存されます。", "復元する"
        ):
            return False
        try:
            self.session.restore_snapshot(sid)
        except PiaError as exc:
            self.dialogs.error(self, "版を復元できません", exc.message)
            return False
        self.refresh()
        self.restored.emit(sid)
        return True

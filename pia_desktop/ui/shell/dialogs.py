"""Every question the GUI asks the user goes through ``Dialogs``.

The windows hold a ``Dialogs`` instance and never call QMessageBox/QFileDialog themselves, so a test
replaces it with scripted answers and no modal dialog can hang a headless run. Here: ``Dialogs`` with
its message boxes and small input dialogs (and ``ItemsDialog``, a message over a list); the file pickers
are in ``ui/shell/file_pickers.py``, 新規作成's dialog in ``ui/shell/new_assessment.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.ui.shell.file_pickers import IMPORT_FILTER, LIST_FILTER, STORE_FILTER, choose_file
from pia_desktop.ui.shell.new_assessment import NewAssessment, NewAssessmentDialog
from pia_desktop.ui.shell.screen_fit import fit_window


@dataclass(frozen=True)
class LockChoice:
    """What to do with a store someone else has open: "readonly", "takeover" or None (cancel)."""

    action: str | None


class ItemsDialog(QDialog):
    """A message and a list of lines, to read (and copy) before going on."""

    def __init__(self, parent: QWidget | None, title: str, text: str, items: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        self.list.setWordWrap(True)  # printed paths are long: wrap rather than cut them off
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.addItems(items)
        self.list.setAccessibleName(title)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        fit_window(self, QSize(960, 600), "items")


class Dialogs:
    """The real, modal implementations. Tests substitute an object with the same methods."""

    def confirm(self, parent: QWidget | None, title: str, text: str, ok: str = "OK") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        yes = box.addButton(ok, QMessageBox.ButtonRole.AcceptRole)
        box.addButton("キャンセル", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.about(parent, title, text)

    def ask_text(self, parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
        text, ok = QInputDialog.getText(parent, title, label, text=default)
        return text if ok else None

    def ask_new_assessment(self, parent: QWidget | None, forms: dict[str, str]) -> NewAssessment | None:
        dlg = NewAssessmentDialog(parent, forms)
        return dlg.answer() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def show_items(self, parent: QWidget | None, title: str, text: str, items: list[str]) -> None:
        """A message with a list under it (変換: what is new to fill, what was not carried)."""
        ItemsDialog(parent, title, text, items).exec()

    # File dialogs open in the folder last used for the same purpose (store, import, list), each its own.

    def ask_open_store(self, parent: QWidget | None, start: Path) -> Path | None:
        return choose_file(parent, "store", "保存ファイルを開く", start, STORE_FILTER)

    def ask_import_file(self, parent: QWidget | None, start: Path) -> Path | None:
        return choose_file(parent, "import", "取り込むファイル", start, IMPORT_FILTER)

    def ask_new_store(self, parent: QWidget | None, start: Path) -> Path | None:
        return choose_file(parent, "store", "新しい保存ファイル", start, STORE_FILTER, save=True)

    def ask_review_record(self, parent: QWidget | None, title: str, history: list) -> object | None:  # type: ignore[type-arg]
        """見直しを記録: a ReviewRecord, or None when cancelled."""
        from pia_desktop.ui.yearly.review_record import ReviewRecordDialog

        dlg = ReviewRecordDialog(parent, title, history)
        return dlg.record() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def pick_phrase(self, parent: QWidget | None, phrases: list, query: str = "") -> object | None:  # type: ignore[type-arg]
        """定型文を挿入: the chosen Phrase, or None."""
        from pia_desktop.ui.shared_facts.phrase_picker import PhrasePickerDialog

        dlg = PhrasePickerDialog(parent, phrases, query)
        return dlg.chosen() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def ask_save_list(self, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to save the 一覧表 (CSV or xlsx, by the suggested name's suffix)."""
        return choose_file(parent, "list", "一覧表の保存", suggested, LIST_FILTER, save=True)

    def ask_locked(self, parent: QWidget | None, who: str, stale: bool) -> LockChoice:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("保存ファイルは使用中です")
        text = f"この保存ファイルは {who} が使用中です。"
        if stale:
            text += "\n使用者のプログラムは終了しているようです。引き継いで編集できます。"
        box.setText(text)
        ro = box.addButton("読み取り専用で開く", QMessageBox.ButtonRole.AcceptRole)
        take = box.addButton("引き継いで編集する…", QMessageBox.ButtonRole.DestructiveRole)  # warned before it happens
        box.addButton("キャンセル", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is ro:
            return LockChoice("readonly")
        if take is not None and clicked is take:
            return LockChoice("takeover")
        return LockChoice(None)

"""Every question the GUI asks the user goes through ``Dialogs``.

The windows hold a ``Dialogs`` instance and never call QMessageBox/QFileDialog themselves, so a test
replaces it with scripted answers and no modal dialog can hang a headless run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.document import MAX_FILES

STORE_FILTER = "PIA Desktop 保存ファイル (*.sqlite3 *.db);;すべてのファイル (*)"
IMPORT_FILTER = "評価書 (*.pdf *.xlsx *.json);;すべてのファイル (*)"


@dataclass(frozen=True)
class NewAssessment:
    form_id: str
    file_count: int


@dataclass(frozen=True)
class LockChoice:
    """What to do with a store someone else has open: "readonly", "takeover" or None (cancel)."""

    action: str | None


class NewAssessmentDialog(QDialog):
    """新規作成: the 様式 and the number of 特定個人情報ファイル."""

    def __init__(self, parent: QWidget | None, forms: dict[str, str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("評価書の新規作成")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.form_box = QComboBox()
        for form_id, title in forms.items():
            self.form_box.addItem(title, form_id)
        form.addRow("様式(&Y)", self.form_box)
        self.files = QSpinBox()
        self.files.setRange(1, MAX_FILES)
        self.files.setValue(1)
        self.files.setSuffix(" ファイル")
        form.addRow("特定個人情報ファイルの数(&N)", self.files)
        layout.addLayout(form)
        note = QLabel("ファイルの数は後から「評価書」メニューで増減できます。")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("作成")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def answer(self) -> NewAssessment:
        return NewAssessment(str(self.form_box.currentData()), self.files.value())


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

    def ask_open_store(self, parent: QWidget | None, start: Path) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, "保存ファイルを開く", str(start), STORE_FILTER)
        return Path(path) if path else None

    def ask_import_file(self, parent: QWidget | None, start: Path) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, "取り込むファイル", str(start), IMPORT_FILTER)
        return Path(path) if path else None

    def ask_new_store(self, parent: QWidget | None, start: Path) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, "新しい保存ファイル", str(start), STORE_FILTER)
        return Path(path) if path else None

    def ask_locked(self, parent: QWidget | None, who: str, stale: bool) -> LockChoice:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("保存ファイルは使用中です")
        text = f"この保存ファイルは {who} が使用中です。"
        if stale:
            text += "\n使用者のプログラムは終了しているようです。引き継いで編集できます。"
        box.setText(text)
        ro = box.addButton("読み取り専用で開く", QMessageBox.ButtonRole.AcceptRole)
        take = box.addButton("引き継いで編集する", QMessageBox.ButtonRole.DestructiveRole) if stale else None
        box.addButton("キャンセル", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is ro:
            return LockChoice("readonly")
        if take is not None and clicked is take:
            return LockChoice("takeover")
        return LockChoice(None)

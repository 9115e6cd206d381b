"""定型文を挿入: a searchable list of standard and own texts, previewed before insertion into a textarea."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.shared.phrases import Phrase, insert_at, search
from pia_desktop.ui.shell.look import COLOR_HELP, set_text_color
from pia_desktop.ui.shell.screen_fit import fit_window
from pia_desktop.ui.wizard.editors.choice import wrapped_option

ROLE_INDEX = Qt.ItemDataRole.UserRole + 1

TITLE_LINE_CHARS = 22  # the list is about 22 full-width characters wide


class PhrasePickerDialog(QDialog):
    def __init__(self, parent: QWidget | None, phrases: list[Phrase], query: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("定型文を挿入")
        fit_window(self, QSize(980, 560), "phrase_picker")
        self.phrases = phrases
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        label = QLabel("検索(&S)")
        self.query = QLineEdit(query)
        self.query.setPlaceholderText("語を空白で区切って入力（例：中間サーバー 保管）")
        self.query.setClearButtonEnabled(True)
        label.setBuddy(self.query)
        bar.addWidget(label)
        bar.addWidget(self.query, 1)
        layout.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.list = QListWidget()
        self.list.setAccessibleName("定型文の一覧")
        # Titles are broken into lines here: Qt's own wrapping sized some rows for two lines but drew one.
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("定型文の内容")
        split.addWidget(self.list)
        split.addWidget(self.preview)
        split.setSizes([400, 560])
        layout.addWidget(split, 1)
        note = QLabel("標準の定型文は公表された評価書の記載をもとにした例文です。事務と実際のシステムに合わせて直してください。")
        note.setWordWrap(True)
        set_text_color(note, COLOR_HELP)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("挿入")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.query.textChanged.connect(lambda _t: self.refill())
        self.list.currentRowChanged.connect(lambda _r: self._show())
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        self.refill()

    def refill(self) -> None:
        self.list.clear()
        for p in search(self.phrases, self.query.text()):
            item = QListWidgetItem(wrapped_option(("" if p.standard else "［自分］") + p.title, TITLE_LINE_CHARS))
            item.setData(ROLE_INDEX, self.phrases.index(p))
            item.setToolTip("、".join(p.tags))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._show()

    def chosen(self) -> Phrase | None:
        item = self.list.currentItem()
        return self.phrases[int(item.data(ROLE_INDEX))] if item is not None else None

    def _show(self) -> None:
        p = self.chosen()
        self.preview.setPlainText(p.text if p else "該当する定型文はありません")
        self.ok.setEnabled(p is not None)


def insert_into(edit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Insert ``text`` at the cursor of a QPlainTextEdit/QTextEdit on a line of its own (the editor
    reports the change, so it is saved and undoable as typing is)."""
    cursor = edit.textCursor()
    new, pos = insert_at(edit.toPlainText(), cursor.position(), text)
    edit.setPlainText(new)
    cursor = edit.textCursor()
    cursor.setPosition(pos)
    edit.setTextCursor(cursor)

"""The 指摘一覧 dock's widget: the notes of the open 評価書 in document order, filtered by state, with the
selected note's text, answers, the item's value when the note was written beside today's, and the
answer box. It only shows and emits; ``ui/notes/actions.py`` does the work."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.notes.merge import StoredNote
from pia_desktop.ui.shell.look import COLOR_ERROR, COLOR_HELP

FILTERS = ("未完了（未対応・対応済）", "すべて", "未対応", "対応済", "確認済", "食い違いあり")


@dataclass(frozen=True)
class ShownNote:
    stored: StoredNote
    path: str  # the item as printed
    value_now: str


def _matches(shown: ShownNote, filter_: str) -> bool:
    n = shown.stored.note
    if filter_ == "すべて":
        return True
    if filter_ == "食い違いあり":
        return bool(shown.stored.conflicts)
    if filter_.startswith("未完了"):
        return n.is_open
    return n.state == filter_


class NotesPanel(QWidget):
    jump_requested = Signal(str)  # address
    add_requested = Signal()
    answer_requested = Signal(str, str)  # note id, text
    close_requested = Signal(str)
    reopen_requested = Signal(str, str)
    resolve_requested = Signal(str, int)  # note id, version (0 = this store's)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown: list[ShownNote] = []
        self.readonly = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        self.filter.currentTextChanged.connect(lambda _t: self._fill())
        self.add_button = QPushButton("指摘を追加…")
        self.add_button.setToolTip("選んでいる項目に指摘を加えます（Ctrl+Shift+M）")
        self.add_button.clicked.connect(self.add_requested)
        top.addWidget(QLabel("表示"))
        top.addWidget(self.filter, 1)
        top.addWidget(self.add_button)
        layout.addLayout(top)
        self.count = QLabel()
        layout.addWidget(self.count)

        split = QSplitter(Qt.Orientation.Vertical)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["状態", "種類", "項目", "指摘"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 64)
        self.tree.setColumnWidth(1, 60)
        self.tree.setColumnWidth(2, 160)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.tree.itemActivated.connect(lambda item, _c: self._jump(item))
        split.addWidget(self.tree)

        detail = QWidget()
        d = QVBoxLayout(detail)
        d.setContentsMargins(0, 0, 0, 0)
        self.detail = QTextBrowser()  # scrolls: a long note, its answers and the values then and now
        self.detail.setOpenLinks(False)
        d.addWidget(self.detail, 1)
        self.answer_box = QPlainTextEdit()
        self.answer_box.setPlaceholderText("回答（記載を直した内容など）")
        self.answer_box.setMaximumHeight(90)
        d.addWidget(self.answer_box)
        buttons = QGridLayout()  # two rows: the dock stays narrow enough for a 1280-pixel screen
        self.jump_button = QPushButton("項目へ移動")
        self.answer_button = QPushButton("回答して対応済にする")
        self.close_button = QPushButton("確認済にする")
        self.reopen_button = QPushButton("未対応に戻す")
        self.resolve_button = QPushButton("この保存ファイルの版を採用")
        self.theirs_button = QPushButton("届いた版を採用")
        for i, b in enumerate((self.answer_button, self.close_button, self.reopen_button, self.jump_button,
                               self.resolve_button, self.theirs_button)):
            buttons.addWidget(b, i // 3, i % 3)
        d.addLayout(buttons)
        self.jump_button.clicked.connect(lambda: self._jump(self.tree.currentItem()))
        self.answer_button.clicked.connect(self._answer)
        self.close_button.clicked.connect(lambda: self._emit(self.close_requested))
        self.reopen_button.clicked.connect(self._reopen)
        self.resolve_button.clicked.connect(lambda: self._resolve(0))
        self.theirs_button.clicked.connect(lambda: self._resolve(1))
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self._show_current()

    # -- content ---------------------------------------------------------------------------------------

    def set_notes(self, shown: list[ShownNote], *, readonly: bool) -> None:
        current = self.current_id()
        self.shown = shown
        self.readonly = readonly
        self.add_button.setEnabled(not readonly)
        self._fill(select=current)

    def _fill(self, select: str | None = None) -> None:
        self.tree.clear()
        filter_ = self.filter.currentText()
        visible = [s for s in self.shown if _matches(s, filter_)]
        for s in visible:
            n = s.stored.note
            state = n.state + ("・食い違い" if s.stored.conflicts else "")
            first = n.text.splitlines()[0] if n.text else ""
            item = QTreeWidgetItem([state, n.kind, s.path.split(" › ")[-1], first])
            item.setData(0, Qt.ItemDataRole.UserRole, n.id)
            item.setToolTip(2, s.path)
            item.setToolTip(3, n.text)
            if s.stored.conflicts:
                item.setForeground(0, Qt.GlobalColor.red)
            self.tree.addTopLevelItem(item)
            if n.id == select:
                self.tree.setCurrentItem(item)
        open_n = sum(1 for s in self.shown if s.stored.note.is_open)
        self.count.setText(f"指摘 {len(self.shown)} 件（未完了 {open_n} 件）　表示 {len(visible)} 件")
        self._show_current()

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None

    def current(self) -> ShownNote | None:
        nid = self.current_id()
        return next((s for s in self.shown if s.stored.note.id == nid), None)

    def select(self, note_id: str) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == note_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _show_current(self) -> None:
        shown = self.current()
        has = shown is not None
        conflict = has and bool(shown.stored.conflicts)  # type: ignore[union-attr]
        for b in (self.jump_button,):
            b.setEnabled(has)
        self.answer_button.setEnabled(has and not self.readonly)
        self.answer_box.setEnabled(has and not self.readonly)
        self.close_button.setEnabled(has and not self.readonly and shown.stored.note.state != "確認済")  # type: ignore[union-attr]
        self.reopen_button.setEnabled(has and not self.readonly and shown.stored.note.state != "未対応")  # type: ignore[union-attr]
        self.resolve_button.setVisible(conflict)
        self.theirs_button.setVisible(conflict)
        if shown is None:
            self.detail.setHtml(f"<p style='color:{COLOR_HELP}'>指摘を選ぶと、内容と回答、指摘したときの記載と現在の記載を表示します。</p>")
            return
        self.detail.setHtml(describe_note(shown))

    # -- actions ----------------------------------------------------------------------------------------

    def _jump(self, item: QTreeWidgetItem | None) -> None:
        shown = self.current() if item is not None else None
        if shown is not None:
            self.jump_requested.emit(shown.stored.note.item)

    def _emit(self, signal) -> None:  # type: ignore[no-untyped-def]
        nid = self.current_id()
        if nid is not None:
            signal.emit(nid)

    def _answer(self) -> None:
        nid, text = self.current_id(), self.answer_box.toPlainText().strip()
        if nid is not None and text:
            self.answer_requested.emit(nid, text)
            self.answer_box.clear()

    def _reopen(self) -> None:
        nid = self.current_id()
        if nid is not None:
            self.reopen_requested.emit(nid, self.answer_box.toPlainText().strip())
            self.answer_box.clear()

    def _resolve(self, take: int) -> None:
        nid = self.current_id()
        if nid is not None:
            self.resolve_requested.emit(nid, take)


def describe_note(shown: ShownNote) -> str:
    """The selected note as rich text: what was said, answered, and the item then and now."""
    import html

    n = shown.stored.note

    def esc(text: str) -> str:
        return html.escape(text).replace("\n", "<br>")

    parts = [f"<b>{esc(shown.path)}</b>",
             f"<p><b>{esc(n.kind)}</b>（{esc(n.by or '記名なし')}、{esc(n.at[:10])}）：{esc(n.text)}</p>"]
    for a in n.answers:
        parts.append(f"<p>回答（{esc(a.by or '記名なし')}、{esc(a.at[:10])}）：{esc(a.text)}</p>")
    then, now, there = n.value_then, shown.value_now, shown.stored.reported
    if there is not None and there != now:  # the other store's 評価書 (the author's) has changed since
        heads, cells = ["指摘したときの記載", "相手の評価書の現在の記載", "この保存ファイルの記載"], [then, there, now]
    else:
        heads, cells = ["指摘したときの記載", "現在の記載"], [then, now]
    if len(set(cells)) == 1:
        parts.append(f"<p>記載（指摘したときから変わっていません）：{esc(now) or '（未記入）'}</p>")
    else:
        parts.append("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>"
                     + "".join(f"<th>{h}</th>" for h in heads) + "</tr><tr>"
                     + "".join(f"<td>{esc(c) or '（未記入）'}</td>" for c in cells) + "</tr></table>")
    for i, c in enumerate(shown.stored.conflicts, 1):
        parts.append(f"<p style='color:{COLOR_ERROR}'>食い違い：届いた版 {i}（{esc(c.updated_by or '記名なし')}、"
                     f"{esc(c.updated_at[:10])}）は「{esc(c.state)}」：{esc(c.text)}"
                     + "".join(f"<br>回答：{esc(a.text)}" for a in c.answers) + "</p>")
    return "".join(parts)

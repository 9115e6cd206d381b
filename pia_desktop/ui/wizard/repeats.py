"""A repeating group on a wizard page (システム, 委託事項, 提供先, 移転先, 別添の行): its list of entries
with 追加 / 削除 / 上へ / 下へ up to the form's maximum, each entry built when first opened and shown
as one summary line while closed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from pia_desktop.domain.addresses import format_address, group_key
from pia_desktop.domain.document import is_empty
from pia_desktop.domain.form_definition import Item
from pia_desktop.domain.validation import display_value
from pia_desktop.ui.shell.look import COLOR_HEADING_BG, COLOR_NA, emphasize, set_background, set_text_color
from pia_desktop.ui.wizard.rows import ItemRow, Marked, show_marker

if TYPE_CHECKING:
    from pia_desktop.ui.wizard.page import SectionPage


def base_name(item: Item) -> str:
    """"委託事項" from "委託事項{n}"."""
    assert item.repeat is not None
    return (item.repeat.slot_label or item.label).replace("{n}", "").strip()


class ElidedLabel(QLabel):
    """One line that shortens itself with "…" to the width it gets, instead of widening the page."""

    def __init__(self) -> None:
        super().__init__()
        self.full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        self.full = text
        self.setToolTip(text)
        self._elide()

    def text_full(self) -> str:
        return self.full

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight, max(0, self.width()))
        if shown != super().text():
            super().setText(shown)


class EntryView(QFrame):
    """One entry of a repeating group: its header (▼ 委託事項2 │ title │ 上へ 下へ 削除) and its rows.

    The rows are built when the entry is first opened: a long list (別添２ has 80 rows and more)
    shows closed entries as one summary line each.
    """

    def __init__(self, group: GroupView, n: int, *, expanded: bool) -> None:
        super().__init__()
        self.group = group
        self.n = n
        page = group.page
        item = group.item
        assert item.repeat is not None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.slots = (*group.slots, n)
        self.address = format_address(item.id, page.file, self.slots)
        self.name = item.repeat.slot_name(n)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 4)
        outer.setSpacing(2)
        header = QFrame()
        set_background(header, COLOR_HEADING_BG)
        hl = QHBoxLayout(header)
        hl.setContentsMargins(4, 2, 6, 2)
        self.toggle = QToolButton()
        self.toggle.setAutoRaise(True)
        self.toggle.setAccessibleName(f"{self.name}の開閉")
        self.toggle.clicked.connect(lambda: self.set_expanded(not self.expanded))
        hl.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        self.title_row: ItemRow | None = None
        if item.repeat.titled:
            self.title_row = page.make_row(item, self.address, self.slots, label=self.name, title=True)
            hl.addWidget(self.title_row, 1)
            self.summary: ElidedLabel | None = None
        else:
            label = QLabel(self.name)
            emphasize(label, "body")
            hl.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
            self.summary = ElidedLabel()
            set_text_color(self.summary, COLOR_NA)
            hl.addWidget(self.summary, 1, Qt.AlignmentFlag.AlignTop)
        self.issues = QLabel()
        self.issues.hide()
        hl.addWidget(self.issues, 0, Qt.AlignmentFlag.AlignTop)
        self.up = self._tool("上へ", f"{self.name}を一つ前へ移動します", lambda: group.move(n, n - 1))
        self.down = self._tool("下へ", f"{self.name}を一つ後ろへ移動します", lambda: group.move(n, n + 1))
        self.remove = self._tool("削除", f"{self.name}を削除します（元に戻すで取り消せます）", lambda: group.remove(n))
        for b in (self.up, self.down, self.remove):
            hl.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
        outer.addWidget(header)
        self.body_host: QWidget | None = None
        self.nodes: list[QWidget] = []
        self.expanded = False
        self.set_expanded(expanded, fix_tabs=False)

    @staticmethod
    def _tool(text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.clicked.connect(slot)
        return b

    @property
    def built(self) -> bool:
        return self.body_host is not None

    def build(self) -> None:
        if self.body_host is not None:
            return
        page = self.group.page
        self.body_host = QWidget()
        body = QVBoxLayout(self.body_host)
        body.setContentsMargins(8, 0, 4, 0)
        body.setSpacing(4)
        for child in self.group.item.children:
            page.build_item(child, self.slots, body, 2, self.nodes)
        self.layout().addWidget(self.body_host)
        page.refresh_conditions(prefix=self.address)
        page.apply_findings(page.wizard.by_address, prefix=self.address)

    def set_expanded(self, expanded: bool, *, fix_tabs: bool = True) -> None:
        if expanded:
            self.build()
        if self.body_host is not None:
            self.body_host.setVisible(expanded)
        self.expanded = expanded
        self.toggle.setText("▼" if expanded else "▶")
        self.toggle.setToolTip(f"{self.name}を{'閉じる' if expanded else '開く'}")
        if expanded:
            self.group.expanded.add(self.n)
        else:
            self.group.expanded.discard(self.n)
        self.refresh_summary()
        if fix_tabs:
            self.group.page.fix_tab_order()

    def refresh_summary(self) -> None:
        """The closed entry's one line: its answers in order, shortened."""
        if self.summary is None:
            return
        if self.expanded:
            self.summary.setText("")
            return
        session = self.group.page.session
        parts = []
        for child in self.group.item.children:
            value = session.doc.get(format_address(child.id, self.group.page.file, self.slots))
            if value is not None:
                text = display_value(session.form, self.address, value).replace("\n", " ").strip()
                if text:
                    parts.append(text if len(text) <= 24 else text[:23] + "…")
        line = "｜".join(parts)
        self.summary.setText(line if len(line) <= 90 else line[:89] + "…")

    def show_issues(self, missing: int, errors: int) -> None:
        parts = ([f"誤り{errors}"] if errors else []) + ([f"未記入{missing}"] if missing else [])
        show_marker(self.issues, None if errors else "・".join(parts) or None, "・".join(parts) if errors else None)

    def header_widgets(self) -> list[QWidget]:
        own = self.title_row.focus_widgets() if self.title_row is not None else []
        return [self.toggle, *own, self.up, self.down, self.remove]


class GroupView(QFrame, Marked):
    """A repeating group (システム, 委託事項, 提供先, 移転先, 別添の行) as a list of entries."""

    OPEN_ALL_UP_TO = 10  # longer lists open only their last entries (the newest rows of 別添２)
    OPEN_LAST = 3

    def __init__(self, page: SectionPage, item: Item, slots: tuple[int, ...]) -> None:
        super().__init__()
        assert item.repeat is not None
        self.page = page
        self.item = item
        self.slots = slots
        self.key = group_key(item.id, page.file, slots)
        self.address = format_address(item.id, page.file, slots)
        self.name = base_name(item)
        self.entries: list[EntryView] = []
        self.expanded: set[int] = set()
        self._na: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.caption = QLabel()
        self.caption.setMargin(4)
        emphasize(self.caption, "heading2")
        top.addWidget(self.caption, 1)
        self.open_all = QToolButton()
        self.open_all.setText("すべて開く")
        self.open_all.clicked.connect(lambda: self.expand_all(True))
        self.close_all = QToolButton()
        self.close_all.setText("すべて閉じる")
        self.close_all.clicked.connect(lambda: self.expand_all(False))
        top.addWidget(self.open_all)
        top.addWidget(self.close_all)
        layout.addLayout(top)
        self.na_label = QLabel()
        set_text_color(self.na_label, COLOR_NA)
        self.na_label.setWordWrap(True)
        self.na_label.hide()
        layout.addWidget(self.na_label)
        self.marker = QLabel()
        self.marker.hide()
        layout.addWidget(self.marker)
        self.list_host = QWidget()
        self.list_layout = QVBoxLayout(self.list_host)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(6)
        layout.addWidget(self.list_host)
        self.add_button = QPushButton(f"＋ {self.name}を追加")
        self.add_button.clicked.connect(self.add)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        n = self.count
        self.expanded = set(range(1, n + 1)) if n <= self.OPEN_ALL_UP_TO else set(range(n - self.OPEN_LAST + 1, n + 1))
        self.rebuild()

    @property
    def count(self) -> int:
        return int(self.page.session.doc.count(self.key))

    @property
    def maximum(self) -> int | None:
        assert self.item.repeat is not None
        return self.item.repeat.max

    def rebuild(self) -> None:
        self.page.forget(self.key + "[")
        for entry in self.entries:
            self.list_layout.removeWidget(entry)
            entry.deleteLater()
        wanted = set(self.expanded)
        self.expanded = set()
        self.entries = [EntryView(self, n, expanded=n in wanted) for n in range(1, self.count + 1)]
        for entry in self.entries:
            self.list_layout.addWidget(entry)
        self.sync_buttons()

    def sync(self) -> None:
        if len(self.entries) != self.count:
            self.rebuild()
        for entry in self.entries:
            entry.refresh_summary()

    def expand_all(self, expanded: bool) -> None:
        for entry in self.entries:
            if entry.expanded != expanded:
                entry.set_expanded(expanded, fix_tabs=False)
        self.page.fix_tab_order()

    def entry(self, n: int) -> EntryView | None:
        return self.entries[n - 1] if 1 <= n <= len(self.entries) else None

    def sync_buttons(self) -> None:
        n = self.count
        cap = self.maximum
        readonly = self.page.session.readonly
        limit = f"／最大{cap}件" if cap is not None else ""
        self.caption.setText(f"{self.name}（{n}件{limit}）")
        full = cap is not None and n >= cap
        self.add_button.setEnabled(not readonly and not full and self._na is None)
        self.add_button.setToolTip(f"{self.name}は{cap}件までです" if full else f"{self.name}を一つ追加します")
        self.open_all.setVisible(n > 1)
        self.close_all.setVisible(n > 1)
        for entry in self.entries:
            entry.up.setEnabled(not readonly and entry.n > 1)
            entry.down.setEnabled(not readonly and entry.n < n)
            entry.remove.setEnabled(not readonly)

    # -- actions ---------------------------------------------------------------------------------

    def add(self) -> None:
        n = self.count + 1
        self.expanded.add(n)
        focus = f"{self.key}[{n}]"
        self.page.session.change_structure(f"{self.name}{n}の追加", lambda d: d.add_entry(self.key), focus)

    def remove(self, n: int) -> None:
        assert self.item.repeat is not None
        name = self.item.repeat.slot_name(n)
        prefix = f"{self.key}[{n}]"
        doc = self.page.session.doc
        filled = any(k == prefix or k.startswith((prefix + ".", prefix + "[")) for k, v in doc.values.items() if not is_empty(v))
        if filled and not self.page.wizard.dialogs.confirm(
            self.page.wizard, f"{name}の削除", f"{name}とその記載内容を削除しますか？\n（「元に戻す」で取り消せます）", "削除"
        ):
            return
        self.expanded = {k if k < n else k - 1 for k in self.expanded if k != n}
        focus = f"{self.key}[{min(n, self.count - 1)}]" if self.count > 1 else self.address
        self.page.session.change_structure(f"{name}の削除", lambda d: d.remove_entry(self.key, n), focus)

    def move(self, n: int, to: int) -> None:
        if not 1 <= to <= self.count:
            return
        assert self.item.repeat is not None
        name = self.item.repeat.slot_name(n)
        order = list(range(1, self.count + 1))
        order.insert(to - 1, order.pop(n - 1))  # order[i] = the old number now at position i + 1
        self.expanded = {i + 1 for i, old in enumerate(order) if old in self.expanded}
        self.page.session.change_structure(f"{name}の移動", lambda d: d.move_entry(self.key, n, to), f"{self.key}[{to}]")

    # -- marks ---------------------------------------------------------------------------------------

    def set_not_applicable(self, reason: str | None) -> None:
        if reason == self._na:
            return
        self._na = reason
        self.list_host.setEnabled(reason is None)
        self.na_label.setText(f"該当なし（{reason}）" if reason else "")
        self.na_label.setVisible(reason is not None)
        self.setToolTip(f"該当なし：{reason}" if reason else "")
        self.sync_buttons()

    def set_findings(self, missing: str | None, error: str | None) -> None:
        show_marker(self.marker, missing, error)

"""A wizard page: one section instance (表紙, Ⅰ, Ⅱ（１）, …) built from the item tree of the form.

Rows are generated from the form definition alone. Repeating groups are lists of entries with
追加 / 削除 / 上へ / 下へ up to the form's maximum. The page keeps every row by address so the
wizard can show values, conditions and findings in place.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.addresses import format_address, group_key, parse_address
from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.document import Value, is_empty
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.domain.traversal import section_label
from pia_desktop.domain.validation import display_value
from pia_desktop.ui.shell.look import COLOR_HEADING_BG, COLOR_NA, emphasize, set_background, set_text_color
from pia_desktop.ui.wizard.editors import LineEditor, Suggestion, make_editor
from pia_desktop.ui.wizard.rows import FixedRow, HeadingRow, ItemRow, Marked, show_marker
from pia_desktop.ui.wizard.session import same_value

if TYPE_CHECKING:
    from pia_desktop.ui.wizard.assessment_wizard import WizardView

INDENT = 24
T = TypeVar("T")


def per_form(fn: Callable[[FormDefinition], T]) -> Callable[[FormDefinition], T]:
    """Cache a function of the (immutable, unhashable) form definition by identity."""
    cache: dict[int, tuple[FormDefinition, T]] = {}

    def wrapper(form: FormDefinition) -> T:
        hit = cache.get(id(form))
        if hit is None or hit[0] is not form:
            hit = cache[id(form)] = (form, fn(form))
        return hit[1]

    wrapper.__doc__ = fn.__doc__
    return wrapper


@per_form
def conditioned_ids(form: FormDefinition) -> frozenset[str]:
    """Items a condition can switch off or make required (the targets and everything under them)."""
    targets = {t for c in form.conditions for t in c.targets}
    return frozenset(i for i in form.index if any(a.id in targets for a in form.ancestors(i)))


@per_form
def condition_sources(form: FormDefinition) -> frozenset[str]:
    return frozenset(c.when.item for c in form.conditions)


@per_form
def count_links(form: FormDefinition) -> dict[str, dict[str, str]]:
    """件数 fields and the repeating groups whose entries they count, read from the form's shape.

    A number item beside exactly one repeating group counts that group (委託の有無 （ ）件 → 委託事項);
    a check item whose "（ n ） 件" options are as many as the groups beside it counts them in order
    (提供を行っている → 提供先, 移転を行っている → 移転先). Key "" is the number item's own value.
    """
    links: dict[str, dict[str, str]] = {}
    for parent in form.iter_items():
        groups = [c.id for c in parent.children if c.type == ItemType.GROUP]
        if not groups:
            continue
        for child in parent.children:
            if child.type == ItemType.NUMBER and len(groups) == 1:
                links[child.id] = {"": groups[0]}
            elif child.type == ItemType.CHECKS:
                counted = [o.text for o in child.options if o.count]
                if counted and len(counted) == len(groups):
                    links[child.id] = dict(zip(counted, groups, strict=True))
    return links


def base_name(item: Item) -> str:
    """"委託事項" from "委託事項{n}"."""
    assert item.repeat is not None
    return (item.repeat.slot_label or item.label).replace("{n}", "").strip()


class SectionPage(QScrollArea):
    def __init__(self, wizard: WizardView, section: Item, file: int | None) -> None:
        super().__init__()
        self.wizard = wizard
        self.section = section
        self.file = file
        self.key = section.id if file is None else f"{section.id}({file})"
        self.title = section_label(section, file)
        self.rows: dict[str, ItemRow] = {}
        self.marked: dict[str, Marked] = {}
        self.groups: dict[str, GroupView] = {}
        self.anchors: dict[str, QWidget] = {}  # item id of a first-level heading → its widget
        self.nodes: list[QWidget] = []
        self.compact = wizard.compact
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(16, 12, 16, 24)
        self.body.setSpacing(4)
        title = QLabel(self.title)
        emphasize(title, "section")
        title.setWordWrap(True)
        self.body.addWidget(title)
        for child in section.children:
            self.build_item(child, (), self.body, 1, self.nodes)
        self.body.addStretch(1)
        self.setWidget(content)
        self.refresh_conditions()
        self.fix_tab_order()

    # -- building ---------------------------------------------------------------------------------

    @property
    def session(self):  # type: ignore[no-untyped-def]
        return self.wizard.session

    def build_item(self, item: Item, slots: tuple[int, ...], layout: QVBoxLayout, depth: int, nodes: list[QWidget]) -> None:
        form = self.session.form
        address = format_address(item.id, self.file, slots)
        first: QWidget
        if item.type == ItemType.GROUP:
            group = GroupView(self, item, slots)
            layout.addWidget(group)
            nodes.append(group)
            self.groups[group.key] = group
            self.marked[group.address] = group
            first = group
        elif item.type == ItemType.HEADING:
            heading = HeadingRow(item, address, depth)
            layout.addWidget(heading)
            self.marked[address] = heading
            first = heading
        elif item.type == ItemType.FIXED:
            fixed = item.fixed_value
            first = FixedRow(item, "\n".join(fixed) if isinstance(fixed, list) else (fixed or ""))
            layout.addWidget(first)
        else:
            row = self.make_row(item, address, slots)
            layout.addWidget(row)
            nodes.append(row)
            first = row
        if depth == 1:
            self.anchors[item.id] = first
        if item.children and item.type != ItemType.GROUP:
            host = layout
            if item.type != ItemType.HEADING:  # sub-rows of a value item (その必要性 under ③) are indented
                box = QWidget()
                host = QVBoxLayout(box)
                host.setContentsMargins(INDENT, 0, 0, 0)
                host.setSpacing(4)
                layout.addWidget(box)
            for child in item.children:
                self.build_item(child, slots, host, depth + 1, nodes)
        del form

    def make_row(self, item: Item, address: str, slots: tuple[int, ...], *, label: str | None = None, title: bool = False) -> ItemRow:
        editor = make_editor(item, title=title, suggestions=self._suggestions(item, slots))
        editor.set_value(self.session.doc.get(address))
        row = ItemRow(item, address, editor, label=label, star_note=self.session.form.star_note)
        editor.committed.connect(lambda value, mergeable, a=address: self.wizard.user_changed(a, value, mergeable))
        row.set_read_only(self.session.readonly)
        row.set_compact(self.compact)
        row.set_non_public(address in self.session.doc.non_public)
        row.set_changed(self.wizard.baseline_marks.old_text(address))
        row.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        row.customContextMenuRequested.connect(lambda pos, r=row: self.row_menu(r, r.mapToGlobal(pos)))
        if item.type in (ItemType.TEXT, ItemType.TEXTAREA) or "[" in address:
            self._mark_linked(row)
        self.rows[address] = row
        self.marked[address] = row
        return row

    def row_menu(self, row: ItemRow, at) -> None:  # type: ignore[no-untyped-def]
        """The item's menu: the wizard's entries, 共通項目 (make, link, unlink) and 定型文 for textareas."""
        from pia_desktop.ui.shared_facts.editor import row_menu

        row_menu(self, row, at)

    def _mark_linked(self, row: ItemRow) -> None:
        from pia_desktop.ui.shared_facts.editor import link_name_for

        row.editor.set_linked(link_name_for(self.session, row.address))

    def refresh_links(self) -> None:
        """The 共通項目 links changed: show the ［共通］ markers again."""
        for row in self.rows.values():
            self._mark_linked(row)

    def _suggestions(self, item: Item, slots: tuple[int, ...]) -> dict[str, Suggestion] | None:
        links = count_links(self.session.form).get(item.id)
        if not links:
            return None

        def counter(group_id: str) -> Suggestion:
            key = group_key(group_id, self.file, slots)
            return lambda: self.session.doc.count(key)

        return {option: counter(group_id) for option, group_id in links.items()}

    def forget(self, prefix: str) -> None:
        """Drop the rows under a group entry that is being rebuilt."""
        def under(address: str) -> bool:  # "II(1).4.itaku[2]…", not the list itself ("II(1).4.itaku[]")
            return address.startswith(prefix) and address[len(prefix) : len(prefix) + 1].isdigit()

        for registry in (self.rows, self.marked):
            for address in [a for a in registry if under(a)]:
                del registry[address]
        for key in [k for k in self.groups if under(k)]:
            del self.groups[key]

    # -- keeping in step with the document -----------------------------------------------------------

    def show_value(self, address: str, value: Value | None) -> None:
        """Show a value that changed elsewhere (undo, another panel). The editor the user is typing in
        already shows it, maybe in the form typed (R7.5.30 for 令和7年5月30日): that is left alone."""
        row = self.rows.get(address)
        if row is not None and not same_value(row.editor.value(), value):
            row.editor.set_value(value)
        if row is not None:
            row.set_changed(self.wizard.baseline_marks.old_text(address))

    def refresh_conditions(self, prefix: str = "") -> None:
        form, doc = self.session.form, self.session.doc
        conditioned = conditioned_ids(form)
        for address, marked in self.marked.items():
            if address.startswith(prefix) and parse_address(address).template in conditioned:
                marked.set_not_applicable(not_applicable_reason(form, doc, address))

    def refresh_suggestions(self) -> None:
        links = count_links(self.session.form)
        for row in self.rows.values():
            if row.item.id in links:
                row.editor.refresh_suggestion()

    def sync_document(self) -> None:
        """After a structural change or a restore: rebuild lists whose entries changed, reload values."""
        doc = self.session.doc
        for group in list(self.groups.values()):
            if group.key in self.groups:  # not dropped by an outer rebuild
                group.sync()
        hidden = set(doc.non_public)
        for address, row in self.rows.items():
            row.editor.set_value(doc.get(address))
            row.set_non_public(address in hidden)
            row.set_changed(self.wizard.baseline_marks.old_text(address, doc))
        for group in self.groups.values():
            for entry in group.entries:
                entry.refresh_summary()
        self.refresh_conditions()
        self.refresh_suggestions()
        self.refresh_links()
        self.fix_tab_order()

    def set_compact(self, compact: bool) -> None:
        """Narrow windows (a 1366×768 screen at 125 %): labels above their editors."""
        if compact == self.compact:
            return
        self.compact = compact
        for row in self.rows.values():
            row.set_compact(compact)

    def set_read_only(self, readonly: bool) -> None:
        for row in self.rows.values():
            row.set_read_only(readonly)
        for group in self.groups.values():
            group.sync_buttons()

    def apply_findings(self, findings: dict[str, tuple[str | None, str | None]], prefix: str = "") -> None:
        for address, marked in self.marked.items():
            if not address.startswith(prefix):
                continue
            key = marked.key if isinstance(marked, GroupView) else address  # a list's findings name the list
            missing, error = findings.get(key, (None, None))
            marked.set_findings(missing, error)
        if prefix:
            return
        # Closed entries show how many of their items need attention.
        tallies: dict[str, list[int]] = {}
        for address, (_missing, error) in findings.items():
            cut = address.find("]")
            if cut > 0:
                bucket = tallies.setdefault(address[: cut + 1], [0, 0])
                bucket[0 if error is None else 1] += 1
        for group in self.groups.values():
            for entry in group.entries:
                missing_n, errors_n = tallies.get(entry.address, [0, 0])
                entry.show_issues(0 if entry.expanded else missing_n, 0 if entry.expanded else errors_n)

    # -- keyboard --------------------------------------------------------------------------------------

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []

        def visit(nodes: list[QWidget]) -> None:
            for node in nodes:
                if isinstance(node, GroupView):
                    chain.extend(w for w in (node.open_all, node.close_all) if not w.isHidden())
                    for entry in node.entries:
                        chain.extend(entry.header_widgets())
                        if entry.expanded:
                            visit(entry.nodes)
                    chain.append(node.add_button)
                elif isinstance(node, ItemRow):
                    chain.extend(node.focus_widgets())

        visit(self.nodes)
        return chain

    def fix_tab_order(self) -> None:
        """Tab follows document order, also after entries were added or moved."""
        chain = self.focus_chain()
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def scroll_to(self, widget: QWidget, *, top: bool = False) -> None:
        """Bring ``widget`` into view: to the top of the page (a heading) or into its upper part."""
        content = self.widget()
        content.adjustSize()
        y = widget.mapTo(content, QPoint(0, 0)).y()
        bar = self.verticalScrollBar()
        visible = bar.value() <= y and y + min(widget.height(), 120) <= bar.value() + self.viewport().height()
        if top or not visible:
            bar.setValue(max(0, y - (12 if top else self.viewport().height() // 4)))


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


__all__ = ["EntryView", "GroupView", "LineEditor", "SectionPage", "conditioned_ids", "count_links"]

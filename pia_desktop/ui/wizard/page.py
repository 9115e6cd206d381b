"""A wizard page: one section instance (表紙, Ⅰ, Ⅱ（１）, …) built from the item tree of the form.

Rows are generated from the form definition alone; a repeating group is a ``repeats.GroupView``. The
page keeps every row by address so the wizard can show values, conditions and findings in place.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from pia_desktop.domain.addresses import format_address, group_key, parse_address
from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.document import Value
from pia_desktop.domain.form_definition import Item, ItemType
from pia_desktop.domain.traversal import section_label
from pia_desktop.ui.shell.look import emphasize
from pia_desktop.ui.wizard.editors.base import Suggestion
from pia_desktop.ui.wizard.editors.factory import make_editor
from pia_desktop.ui.wizard.form_shape import conditioned_ids, count_links
from pia_desktop.ui.wizard.repeats import GroupView
from pia_desktop.ui.wizard.rows import FixedRow, HeadingRow, ItemRow, Marked
from pia_desktop.ui.wizard.session import same_value

if TYPE_CHECKING:
    from pia_desktop.ui.wizard.assessment_wizard import WizardView

INDENT = 24


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

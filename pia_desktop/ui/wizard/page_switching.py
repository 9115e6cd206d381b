"""Which page the wizard shows: the section instances of the document (one per ファイル for the
sections written per file), each page built on first use or in an idle moment, switching by the side
navigation or 前/次のセクション, and going to an item's address (find, undo, a 指摘).

``PageSwitching`` is a part of ``WizardView``: it uses the view's widgets and state, listed below.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, SignalInstance
from PySide6.QtWidgets import QPushButton, QStackedWidget, QWidget

from pia_desktop.domain.addresses import parse_address
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.domain.traversal import section_label
from pia_desktop.ui.wizard.navigation import SectionNav
from pia_desktop.ui.wizard.page import SectionPage
from pia_desktop.ui.wizard.repeats import EntryView, GroupView
from pia_desktop.ui.wizard.rows import ItemRow
from pia_desktop.ui.wizard.session import EditSession


def page_key_of(address: str) -> str:
    """"II(1).4.itaku[2].3" → "II(1)"; "annex2.row[5].jiki" → "annex2"."""
    head = address.split(".", 1)[0]
    return head.split("[", 1)[0]


class PageSwitching:
    """The pages and the switching between them, mixed into ``WizardView``."""

    # Set up by WizardView.__init__:
    session: EditSession
    form: FormDefinition
    pages: dict[str, SectionPage]
    sections: list[tuple[str, str, Item]]
    by_address: dict[str, tuple[str | None, str | None]]
    nav: SectionNav
    stack: QStackedWidget
    prev_button: QPushButton
    next_button: QPushButton
    current_key: str
    section_changed: SignalInstance
    prebuild: bool
    _prebuild_timer: QTimer

    # -- sections and their pages ------------------------------------------------------------------

    def _set_sections(self) -> None:
        doc = self.session.doc
        sections: list[tuple[str, str, Item]] = []
        for section in self.form.items:
            if section.type == ItemType.FIXED:  # 項目一覧 has nothing to enter
                continue
            files: list[int | None] = list(range(1, doc.file_count + 1)) if section.per_file else [None]
            for file in files:
                key = section.id if file is None else f"{section.id}({file})"
                sections.append((key, section_label(section, file), section))
        self.sections = sections
        self.nav.set_sections(sections)
        keys = {k for k, _, _ in sections}
        for key in [k for k in self.pages if k not in keys]:
            page = self.pages.pop(key)
            self.stack.removeWidget(page)
            page.deleteLater()

    def _expected_keys(self) -> list[str]:
        n = self.session.doc.file_count
        return [s.id for s in self.form.items if s.type != ItemType.FIXED for _ in (range(n) if s.per_file else [0])]

    def section_keys(self) -> list[str]:
        return [k for k, _, _ in self.sections]

    def page(self, key: str) -> SectionPage:
        """The page for a section instance, built on first use."""
        page = self.pages.get(key)
        if page is None:
            _, _, section = next(s for s in self.sections if s[0] == key)
            file = parse_address(key + ".x").file if section.per_file else None
            page = SectionPage(self, section, file)  # type: ignore[arg-type]  # self is the WizardView
            page.apply_findings(self.by_address)
            self.pages[key] = page
            self.stack.addWidget(page)
        return page

    def _prebuild_next(self) -> None:
        if not self.prebuild:
            return
        missing = [k for k in self.section_keys() if k not in self.pages]
        if not missing:
            return
        current = self.section_keys().index(self.current_key) if self.current_key else 0
        nearest = min(missing, key=lambda k: (self.section_keys().index(k) - current) % len(self.sections))
        self.page(nearest)
        self._prebuild_timer.start()

    # -- switching --------------------------------------------------------------------------------

    def show_section(self, key: str, anchor: str = "") -> SectionPage:
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self.nav.select(key)
        i = self.section_keys().index(key)
        self.prev_button.setEnabled(i > 0)
        self.next_button.setEnabled(i < len(self.sections) - 1)
        if anchor and anchor in page.anchors:
            page.scroll_to(page.anchors[anchor], top=True)
        if key != self.current_key:
            self.current_key = key
            self.section_changed.emit(key)
        return page

    def current_page(self) -> SectionPage:
        return self.pages[self.current_key]

    def next_section(self) -> None:
        keys = self.section_keys()
        i = keys.index(self.current_key)
        if i < len(keys) - 1:
            self.show_section(keys[i + 1]).verticalScrollBar().setValue(0)

    def previous_section(self) -> None:
        keys = self.section_keys()
        i = keys.index(self.current_key)
        if i > 0:
            self.show_section(keys[i - 1]).verticalScrollBar().setValue(0)

    def _nav_chosen(self, key: str, anchor: str) -> None:
        self.show_section(key, anchor)

    # -- going to an item ------------------------------------------------------------------------------

    def widget_for(self, address: str) -> QWidget | None:
        page = self.page(page_key_of(address))
        for group in list(page.groups.values()):  # open the entry the item is in
            for entry in group.entries:
                if address.startswith((entry.address + ".", entry.address + "[")) and not entry.expanded:
                    entry.set_expanded(True)
        probe = address
        while probe:
            if probe in page.rows:
                return page.rows[probe]
            if probe in page.marked:
                return page.marked[probe]  # type: ignore[return-value]
            for group in page.groups.values():
                if probe == group.key:
                    return group
                for entry in group.entries:
                    if entry.address == probe:
                        return entry
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""
        return None

    def go_to(self, address: str) -> QWidget | None:
        """Show the item at ``address`` (switching section), scroll to it and give it the focus."""
        key = page_key_of(address)
        if key not in self.section_keys():
            return None
        page = self.show_section(key)
        target = self.widget_for(address)
        if target is None:
            return None
        page.scroll_to(target)
        focus: QWidget | None = None
        if isinstance(target, ItemRow):
            focus = next((w for w in target.focus_widgets() if w.isEnabled()), None)
            self.flash(target)
        elif isinstance(target, EntryView):
            widgets = target.header_widgets()
            focus = widgets[0] if widgets else None
        elif isinstance(target, GroupView):
            focus = target.add_button
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        return target

    def flash(self, row: ItemRow) -> None:
        row.flash(True)
        QTimer.singleShot(1200, row, lambda: row.flash(False))

"""The wizard for one assessment: side navigation, one page per section instance, find, and the
live effects of every change (conditions, 件数 offers, findings and completeness).

Pages are built the first time they are shown, so opening a large 評価書 stays fast; which page is
shown, and going to an item, is ``page_switching``'s part of the view.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.checks.review import review
from pia_desktop.domain.addresses import parse_address
from pia_desktop.domain.document import STATUSES, Value
from pia_desktop.domain.form_definition import Item
from pia_desktop.domain.validation import Finding, completeness, validate
from pia_desktop.ui.shell.dialogs import Dialogs
from pia_desktop.ui.shell.look import COLOR_ERROR, emphasize, set_text_color
from pia_desktop.ui.wizard.find import FindBar
from pia_desktop.ui.wizard.form_shape import condition_sources
from pia_desktop.ui.wizard.navigation import SectionNav
from pia_desktop.ui.wizard.page import SectionPage
from pia_desktop.ui.wizard.page_switching import PageSwitching, page_key_of
from pia_desktop.ui.wizard.rows import ItemRow
from pia_desktop.ui.wizard.session import EditSession
from pia_desktop.ui.yearly.baseline_marks import BaselineMarks

VALIDATE_DELAY_MS = 150  # findings follow the typing, without slowing each keystroke
PREBUILD_IDLE_MS = 250  # quiet time before the next page is built in the background
COMPACT_BELOW = 880  # page width (logical px) under which labels go above their editors
NAV_SHARE = 0.26  # the side navigation's share of the width, between NAV_MIN and NAV_MAX
NAV_MIN, NAV_MAX = 220, 340


class _PageStack(QStackedWidget):
    """The pages; says when its width changes (window resized, navigation dragged)."""

    resized = Signal()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.resized.emit()


class WizardView(QWidget, PageSwitching):
    section_changed = Signal(str)  # page key
    findings_updated = Signal()
    review_failed = Signal(str)  # a message for the status line

    def __init__(self, session: EditSession, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialogs = dialogs
        self.form = session.form
        self.pages: dict[str, SectionPage] = {}
        self.sections: list[tuple[str, str, Item]] = []
        self.findings: list[Finding] = []
        self.by_address: dict[str, tuple[str | None, str | None]] = {}
        self.compact = False
        self._nav_sized = False
        self.baseline_marks = BaselineMarks.for_session(session)  # 前年度から変更, in a 新年度版

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        head = QHBoxLayout()
        self.title = QLabel()
        emphasize(self.title, "title")
        self.title.setWordWrap(True)
        head.addWidget(self.title, 1)
        self.readonly_label = QLabel("読み取り専用")
        set_text_color(self.readonly_label, COLOR_ERROR)
        emphasize(self.readonly_label, "body")
        self.readonly_label.setVisible(session.readonly)
        head.addWidget(self.readonly_label)
        status_label = QLabel("状況(&S)")
        head.addWidget(status_label)
        self.status_box = QComboBox()
        self.status_box.addItems(list(STATUSES))
        if session.doc.status not in STATUSES:  # 公表済: shown as it is, not offered as a choice
            self.status_box.addItem(session.doc.status)
        self.status_box.setCurrentText(session.doc.status)
        self.status_box.setEnabled(not session.readonly)
        self.status_box.currentTextChanged.connect(session.set_status)
        status_label.setBuddy(self.status_box)
        head.addWidget(self.status_box)
        outer.addLayout(head)

        self.find_bar = FindBar()
        self.find_bar.hide()
        self.find_bar.chosen.connect(self.go_to)
        outer.addWidget(self.find_bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.nav = SectionNav()
        self.nav.section_chosen.connect(self._nav_chosen)
        split.addWidget(self.nav)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.stack = _PageStack()
        self.stack.resized.connect(self._check_compact)
        rv.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        self.prev_button = QPushButton("＜ 前のセクション")
        self.prev_button.setToolTip("Ctrl+PageUp")
        self.prev_button.clicked.connect(self.previous_section)
        self.next_button = QPushButton("次のセクション ＞")
        self.next_button.setToolTip("Ctrl+PageDown")
        self.next_button.clicked.connect(self.next_section)
        buttons.addWidget(self.prev_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        rv.addLayout(buttons)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        self.split = split
        outer.addWidget(split, 1)

        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.revalidate)

        session.value_changed.connect(self._value_changed)
        session.document_replaced.connect(self._document_replaced)
        self._set_sections()
        self._update_title()
        self.current_key = ""
        self.show_section(self.sections[0][0])
        self.revalidate()
        # The other pages are built while the user reads, one per idle moment, so that the first visit
        # of a section is a plain switch. Any edit postpones the next build.
        self._prebuild_timer = QTimer(self)
        self._prebuild_timer.setSingleShot(True)
        self._prebuild_timer.setInterval(PREBUILD_IDLE_MS)
        self._prebuild_timer.timeout.connect(self._prebuild_next)
        self.prebuild = True
        self._prebuild_timer.start()

    # -- width ------------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        width = event.size().width()
        if not self._nav_sized and width > 0:
            nav = max(NAV_MIN, min(NAV_MAX, int(width * NAV_SHARE)))
            self.split.setSizes([nav, max(1, width - nav)])
            self._nav_sized = True

    def _check_compact(self) -> None:
        compact = 0 < self.stack.width() < COMPACT_BELOW
        if compact != self.compact:
            self.compact = compact
            for page in self.pages.values():
                page.set_compact(compact)

    # -- find, and the item that has the focus ---------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.open(self.form, self.session.doc)

    def focused_row(self) -> ItemRow | None:
        w = QApplication.focusWidget()
        while w is not None and not isinstance(w, ItemRow):
            w = w.parentWidget()
        return w if isinstance(w, ItemRow) and self.isAncestorOf(w) else None

    def toggle_non_public(self, row: ItemRow | None = None) -> bool:
        """Mark the item (the focused one by default) as 非公表 for the 公表用 PDF, or unmark it."""
        row = row or self.focused_row()
        if row is None or self.session.readonly:
            return False
        address = row.address
        hide = address not in self.session.doc.non_public

        def mutate(doc) -> None:  # type: ignore[no-untyped-def]
            doc.non_public = [a for a in doc.non_public if a != address] + ([address] if hide else [])

        label = row.label_text
        self.session.change_structure(f"「{label}」を{'非公表に' if hide else '公表に戻'}する", mutate, address)
        return True

    def row_menu(self, row: ItemRow, at) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        hidden = row.address in self.session.doc.non_public
        act = menu.addAction("公表用PDFで（非公表）と印字する")
        act.setCheckable(True)
        act.setChecked(hidden)
        act.setEnabled(not self.session.readonly)
        act.triggered.connect(lambda _c=False: self.toggle_non_public(row))
        if row.item.help:
            menu.addAction("記載要領を表示", row.toggle_help)
        menu.popup(at)

    def toggle_help(self) -> None:
        """F1: the help text of the item that has the focus."""
        row = self.focused_row()
        if row is not None and row.item.help:
            row.toggle_help()

    # -- changes ---------------------------------------------------------------------------------------

    def user_changed(self, address: str, value: Value | None, mergeable: bool) -> None:
        self.session.set_value(address, value, mergeable=mergeable)

    def _value_changed(self, address: str, from_history: bool) -> None:
        if self._prebuild_timer.isActive():
            self._prebuild_timer.start()  # typing: build later
        value = self.session.doc.get(address)
        key = page_key_of(address)
        page = self.pages.get(key)
        if page is not None:
            page.show_value(address, value)
        if parse_address(address).template in condition_sources(self.form):
            for p in self.pages.values():
                p.refresh_conditions()
        if from_history:
            self.go_to(address)
        if address in (self.form.roles.title, self.form.roles.number):
            self._update_title()
        self._validate_timer.start()

    def _document_replaced(self, focus: str) -> None:
        if len(self.sections) != len(self._expected_keys()):
            current = self.current_key
            self._set_sections()
            self.current_key = ""
            self.show_section(current if current in self.section_keys() else self.sections[0][0])
        for page in self.pages.values():
            page.sync_document()
        self.status_box.blockSignals(True)
        self.status_box.setCurrentText(self.session.doc.status)
        self.status_box.blockSignals(False)
        self._update_title()
        if focus:
            self.go_to(focus)
        self.revalidate()

    def _update_title(self) -> None:
        doc = self.session.doc
        name = str(doc.get(self.form.roles.title) or "（評価書名未記入）")
        number = doc.get(self.form.roles.number)
        self.title.setText(f"{name}" + (f"　（評価書番号 {number}）" if number else ""))

    def set_read_only(self, readonly: bool) -> None:
        self.session.readonly = readonly
        self.readonly_label.setVisible(readonly)
        self.status_box.setEnabled(not readonly)
        for page in self.pages.values():
            page.set_read_only(readonly)

    # -- findings ----------------------------------------------------------------------------------------

    def revalidate(self) -> None:
        self._validate_timer.stop()
        doc = self.session.doc
        try:
            self.findings = review(self.form, doc)  # validation plus consistency, しきい値判断, citations, due dates
        except Exception as exc:  # the extra checks must never stop the editing: fall back to the form's own validation
            self.findings = validate(self.form, doc)
            self.review_failed.emit(f"点検の一部を実行できませんでした（{exc}）")
        by_address: dict[str, tuple[str | None, str | None]] = {}
        counts: dict[str, list[int]] = {}
        for f in self.findings:
            missing, error = by_address.get(f.address, (None, None))
            if f.severity == "error":
                error = error or f.message
            else:
                missing = missing or f.message
            by_address[f.address] = (missing, error)
            bucket = counts.setdefault(page_key_of(f.address), [0, 0, 0])
            if f.severity == "error":
                bucket[1] += 1
            elif f.rule == "required":
                bucket[0] += 1
            else:
                bucket[2] += 1
        self.by_address = by_address
        for page in self.pages.values():
            page.apply_findings(by_address)
        done = completeness(self.form, doc)
        for key in self.section_keys():
            c = done.get(key)
            missing, errors, others = counts.get(key, [0, 0, 0])
            self.nav.set_status(key, c.percent if c else None, missing, errors, others)
        self.findings_updated.emit()

    def shutdown(self) -> None:
        """The wizard is being closed: no more background work, no more reactions to the session."""
        self.prebuild = False
        self._prebuild_timer.stop()
        self._validate_timer.stop()
        for signal, slot in ((self.session.value_changed, self._value_changed), (self.session.document_replaced, self._document_replaced)):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)

    def flush(self) -> None:
        """Nothing waits to be saved (every change is saved at once); run pending checks now."""
        if self._validate_timer.isActive():
            self.revalidate()

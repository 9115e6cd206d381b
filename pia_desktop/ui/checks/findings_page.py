"""The 点検 page: every finding of ``review`` grouped by section, with a jump to the item.

Self-contained: give it a document (``set_document``) or findings (``set_findings``); it emits
``jump_requested(address)`` when the user opens a finding (double-click or Enter).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.checks.due_dates import DueDates, due_summary
from pia_desktop.checks.review import run_review, section_key
from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.validation import Finding

ROLE_ADDRESS = Qt.ItemDataRole.UserRole
COLOR_ERROR = "#b3261e"
COLOR_WARNING = "#8a5a00"
FILTERS = ("すべて", "誤りのみ", "警告のみ", "未記入を除く")
SEVERITY_TEXT = {"error": "誤り", "warning": "警告"}


class ChecksPage(QWidget):
    jump_requested = Signal(str)  # the address of the item to show
    refresh_requested = Signal()  # the user asked to check again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form: FormDefinition | None = None
        self.findings: list[Finding] = []
        self.due: DueDates | None = None
        self.today = date.today()

        layout = QVBoxLayout(self)
        # The count on a line of its own: the dock beside the page is narrow, and nothing may be cut off.
        self.summary = QLabel("点検していません")
        self.summary.setAccessibleName("点検結果の件数")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        top = QHBoxLayout()
        label = QLabel("表示(&V)")
        self.filter_box = QComboBox()
        self.filter_box.addItems(list(FILTERS))
        self.filter_box.currentIndexChanged.connect(lambda _i: self._fill())
        label.setBuddy(self.filter_box)
        top.addWidget(label)
        top.addWidget(self.filter_box, 1)
        self.refresh_button = QPushButton("再点検(&R)")
        self.refresh_button.clicked.connect(self.refresh_requested.emit)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["区分", "項目", "内容"])
        self.tree.setAccessibleName("点検結果")
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 220)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda cur, _prev: self._show_detail(cur))
        layout.addWidget(self.tree, 1)

        # The whole message of the selected finding (the list cuts long ones off).
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName("選択した指摘の内容")
        layout.addWidget(self.detail)

        self.due_label = QLabel("")
        self.due_label.setWordWrap(True)
        self.due_label.setAccessibleName("見直し・再実施の時期")
        layout.addWidget(self.due_label)

    def sizeHint(self) -> QSize:  # type: ignore[override]
        """A dock's width beside the page: the page keeps room for its labels and text."""
        return QSize(400, super().sizeHint().height())

    # -- input ---------------------------------------------------------------------------------------

    def set_document(self, form: FormDefinition, doc: Document, today: date | None = None,
                     extra: list[Finding] | None = None) -> None:
        """The document's own findings, and ``extra`` ones the window knows of (the set check, the
        conversion's to-do list)."""
        last = doc.last_review()
        result = run_review(form, doc, today, last_review=last.reviewed_on if last else None)
        self.set_findings(form, [*result.findings, *(extra or [])], result.due, result.today)

    def set_findings(self, form: FormDefinition, findings: list[Finding], due: DueDates | None = None, today: date | None = None) -> None:
        self.form = form
        self.findings = list(findings)
        self.due = due
        self.today = today or date.today()
        errors = sum(1 for f in findings if f.severity == "error")
        self.summary.setText(f"誤り {errors} 件、警告 {len(findings) - errors} 件" if findings else "指摘事項はありません")
        self.due_label.setText(due_summary(due, self.today) if due is not None else "")
        self._fill()

    # -- display ------------------------------------------------------------------------------------------

    def visible_findings(self) -> list[Finding]:
        mode = self.filter_box.currentText()
        if mode == "誤りのみ":
            return [f for f in self.findings if f.severity == "error"]
        if mode == "警告のみ":
            return [f for f in self.findings if f.severity == "warning"]
        if mode == "未記入を除く":
            return [f for f in self.findings if f.rule != "required"]
        return self.findings

    def _section_title(self, key: str) -> str:
        if not key or self.form is None:
            return "評価書全体"
        head = key.split("(", 1)[0].split("[", 1)[0]
        item = self.form.index.get(head)
        if item is None:
            return key
        title = item.short_label or item.label
        if "(" in key:
            from pia_desktop.domain.traversal import file_mark

            title += file_mark(int(key.split("(", 1)[1].split(")", 1)[0]))
        return title

    def _fill(self) -> None:
        self.tree.clear()
        self.detail.setText("")
        groups: dict[str, QTreeWidgetItem] = {}
        counts: dict[str, list[int]] = {}
        for f in self.visible_findings():
            key = section_key(f.address).split("[", 1)[0]
            group = groups.get(key)
            if group is None:
                group = QTreeWidgetItem(["", self._section_title(key), ""])
                group.setFirstColumnSpanned(False)
                font = group.font(1)
                font.setBold(True)
                group.setFont(1, font)
                self.tree.addTopLevelItem(group)
                groups[key] = group
                counts[key] = [0, 0]
            counts[key][0 if f.severity == "error" else 1] += 1
            path = f.path.split(" › ", 1)[1] if " › " in f.path else f.path
            row = QTreeWidgetItem([SEVERITY_TEXT.get(f.severity, f.severity), path, f.message])
            row.setData(0, ROLE_ADDRESS, f.address)
            color = QBrush(QColor(COLOR_ERROR if f.severity == "error" else COLOR_WARNING))
            row.setForeground(0, color)
            row.setToolTip(1, f.path)
            row.setToolTip(2, f"{f.message}\n（ルール：{f.rule}）")
            group.addChild(row)
        for key, group in groups.items():
            e, w = counts[key]
            group.setText(2, "、".join(p for p in (f"誤り {e} 件" if e else "", f"警告 {w} 件" if w else "") if p))
            group.setExpanded(True)

    def rows(self) -> list[QTreeWidgetItem]:
        """The finding rows in display order (for tests and keyboard navigation)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            out.extend(group.child(j) for j in range(group.childCount()))
        return out

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        if item is None or not item.data(0, ROLE_ADDRESS):
            self.detail.setText("")
            return
        self.detail.setText(f"{item.toolTip(1)}\n{item.toolTip(2)}\n（ダブルクリック又は Enter でこの項目を表示します）")

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        address = item.data(0, ROLE_ADDRESS)
        if address:
            self.jump_requested.emit(str(address))

"""変更箇所の作成: the proposed (別添２) rows, for the user to check, edit, merge or drop.

Each row shows 変更日, 項目, 変更前, 変更後, 提出時期 (事前/事後) and 提出時期に係る説明 (a pick list of
the standard phrases, free text allowed). Rows not ticked 「採用」 are left out. The point checks of
the (別添２) rules run on the kept rows as they are edited, and on the existing history (shown on
its own tab; the history itself is never changed here). ``kept_rows()`` is the result; the caller
appends it to the document. The model functions (edit_row, merge_at, drop_rows) do the work.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.changes.lint import lint_existing, lint_proposed
from pia_desktop.changes.rows import ChangeRow, drop_rows, edit_row, merge_at
from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.validation import Finding, describe
from pia_desktop.domain.wareki import normalize_wareki
from pia_desktop.ui.shell.screen_fit import fit_window

COLUMNS = ("採用", "変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明", "点検")
C_KEEP, C_DATE, C_ITEM, C_BEFORE, C_AFTER, C_TIMING, C_REASON, C_LINT = range(len(COLUMNS))
TEXT_COLUMNS = {C_DATE: "changed_on", C_ITEM: "item", C_BEFORE: "before", C_AFTER: "after"}
LINT_DELAY_MS = 300


class ChangesDialog(QDialog):
    def __init__(self, form: FormDefinition, draft: Document, rows: list[ChangeRow], phrases: list[str],
                 parent: QWidget | None = None, *, default_reason: str = "") -> None:
        super().__init__(parent)
        self.form = form
        self.draft = draft
        self.phrases = phrases
        self.default_reason = default_reason
        self._rows = list(rows)
        self._keep = [True] * len(rows)
        self._filling = False
        self.findings: dict[int, list[Finding]] = {}
        self.setWindowTitle("変更箇所の作成")
        fit_window(self, QSize(1280, 760), "changes")
        layout = QVBoxLayout(self)
        pre = sum(1 for r in rows if r.timing == "事前")
        self.summary = QLabel()
        layout.addWidget(self.summary)
        intro = QLabel(
            f"前年度版との違いから {len(rows)} 行を提案しました（事前 {pre} 行）。"
            "※の項目の変更は重要な変更（事前）として提案しています。重要な変更に当たらない場合は「事後」にして理由を選んでください。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        tabs = QTabWidget()
        page = QWidget()
        page_layout = QVBoxLayout(page)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((44, 120, 300, 200, 200, 80, 260, 220)):
            self.table.setColumnWidth(col, width)
        self.table.itemChanged.connect(self._item_changed)
        page_layout.addWidget(self.table, 1)

        bar = QHBoxLayout()
        self.merge_button = QPushButton("選択した行を結合(&M)")
        self.merge_button.clicked.connect(self.merge_selected)
        self.drop_button = QPushButton("選択した行を削除(&D)")
        self.drop_button.clicked.connect(self.drop_selected)
        bar.addWidget(self.merge_button)
        bar.addWidget(self.drop_button)
        bar.addStretch(1)
        date_label = QLabel("変更日(&A):")
        bar.addWidget(date_label)
        self.date_edit = QLineEdit()
        date_label.setBuddy(self.date_edit)  # a label with a buddy underlines its mnemonic; without, "&" is shown
        self.date_edit.setPlaceholderText("例: 令和8年6月1日")
        self.date_edit.setText(rows[0].changed_on if rows else "")
        bar.addWidget(self.date_edit)
        self.date_button = QPushButton("すべての行に設定")
        self.date_button.clicked.connect(self.apply_date)
        bar.addWidget(self.date_button)
        page_layout.addLayout(bar)
        tabs.addTab(page, "提案した行")

        self.history = QListWidget()
        history_findings = lint_existing(form, draft)
        for f in history_findings:
            self.history.addItem(f"{describe(form, f.address)}：{f.message}")
        if not history_findings:
            self.history.addItem("既存の変更箇所に指摘はありません。")
        tabs.addTab(self.history, f"既存の変更箇所の点検（{len(history_findings)}）")
        layout.addWidget(tabs, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("変更箇所に追加(&S)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._lint_timer = QTimer(self)
        self._lint_timer.setSingleShot(True)
        self._lint_timer.setInterval(LINT_DELAY_MS)
        self._lint_timer.timeout.connect(self.run_lint)
        self._fill()
        self.run_lint()

    # -- the table -----------------------------------------------------------------------------------

    def _fill(self) -> None:
        self._filling = True
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            keep = QTableWidgetItem()
            keep.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            keep.setCheckState(Qt.CheckState.Checked if self._keep[r] else Qt.CheckState.Unchecked)
            self.table.setItem(r, C_KEEP, keep)
            for col, attr in TEXT_COLUMNS.items():
                self.table.setItem(r, col, QTableWidgetItem(getattr(row, attr)))
            timing = QComboBox()
            timing.addItems(["事前", "事後"])
            timing.setCurrentText(row.timing)
            timing.currentTextChanged.connect(lambda text, r=r: self.set_timing(r, text))
            self.table.setCellWidget(r, C_TIMING, timing)
            reason = QComboBox()
            reason.setEditable(True)
            reason.addItems(self.phrases)
            reason.setEditText(row.reason)
            reason.setEnabled(row.timing == "事後")
            reason.currentTextChanged.connect(lambda text, r=r: self.set_reason(r, text))
            self.table.setCellWidget(r, C_REASON, reason)
            lint = QTableWidgetItem("")
            lint.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.table.setItem(r, C_LINT, lint)
        self.table.resizeRowsToContents()
        self._filling = False
        self._update_summary()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        r, col = item.row(), item.column()
        if col == C_KEEP:
            self._keep[r] = item.checkState() == Qt.CheckState.Checked
        elif col in TEXT_COLUMNS:
            self._rows[r] = edit_row(self._rows[r], **{TEXT_COLUMNS[col]: item.text()})
        self._update_summary()
        self._lint_timer.start()

    def set_timing(self, r: int, timing: str) -> None:
        row = self._rows[r]
        changes = {"timing": timing}
        if timing == "事後" and not row.reason and not row.starred:
            changes["reason"] = self.default_reason  # the standard explanation for an unmarked item
        self._rows[r] = edit_row(row, **changes)
        reason = self.table.cellWidget(r, C_REASON)
        if isinstance(reason, QComboBox):
            reason.blockSignals(True)
            reason.setEditText(self._rows[r].reason)
            reason.setEnabled(timing == "事後")
            reason.blockSignals(False)
        combo = self.table.cellWidget(r, C_TIMING)
        if isinstance(combo, QComboBox) and combo.currentText() != timing:
            combo.blockSignals(True)
            combo.setCurrentText(timing)
            combo.blockSignals(False)
        self._update_summary()
        self._lint_timer.start()

    def set_reason(self, r: int, text: str) -> None:
        self._rows[r] = edit_row(self._rows[r], reason=text)
        combo = self.table.cellWidget(r, C_REASON)
        if isinstance(combo, QComboBox) and combo.currentText() != text:
            combo.blockSignals(True)
            combo.setEditText(text)
            combo.blockSignals(False)
        self._lint_timer.start()

    def set_kept(self, r: int, keep: bool) -> None:
        self.table.item(r, C_KEEP).setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectedIndexes()})

    def select_rows(self, rows: list[int]) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for r in rows:
            self.table.selectRow(r)
        self.table.setSelectionMode(mode)

    def merge_selected(self) -> None:
        chosen = self.selected_rows()
        if len(chosen) < 2:
            return
        keep_first = self._keep[chosen[0]]
        self._rows = merge_at(self._rows, chosen)
        self._keep = [k for i, k in enumerate(self._keep) if i not in chosen[1:]]
        self._keep[chosen[0]] = keep_first
        self._fill()
        self.run_lint()

    def drop_selected(self) -> None:
        chosen = set(self.selected_rows())
        if not chosen:
            return
        self._rows = drop_rows(self._rows, chosen)
        self._keep = [k for i, k in enumerate(self._keep) if i not in chosen]
        self._fill()
        self.run_lint()

    def apply_date(self) -> None:
        text = self.date_edit.text().strip()
        date = normalize_wareki(text) or text
        self.date_edit.setText(date)
        self._rows = [edit_row(r, changed_on=date) for r in self._rows]
        self._filling = True
        for r, row in enumerate(self._rows):
            self.table.item(r, C_DATE).setText(row.changed_on)
        self._filling = False
        self.run_lint()

    # -- checks ---------------------------------------------------------------------------------------

    def run_lint(self) -> None:
        kept = [i for i, k in enumerate(self._keep) if k]
        by_kept = lint_proposed(self.form, self.draft, [self._rows[i] for i in kept])
        self.findings = {kept[k]: v for k, v in by_kept.items()}
        self._filling = True
        for r in range(self.table.rowCount()):
            messages = [f.message for f in self.findings.get(r, [])]
            item = self.table.item(r, C_LINT)
            item.setText("\n".join(messages))
            item.setToolTip("\n".join(messages))
        self._filling = False
        self._update_summary()

    def _update_summary(self) -> None:
        kept = [r for r, k in zip(self._rows, self._keep, strict=True) if k]
        pre = sum(1 for r in kept if r.timing == "事前")
        problems = sum(1 for i in self.findings if i < len(self._keep) and self._keep[i])
        text = f"採用 {len(kept)} 行（事前 {pre} 行、事後 {len(kept) - pre} 行）"
        if problems:
            text += f"　点検の指摘がある行 {problems}"
        self.summary.setText(text)
        self.ok_button.setEnabled(bool(kept))

    # -- result ---------------------------------------------------------------------------------------

    def rows(self) -> list[ChangeRow]:
        return list(self._rows)

    def kept_rows(self) -> list[ChangeRow]:
        return [r for r, k in zip(self._rows, self._keep, strict=True) if k]

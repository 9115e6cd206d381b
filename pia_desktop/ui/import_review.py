"""取り込み結果の確認: the import report item by item, before anything is saved.

``ImportReviewDialog`` shows what was read from the file (取り込み済み / 要確認 / 見つからない /
空欄) with the source text and where it was found, the file's notes and the text that matched no
item. Accepting it means "add this document to the store"; the caller does the saving.
``StoreChoiceDialog`` lets the user tick which assessments of another store file to copy in.
Both are self-contained (no main-window dependency).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.importers.report import STATUS_LABELS, ImportResult

COLUMNS = ("項目", "状態", "取り込んだ値", "元の記載", "場所", "備考")
FILTERS = (("要確認・見つからない", {"ambiguous", "not_found"}), ("すべて", set(STATUS_LABELS)),
           ("取り込み済み", {"imported"}), ("要確認", {"ambiguous"}), ("見つからない", {"not_found"}), ("空欄", {"empty"}))
KIND_LABELS = {"json": "PIA Desktop の JSON", "pdf-embedded": "PIA Desktop の PDF（添付データ）", "pdf": "PDF（印刷された文字）",
               "xlsx": "Excel", "store": "保存ファイル"}
_MAX_CELL = 300


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= _MAX_CELL else one[:_MAX_CELL] + "…"


class ImportReviewDialog(QDialog):
    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = result
        report = result.report
        self.setWindowTitle(f"取り込み結果の確認 — {report.source}")
        self.resize(1100, 700)
        layout = QVBoxLayout(self)

        kind = KIND_LABELS.get(report.kind, report.kind)
        counts = "、".join(f"{STATUS_LABELS[s]} {report.count(s)} 件" for s in ("imported", "ambiguous", "not_found", "empty"))  # type: ignore[arg-type]
        self.summary = QLabel(f"<b>{html.escape(report.source)}</b>（{kind}）<br>{counts}")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        notes = list(report.notes)
        if report.source_version:
            notes.insert(0, f"様式: {report.source_version}")
        self.notes = QLabel("\n".join(f"・{n}" for n in notes))
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(notes))
        layout.addWidget(self.notes)

        tabs = QTabWidget()
        items_page = QWidget()
        items_layout = QVBoxLayout(items_page)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("表示(&V):"))
        self.filter = QComboBox()
        for label, _ in FILTERS:
            self.filter.addItem(label)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        bar.addWidget(self.filter)
        bar.addStretch(1)
        items_layout.addLayout(bar)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((320, 90, 260, 260, 90, 200)):
            self.table.setColumnWidth(col, width)
        items_layout.addWidget(self.table)
        tabs.addTab(items_page, "項目ごとの結果")

        self.unmatched = QListWidget()
        for u in report.unmatched:
            QListWidgetItem(f"{u.where}　{_short(u.text)}", self.unmatched)
        tabs.addTab(self.unmatched, f"どの項目にも当てはまらなかった記載（{len(report.unmatched)}）")
        layout.addWidget(tabs, 1)

        hint = QLabel("「要確認」「見つからない」の項目は、保存後に評価書の画面で確認・記入してください。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("保存ファイルに追加(&S)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取り込まない")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill()
        if not any(e.status in ("ambiguous", "not_found") for e in report.entries):
            self.filter.setCurrentIndex(1)  # nothing to look at first: show everything
        self._apply_filter()

    def _fill(self) -> None:
        entries = self.result.report.entries
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            cells = (e.path, STATUS_LABELS[e.status], _short(e.value), _short(e.source), e.where, e.note)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if len(text) < 2000 else text[:2000] + "…")
                if c == 1:
                    item.setData(Qt.ItemDataRole.UserRole, e.status)
                self.table.setItem(r, c, item)

    def _apply_filter(self) -> None:
        wanted = FILTERS[self.filter.currentIndex()][1]
        for r in range(self.table.rowCount()):
            status = self.table.item(r, 1).data(Qt.ItemDataRole.UserRole)
            self.table.setRowHidden(r, status not in wanted)

    def visible_addresses(self) -> list[str]:
        entries = self.result.report.entries
        return [entries[r].address for r in range(self.table.rowCount()) if not self.table.isRowHidden(r)]

    def set_filter(self, label: str) -> None:
        self.filter.setCurrentIndex([f[0] for f in FILTERS].index(label))


class StoreChoiceDialog(QDialog):
    """Which assessments of another store file to copy in (all ticked at first)."""

    def __init__(self, source_name: str, summaries: list, parent: QWidget | None = None) -> None:  # type: ignore[type-arg]
        super().__init__(parent)
        self.setWindowTitle(f"保存ファイルからの取り込み — {source_name}")
        self.resize(700, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{source_name} に含まれる評価書です。取り込むものに印を付けてください。"))
        self.list = QListWidget()
        for s in summaries:
            item = QListWidgetItem(f"{s.number or '－'}　{s.name or '（評価書名未記入）'}　{s.org}　{s.published}　［{s.status}］")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("取り込む(&I)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.itemChanged.connect(lambda _i: self.ok_button.setEnabled(bool(self.chosen_ids())))

    def chosen_ids(self) -> list[int]:
        return [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

"""評価書の一覧表（取りまとめ）: per 事務 its 評価書, last 見直し, next due dates and open errors,
saved as CSV or Excel for the 取りまとめ課. Each 評価書 is one row (its latest version, with its 年度
shown next to its kind and every version listed), however many years of it the store holds."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from pia_desktop.domain.errors import PiaError
from pia_desktop.shared.portfolio import COLUMNS, PortfolioRow, portfolio, write_csv, write_xlsx
from pia_desktop.ui.shell.look import COLOR_ERROR, COLOR_HELP, set_text_color

ROLE_ID = Qt.ItemDataRole.UserRole + 1
COL_NENDO = COLUMNS.index("年度") - 1  # the tree leaves out the 事務 column (it is the parent row)
SOON_DAYS = 90


class PortfolioDialog(QDialog):
    open_requested = Signal(int)

    def __init__(self, window: Any, *, today: date | None = None) -> None:
        super().__init__(window)
        self.window_ = window
        self.dialogs = window.dialogs
        self.today = today or date.today()
        self.rows: list[PortfolioRow] = []
        self.setWindowTitle("評価書の一覧表（取りまとめ）")
        self.resize(1280, 640)
        layout = QVBoxLayout(self)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.only_due = QCheckBox(f"期限が近いもの（{SOON_DAYS}日以内・超過）と誤りのあるものだけ(&K)")
        layout.addWidget(self.only_due)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS) - 1)
        self.tree.setHeaderLabels(list(COLUMNS[1:]))
        self.tree.setAccessibleName("評価書の一覧表")
        self.tree.setAlternatingRowColors(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.moveSection(COL_NENDO, 1)  # 種類, 年度, 評価書番号 …: the year of the version shown reads first
        layout.addWidget(self.tree, 1)
        note = QLabel("評価書ごとに最新の年度の版を1行で示します（他の年度の版は「年度ごとの版」欄）。期限は公表済の最新の版から数えます。"
                      "見直しの目安は最後に記録した見直し（なければ公表日）から1年、再実施の期限は評価の実施後の公表から5年です。"
                      "「誤り」「警告」は点検の件数です。行をダブルクリックすると評価書を開きます。")
        note.setWordWrap(True)
        set_text_color(note, COLOR_HELP)
        layout.addWidget(note)
        buttons = QHBoxLayout()
        self.csv_button = QPushButton("CSVで保存(&C)…")
        self.xlsx_button = QPushButton("Excelで保存(&X)…")
        self.refresh_button = QPushButton("更新(&R)")
        close = QPushButton("閉じる")
        for b in (self.csv_button, self.xlsx_button, self.refresh_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.csv_button.clicked.connect(lambda: self.save("csv"))
        self.xlsx_button.clicked.connect(lambda: self.save("xlsx"))
        self.refresh_button.clicked.connect(self.refresh)
        self.only_due.toggled.connect(lambda _on: self._fill())
        close.clicked.connect(self.close)
        self.tree.itemDoubleClicked.connect(self._open)
        self.refresh()

    def refresh(self) -> None:
        store = self.window_.store
        self.rows = portfolio(store, today=self.today) if store is not None else []
        self._fill()

    def _attention(self, r: PortfolioRow) -> bool:
        soon = self.today + timedelta(days=SOON_DAYS)
        return bool(r.errors) or any(d is not None and d <= soon for d in (r.review_due, r.rerun_due))

    def _fill(self) -> None:
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        shown = [r for r in self.rows if not self.only_due.isChecked() or self._attention(r)]
        for r in shown:
            parent = groups.get(r.group)
            if parent is None:
                parent = QTreeWidgetItem([r.jimu])
                parent.setFirstColumnSpanned(True)
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                self.tree.addTopLevelItem(parent)
                parent.setFirstColumnSpanned(True)
                groups[r.group] = parent
            cells = r.cells()[1:]
            item = QTreeWidgetItem(cells)
            item.setData(0, ROLE_ID, r.assessment_id)
            for col, when in ((8, r.review_due), (9, r.rerun_due)):
                if when is not None and when < self.today:
                    item.setForeground(col, QBrush(QColor(COLOR_ERROR)))
                    item.setToolTip(col, "期限を過ぎています")
            if r.errors:
                item.setForeground(10, QBrush(QColor(COLOR_ERROR)))
            if r.versions:
                item.setToolTip(COL_NENDO, f"年度ごとの版：{r.versions}")
            if r.due_from is not None and r.due_from != r.assessment_id:
                for col in (8, 9):
                    item.setToolTip(col, f"公表済の版（ID {r.due_from}）から数えています")
            parent.addChild(item)
        self.tree.expandAll()
        jimu = len({r.group for r in self.rows})
        overdue = sum(1 for r in self.rows if r.overdue(self.today))
        errors = sum(1 for r in self.rows if r.errors)
        older = sum(r.version_count - 1 for r in self.rows)
        held = f"（ほかに過去の年度・複写の版 {older} 件）" if older else ""
        self.summary.setText(f"事務 {jimu} 件・評価書 {len(self.rows)} 件{held}　期限超過 {overdue} 件　誤りのある評価書 {errors} 件")

    def visible_ids(self) -> list[int]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out += [int(top.child(j).data(0, ROLE_ID)) for j in range(top.childCount())]
        return out

    def _open(self, item: QTreeWidgetItem, _col: int) -> None:
        aid = item.data(0, ROLE_ID)
        if aid is not None:
            self.open_requested.emit(int(aid))

    def save(self, kind: str) -> Path | None:
        suggested = (self.window_.store.path.parent if self.window_.store else Path.home()) / f"評価書一覧_{self.today.isoformat()}.{kind}"
        path = self.dialogs.ask_save_list(self, suggested)
        if path is None:
            return None
        path = Path(path)
        if path.suffix.lower() != f".{kind}":
            path = path.with_suffix(f".{kind}")
        try:
            (write_csv if kind == "csv" else write_xlsx)(self.rows, path)
        except (OSError, PiaError) as exc:
            self.dialogs.error(self, "保存できません", f"{path} に保存できません（{exc}）")
            return None
        self.dialogs.inform(self, "一覧表を保存しました", str(path))
        return path


def open_portfolio(window: Any) -> PortfolioDialog | None:
    if window.store is None:
        return None
    dlg = getattr(window, "portfolio_dialog", None)
    if dlg is None:
        dlg = PortfolioDialog(window)
        dlg.open_requested.connect(window.open_assessment)
        window.portfolio_dialog = dlg
    else:
        dlg.refresh()
    dlg.show()
    dlg.raise_()
    return dlg

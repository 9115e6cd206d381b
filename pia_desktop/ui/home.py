"""The home screen: the assessments in the store, sortable and filterable by typing, with
新規作成, 開く, 複製, 削除 (into the trash) and the trash itself (元に戻す)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.checks.due_dates import DueDates, compute_due_dates, wareki_text
from pia_desktop.domain.errors import PiaError
from pia_desktop.storage.store import Store, Summary
from pia_desktop.ui.look import COLOR_HELP, emphasize, set_text_color

COLUMNS = ("評価書番号", "評価書名", "評価実施機関名", "公表日", "最終更新", "記入率", "状況", "見直しの目安", "再実施の期限")
ROLE_ID = Qt.ItemDataRole.UserRole + 1
ROLE_SORT = Qt.ItemDataRole.UserRole + 2
ROLE_NEXT_DUE = Qt.ItemDataRole.UserRole + 3  # the earlier due date (ISO), for the 期限が近いもの filter
COL_PERCENT = 5
DUE_SOON_DAYS = 90
PERCENT_PACE_MS = 25
COLOR_OVERDUE = "#b00020"  # 記入率 is filled in row by row with pauses, so the list stays responsive


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


class FilterProxy(QSortFilterProxyModel):
    """Every typed word must appear somewhere in the row (full/half width and case ignored)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.due_until: str | None = None  # ISO date: only rows due on or before it
        self.setSortRole(ROLE_SORT)

    def set_due_until(self, until: date | None) -> None:
        self.beginFilterChange()
        self.due_until = until.isoformat() if until else None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self.words = _fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if self.due_until is not None:
            due = model.index(source_row, 0, source_parent).data(ROLE_NEXT_DUE)
            if not due or str(due) > self.due_until:
                return False
        if not self.words:
            return True
        row = _fold(" ".join(str(model.index(source_row, c, source_parent).data() or "") for c in range(model.columnCount())))
        return all(w in row for w in self.words)


@dataclass(frozen=True)
class Row:
    summary: Summary
    percent: int | None


class HomeScreen(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()
    duplicate_requested = Signal(int)
    delete_requested = Signal(int)
    restore_requested = Signal(int)
    purge_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.showing_trash = False
        self._percent_cache: dict[tuple[int, str], int] = {}
        self._pending: list[int] = []
        v = QVBoxLayout(self)
        v.setContentsMargins(12, 12, 12, 12)
        self.heading = QLabel("評価書の一覧")
        emphasize(self.heading, "section")
        v.addWidget(self.heading)
        self.store_label = QLabel()
        set_text_color(self.store_label, COLOR_HELP)
        self.store_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.store_label)

        bar = QHBoxLayout()
        find_label = QLabel("絞り込み(&F)")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("評価書番号・評価書名・機関名などで絞り込み")
        self.filter.setClearButtonEnabled(True)
        find_label.setBuddy(self.filter)
        bar.addWidget(find_label)
        bar.addWidget(self.filter, 1)
        self.view_list = QRadioButton("評価書(&L)")
        self.view_trash = QRadioButton("ごみ箱(&T)")
        self.view_list.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.view_list)
        group.addButton(self.view_trash)
        self.due_soon = QCheckBox(f"期限が近いもの（{DUE_SOON_DAYS}日以内・超過）(&K)")
        self.due_soon.setToolTip("見直しの目安（公表日から1年）又は再実施の期限（5年）が近い、又は過ぎている評価書だけを表示します")
        bar.addWidget(self.due_soon)
        bar.addWidget(self.view_list)
        bar.addWidget(self.view_trash)
        v.addLayout(bar)

        self.model = QStandardItemModel(0, len(COLUMNS))
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = FilterProxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("評価書の一覧")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self._open())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self._open, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, self._open, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self._delete, context=Qt.ShortcutContext.WidgetShortcut)
        v.addWidget(self.table, 1)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        set_text_color(self.empty_label, COLOR_HELP)
        v.addWidget(self.empty_label)

        buttons = QHBoxLayout()
        self.new_button = QPushButton("新規作成(&N)…")
        self.open_button = QPushButton("開く(&O)")
        self.duplicate_button = QPushButton("複製(&D)")
        self.delete_button = QPushButton("削除…")
        self.restore_button = QPushButton("元に戻す(&R)")
        self.purge_button = QPushButton("完全に削除…")
        for b in (self.new_button, self.open_button, self.duplicate_button, self.delete_button, self.restore_button, self.purge_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        v.addLayout(buttons)

        self.filter.textChanged.connect(self.proxy.set_query)
        self.due_soon.toggled.connect(
            lambda on: self.proxy.set_due_until(date.today() + timedelta(days=DUE_SOON_DAYS) if on else None))
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._open)
        self.duplicate_button.clicked.connect(lambda: self._emit(self.duplicate_requested))
        self.delete_button.clicked.connect(self._delete)
        self.restore_button.clicked.connect(lambda: self._emit(self.restore_requested))
        self.purge_button.clicked.connect(lambda: self._emit(self.purge_requested))
        self.view_trash.toggled.connect(self._trash_toggled)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._sync_buttons())
        self._percent_timer = QTimer(self)
        self._percent_timer.setInterval(PERCENT_PACE_MS)
        self._percent_timer.timeout.connect(self._fill_one_percent)
        self._sync_buttons()

    # -- data -----------------------------------------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.store_label.setText(f"保存ファイル：{store.path}" + ("（読み取り専用）" if store and store.readonly else "") if store else "")
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        selected = select if select is not None else self.selected_id()
        self.model.removeRows(0, self.model.rowCount())
        summaries = self.store.list_assessments(deleted=self.showing_trash) if self.store else []
        self._pending = []
        for s in summaries:
            percent = self._percent_cache.get((s.id, s.updated_at))
            if percent is None:
                self._pending.append(s.id)
            self.model.appendRow(self._make_row(s, percent))
        self.proxy.sort(self.proxy.sortColumn(), self.proxy.sortOrder())
        if self._pending:
            self._percent_timer.start()
        if self.showing_trash:
            self.empty_label.setText("ごみ箱は空です。" if not summaries else "削除した評価書です。「元に戻す」で一覧に戻せます。")
        else:
            self.empty_label.setText("" if summaries else "評価書はまだありません。「新規作成」から始めてください。")
        if selected is not None:
            self.select(selected)
        elif self.proxy.rowCount():
            self.table.selectRow(0)
        self._sync_buttons()

    def _make_row(self, s: Summary, percent: int | None) -> list[QStandardItem]:
        updated = s.updated_at.replace("T", " ")[:16]
        due = _due_dates(s.published)
        review, rerun = (due.review_due, due.rerun_due) if due else (None, None)
        cells = [s.number, s.name or "（評価書名未記入）", s.org, s.published, updated, "" if percent is None else f"{percent}%", s.status,
                 wareki_text(review) if review else "", wareki_text(rerun) if rerun else ""]
        sort_keys: list[object] = [_number_key(s.number), s.name, s.org, s.published, s.updated_at, percent if percent is not None else -1, s.status,
                                   review.isoformat() if review else "~", rerun.isoformat() if rerun else "~"]
        row = []
        for text, key in zip(cells, sort_keys, strict=True):
            item = QStandardItem(text)
            item.setData(s.id, ROLE_ID)
            item.setData(key, ROLE_SORT)
            row.append(item)
        row[COL_PERCENT].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        next_due = due.next_due() if due else None
        row[0].setData(next_due.isoformat() if next_due else None, ROLE_NEXT_DUE)
        today = date.today()
        for col, when in ((7, review), (8, rerun)):
            if when is not None and when < today:
                row[col].setForeground(QBrush(QColor(COLOR_OVERDUE)))
                row[col].setToolTip("期限を過ぎています")
        return row

    def _fill_one_percent(self) -> None:
        """記入率 needs each document loaded: fill it in one row per event-loop turn, after the list shows."""
        if not self._pending or self.store is None:
            self._percent_timer.stop()
            return
        aid = self._pending.pop(0)
        from pia_desktop.domain.form_definition import load_form
        from pia_desktop.domain.validation import overall_completeness

        try:
            doc = self.store.load(aid)
            percent = overall_completeness(load_form(doc.form_id), doc)
        except Exception:  # a damaged row must not break the list; 記入率 just stays blank
            return
        for r in range(self.model.rowCount()):
            item = self.model.item(r, COL_PERCENT)
            if item.data(ROLE_ID) == aid:
                updated = self.model.item(r, 4).data(ROLE_SORT)
                self._percent_cache[(aid, str(updated))] = percent
                item.setText(f"{percent}%")
                item.setData(percent, ROLE_SORT)

    def pause_percents(self) -> None:
        """The list is hidden (an assessment is open): stop loading documents for it."""
        self._percent_timer.stop()

    def percents_ready(self) -> bool:
        return not self._pending

    def fill_percents_now(self) -> None:
        while self._pending:
            self._fill_one_percent()
        self._percent_timer.stop()

    def forget_percent(self, aid: int) -> None:
        for key in [k for k in self._percent_cache if k[0] == aid]:
            del self._percent_cache[key]

    # -- selection ------------------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(rows[0].data(ROLE_ID))

    def select(self, aid: int) -> bool:
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(ROLE_ID) == aid:
                self.table.selectRow(r)
                return True
        return False

    def visible_ids(self) -> list[int]:
        return [int(self.proxy.index(r, 0).data(ROLE_ID)) for r in range(self.proxy.rowCount())]

    def cell(self, aid: int, column: str) -> str:
        c = COLUMNS.index(column)
        for r in range(self.model.rowCount()):
            if self.model.item(r, 0).data(ROLE_ID) == aid:
                return str(self.model.item(r, c).text())
        raise KeyError(aid)

    def _emit(self, signal) -> None:  # type: ignore[no-untyped-def]
        aid = self.selected_id()
        if aid is not None:
            signal.emit(aid)

    def _open(self) -> None:
        if not self.showing_trash:
            self._emit(self.open_requested)

    def _delete(self) -> None:
        if not self.showing_trash:
            self._emit(self.delete_requested)

    def _trash_toggled(self, trash: bool) -> None:
        self.showing_trash = trash
        self.heading.setText("ごみ箱" if trash else "評価書の一覧")
        self.refresh()

    def _sync_buttons(self) -> None:
        has = self.selected_id() is not None
        writable = self.store is not None and not self.store.readonly
        trash = self.showing_trash
        self.new_button.setVisible(not trash)
        self.new_button.setEnabled(writable)
        for b in (self.open_button, self.duplicate_button, self.delete_button):
            b.setVisible(not trash)
        self.open_button.setEnabled(has)
        self.duplicate_button.setEnabled(has and writable)
        self.delete_button.setEnabled(has and writable)
        self.restore_button.setVisible(trash)
        self.purge_button.setVisible(trash)
        self.restore_button.setEnabled(has and writable)
        self.purge_button.setEnabled(has and writable)


def _due_dates(published: str) -> DueDates | None:
    """見直し / 再実施 due dates from the 公表日 alone; none for drafts without a 公表日."""
    try:
        return compute_due_dates(published) if published else None
    except PiaError:  # a broken forms/rules/timing.yaml must not empty the list
        return None


def _number_key(number: str) -> object:
    """評価書番号 sort numerically when they are numbers."""
    digits = unicodedata.normalize("NFKC", number).replace(",", "").strip()
    return f"{int(digits):012d}" if digits.isdigit() else f"~{number}"

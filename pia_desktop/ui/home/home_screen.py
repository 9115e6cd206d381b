"""The home screen: the assessments in the store, sortable and filterable by typing, with
新規作成, 開く, 複製, 削除 (into the trash) and the trash itself (元に戻す).

Each row says what copy it is: its 年度 (next to its kind) and 公表済 (bold, coloured, with a tooltip:
it cannot be edited). The years and copies of one 事務 sit together (``shared.lineage``). The list
keeps its order when it is refreshed (after an edit, a 見直し, a new row): it re-sorts only when the
user clicks a column header; new rows come first. The focused row is framed (``list_focus``).

Its parts: the rows as plain records (``list_rows``), the Qt model over them (``list_model``), their order
(``ordering``), the typed filter (``filtering``) and the column widths (``column_widths``). A city's
thousand 評価書 cost a thousand small records and one keyed sort, not twelve thousand Qt items."""

from __future__ import annotations

import time
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.errors import PiaError
from pia_desktop.storage.store import Store
from pia_desktop.ui.home.column_widths import fit_columns
from pia_desktop.ui.home.filtering import FilterProxy
from pia_desktop.ui.home.list_focus import show_focus
from pia_desktop.ui.home.list_model import ROLE_ID, ListModel
from pia_desktop.ui.home.list_rows import COL_KIND, COL_NAME, COL_NENDO, COL_PERCENT, COL_UPDATED, COLUMNS, list_rows
from pia_desktop.ui.shell.look import COLOR_HELP, emphasize, set_text_color

DUE_SOON_DAYS = 90
FILL_SLICE_S = 0.008  # 記入率 filled per event-loop turn for at most this long
PERCENT_PACE_MS = 25  # 記入率 is filled in with pauses between slices, so the list stays responsive


class HomeScreen(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()
    duplicate_requested = Signal(int)
    delete_requested = Signal(int)
    restore_requested = Signal(int)
    purge_requested = Signal(int)
    review_requested = Signal(int)

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
        self.due_soon.setToolTip("見直しの目安（公表日又は最後に記録した見直しから1年）又は再実施の期限（5年）が近い、又は過ぎている評価書だけを表示します")
        bar.addWidget(self.due_soon)
        bar.addWidget(self.view_list)
        bar.addWidget(self.view_trash)
        v.addLayout(bar)

        self.model = ListModel()
        self.proxy = FilterProxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_UPDATED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("評価書の一覧")
        show_focus(self.table)
        self.proxy.before_sort = self._before_sort
        header = self.table.horizontalHeader()
        fit_columns(self.table, [], stretch=COL_NAME)  # widths from the texts (column_widths), 評価書名 takes the rest
        header.moveSection(header.visualIndex(COL_KIND), 0)  # 種類 first: "基礎 / └ 重点" reads as a group
        header.moveSection(header.visualIndex(COL_NENDO), 1)  # then the 年度: 「基礎 令和7年度」
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
        self.review_button = QPushButton("見直しを記録(&M)…")
        self.review_button.setToolTip("見直しの日・実施者・結果を記録します（記載は変わりません）")
        for b in (self.new_button, self.open_button, self.duplicate_button, self.delete_button, self.review_button,
                  self.restore_button, self.purge_button):
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
        self.review_button.clicked.connect(lambda: self._emit(self.review_requested))
        self.view_trash.toggled.connect(self._trash_toggled)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._sync_buttons())
        self._percent_timer = QTimer(self)
        self._percent_timer.setInterval(PERCENT_PACE_MS)
        self._percent_timer.timeout.connect(self._fill_one_percent)
        self._sync_buttons()

    # -- data -----------------------------------------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.proxy.forget_order()  # another store: sorted afresh
        self.store_label.setText(f"保存ファイル：{store.path}" + ("（読み取り専用）" if store and store.readonly else "") if store else "")
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        selected = select if select is not None else self.selected_id()
        self.proxy.keep_order()
        summaries = self.store.list_assessments(deleted=self.showing_trash) if self.store else []
        rows = self.proxy.order_of(list_rows(summaries, self._percent_cache, date.today()))
        self._pending = [row.aid for row in rows if row.keys[COL_PERCENT] == -1]
        self.model.set_rows(rows)
        fit_columns(self.table, rows, stretch=COL_NAME)
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

    def _fill_one_percent(self) -> None:
        """記入率 from each 評価書's kept 点検 summary (a document is loaded and checked only when it changed
        since), after the list shows: as many rows per event-loop turn as fit in a few milliseconds, told
        to the view as one change, so a city's thousand 評価書 fill quickly and typing never waits."""
        started = time.perf_counter()
        filled: list[int] = []
        while self._pending and self.store is not None and time.perf_counter() - started < FILL_SLICE_S:
            aid = self._pending.pop(0)
            if self._fill_percent_of(aid):
                filled.append(aid)
        if filled:
            self.model.rows_changed(filled, COL_PERCENT, COL_PERCENT)  # moves no row: the order shown is kept
        if not self._pending or self.store is None:
            self._percent_timer.stop()

    def _fill_percent_of(self, aid: int) -> bool:
        from pia_desktop.shared.check_summaries import summary_of

        assert self.store is not None
        row = self.model.row_of(aid)
        if row is None:
            return False
        try:
            percent = summary_of(self.store, aid).percent
        except PiaError as exc:  # a damaged row (codec.DamagedRow: a limit broken) is marked, never walked
            row.mark_damaged(exc.message)
            self.model.rows_changed([aid])
            return False
        except Exception:  # a damaged row must not break the list; 記入率 just stays blank
            return False
        self._percent_cache[(aid, row.updated_at)] = percent
        row.set_percent(percent)
        return True

    def _before_sort(self, column: int) -> None:
        """Sorting by 記入率 needs every 記入率: fill the missing ones first."""
        if column == COL_PERCENT and self._pending:
            self.fill_percents_now()

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
        row = self.model.row_of(aid)
        if row is None:
            raise KeyError(aid)
        return row.cells[COLUMNS.index(column)]

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
        self.proxy.forget_order()
        self.heading.setText("ごみ箱" if trash else "評価書の一覧")
        self.refresh()

    def _sync_buttons(self) -> None:
        has = self.selected_id() is not None
        writable = self.store is not None and not self.store.readonly
        trash = self.showing_trash
        self.new_button.setVisible(not trash)
        self.new_button.setEnabled(writable)
        for b in (self.open_button, self.duplicate_button, self.delete_button, self.review_button):
            b.setVisible(not trash)
        self.review_button.setEnabled(has and writable)
        self.open_button.setEnabled(has)
        self.duplicate_button.setEnabled(has and writable)
        self.delete_button.setEnabled(has and writable)
        self.restore_button.setVisible(trash)
        self.purge_button.setVisible(trash)
        self.restore_button.setEnabled(has and writable)
        self.purge_button.setEnabled(has and writable)

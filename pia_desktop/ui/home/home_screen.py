"""The home screen: the assessments in the store, sortable and filterable by typing, with
新規作成, 開く, 複製, 削除 (into the trash) and the trash itself (元に戻す).

Each row says what copy it is: its 年度 (next to its kind) and 公表済 (bold, coloured, with a tooltip:
it cannot be edited). The years and copies of one 事務 sit together (``shared.lineage``). The list
keeps its order when it is refreshed (after an edit, a 見直し, a new row): it re-sorts only when the
user clicks a column header; new rows come first. The focused row is framed (``list_focus``).

Why it reordered before: every refresh rebuilt the rows and sorted them afresh, by 最終更新 (the
default) — so the row just edited jumped to the top — and a 記入率 filled in re-sorted the list."""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
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
from pia_desktop.domain.fiscal_year import nendo_text
from pia_desktop.domain.form_definition import load_form
from pia_desktop.shared.lineage import group_keys, nendo_of, newer_published
from pia_desktop.storage.listing import Summary
from pia_desktop.storage.store import Store
from pia_desktop.ui.home.filtering import ROLE_GROUP, ROLE_ID, ROLE_NEXT_DUE, ROLE_RANK, ROLE_SORT, FilterProxy
from pia_desktop.ui.home.list_focus import show_focus
from pia_desktop.ui.shell.look import COLOR_HELP, emphasize, set_text_color

COLUMNS = ("評価書番号", "評価書名", "評価実施機関名", "公表日", "最終更新", "記入率", "状況", "見直しの目安", "再実施の期限", "種類",
           "最後の見直し", "年度")
COL_PERCENT = 5
COL_STATUS = 6
DAMAGED = "破損"  # 記入率 of a row that cannot be loaded (its tooltip says why)
COL_KIND = 9  # shown first (the view moves it), so the rows of one 事務 read as a group
COL_NENDO = 11  # shown second: "基礎 令和7年度"
COLOR_PUBLISHED = "#1f5a3a"  # 公表済: a settled green, bold (read-only baseline, not an alarm)
PUBLISHED_TIP = "公表済の評価書です（前年度版・比較の基準）。編集できません。「新年度版を作成」で今年度の評価書を作ります"
KIND_SHORT = {"kiso": "基礎", "juten": "重点", "zen": "全項目"}
KIND_RANK = {"kiso": 0, "juten": 1, "zen": 2}
DUE_SOON_DAYS = 90
FILL_SLICE_S = 0.008  # 記入率 filled per event-loop turn for at most this long
PERCENT_PACE_MS = 25
COLOR_OVERDUE = "#b00020"  # 記入率 is filled in row by row with pauses, so the list stays responsive


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
    review_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.showing_trash = False
        self._row_of: dict[int, int] = {}  # assessment id → its row in the model (not the view)
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
        show_focus(self.table)
        self.proxy.before_sort = self._before_sort
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
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
        self.model.removeRows(0, self.model.rowCount())
        summaries = self.store.list_assessments(deleted=self.showing_trash) if self.store else []
        self._pending = []
        groups = group_keys(summaries)  # a 事務's 評価書 over the years and its copies
        members: dict[str, list[Summary]] = {}
        for s in summaries:
            members.setdefault(groups[s.id], []).append(s)
        newer = newer_published(summaries, groups, date.today())
        self.proxy.setDynamicSortFilter(False)  # sorted once below, not once per row appended
        self._row_of = {}
        keys: list[tuple[str, int, list[object]]] = []
        for s in summaries:
            percent = self._percent_cache.get((s.id, s.updated_at))
            if percent is None:
                self._pending.append(s.id)
            group = members[groups[s.id]]
            first = min(group, key=_rank) if len(group) > 1 else s
            row = self._make_row(s, percent, group=groups[s.id], linked=first is not s, newer=newer.get(s.id))
            keys.append((groups[s.id], s.id, [item.data(ROLE_SORT) for item in row]))
            self._row_of[s.id] = self.model.rowCount()  # the model's own row (the view's order is the proxy's)
            self.model.appendRow(row)
        self.proxy.set_group_keys(keys)  # from the rows as made: no reading back a thousand rows
        self.proxy.setDynamicSortFilter(True)  # sorts once, now that every row and its 事務's keys are known
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

    def _make_row(self, s: Summary, percent: int | None, *, group: str, linked: bool = False,
                  newer: int | None = None) -> list[QStandardItem]:
        """``newer``: a later published version of the same 評価書, which its due dates are counted from."""
        updated = s.updated_at.replace("T", " ")[:16]
        last_review = date.fromisoformat(s.last_review) if s.last_review else None
        due = _due_dates(s.published, last_review) if newer is None else None
        review, rerun = (due.review_due, due.rerun_due) if due else (None, None)
        kind = _kind(s.form_id)
        kind_text = KIND_SHORT.get(kind, "")
        cells = [s.number, s.name or "（評価書名未記入）", s.org, s.published, updated, "" if percent is None else f"{percent}%", s.status,
                 wareki_text(review) if review else "", wareki_text(rerun) if rerun else "", f"└ {kind_text}" if linked else kind_text,
                 f"{wareki_text(last_review)} {s.last_review_result}" if last_review else "", nendo_text(nendo_of(s))]
        sort_keys: list[object] = [_number_key(s.number), s.name, s.org, s.published, s.updated_at, percent if percent is not None else -1, s.status,
                                   review.isoformat() if review else "~", rerun.isoformat() if rerun else "~", KIND_RANK.get(kind, 9),
                                   s.last_review or "", nendo_of(s) or 0]
        row = []
        for text, key in zip(cells, sort_keys, strict=True):
            item = QStandardItem(text)
            item.setData(s.id, ROLE_ID)
            item.setData(key, ROLE_SORT)
            row.append(item)
        row[0].setData(group, ROLE_GROUP)
        row[0].setData(_rank(s), ROLE_RANK)
        if linked:
            row[COL_KIND].setToolTip("同じ事務の評価書です（他の年度の版を含む）")
        if s.published_copy:
            cell = row[COL_STATUS]
            cell.setForeground(QBrush(QColor(COLOR_PUBLISHED)))
            font = QFont(cell.font())
            font.setBold(True)
            cell.setFont(font)
            cell.setToolTip(PUBLISHED_TIP)
        if newer is not None:
            for col in (7, 8):
                row[col].setToolTip(f"新しい版（ID {newer}）が公表されています。期限はその版で数えます")
        if s.baseline_id is not None:
            row[COL_NENDO].setToolTip(f"新年度版（前年度版：ID {s.baseline_id}）")
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
        """記入率 from each 評価書's kept 点検 summary (a document is loaded and checked only when it changed
        since), after the list shows: as many rows per event-loop turn as fit in a few milliseconds, so a
        city's thousand 評価書 fill quickly and typing never waits."""
        started = time.perf_counter()
        while self._pending and self.store is not None and time.perf_counter() - started < FILL_SLICE_S:
            self._fill_percent_of(self._pending.pop(0))
        if not self._pending or self.store is None:
            self._percent_timer.stop()

    def _fill_percent_of(self, aid: int) -> None:
        from pia_desktop.shared.check_summaries import summary_of

        assert self.store is not None
        try:
            percent = summary_of(self.store, aid).percent
        except PiaError as exc:  # a damaged row (codec.DamagedRow: a limit broken) is marked, never walked
            self._mark_damaged(aid, exc.message)
            return
        except Exception:  # a damaged row must not break the list; 記入率 just stays blank
            return
        r = self._row_of.get(aid)
        if r is not None and self.model.item(r, COL_PERCENT) is not None:
            item = self.model.item(r, COL_PERCENT)
            if item.data(ROLE_ID) == aid:
                updated = self.model.item(r, 4).data(ROLE_SORT)
                self._percent_cache[(aid, str(updated))] = percent
                item.setText(f"{percent}%")
                item.setData(percent, ROLE_SORT)  # moves no row: the order is kept, or all were filled (_before_sort)
                self.proxy.groups_stale = True

    def _before_sort(self, column: int) -> None:
        """Sorting by 記入率 needs every 記入率: fill the missing ones first."""
        if column == COL_PERCENT and self._pending:
            self.fill_percents_now()

    def _mark_damaged(self, aid: int, message: str) -> None:
        for r in range(self.model.rowCount()):
            if self.model.item(r, 0).data(ROLE_ID) == aid:
                item = self.model.item(r, COL_PERCENT)
                item.setText(DAMAGED)
                item.setToolTip(message)
                self.model.item(r, 0).setToolTip(message)

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


def _kind(form_id: str) -> str:
    try:
        return load_form(form_id).roles.kind
    except PiaError:  # a form file that no longer loads: the row still shows
        return ""


def _rank(s: Summary) -> tuple[int, int, int]:
    """The order inside a 事務: the newest 年度 first, then 基礎, 重点, 全項目, then as added."""
    return (-(nendo_of(s) or 0), KIND_RANK.get(_kind(s.form_id), 9), s.id)


def _due_dates(published: str, last_review: date | None = None) -> DueDates | None:
    """見直し / 再実施 due dates from the 公表日 (the 見直し from the last recorded one when later); none for
    drafts without a 公表日."""
    try:
        return compute_due_dates(published, last_review=last_review) if published else None
    except PiaError:  # a broken forms/rules/timing.yaml must not empty the list
        return None


def _number_key(number: str) -> object:
    """評価書番号 sort numerically when they are numbers."""
    digits = unicodedata.normalize("NFKC", number).replace(",", "").strip()
    return f"{int(digits):012d}" if digits.isdigit() else f"~{number}"

"""The home screen says what each copy is (年度, 公表済), keeps its order while the user works, and
shows where the keyboard focus is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from pia_desktop.changes.rollforward import roll_forward
from pia_desktop.domain.document import PUBLISHED, Document
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.fiscal_year import fiscal_year, nendo_text
from pia_desktop.storage.store import Store
from pia_desktop.ui.home.home_screen import HomeScreen
from pia_desktop.ui.home.list_focus import COLOR_FOCUS, COLOR_FOCUS_FRAME, COLOR_SELECTED_IDLE, FocusRowDelegate
from pia_desktop.ui.home.list_rows import COL_PERCENT, COL_STATUS, COLUMNS
from tests.conftest import fixture_path


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "home.sqlite3") as s:
        yield s


@pytest.fixture
def home(qtbot, store: Store) -> HomeScreen:  # type: ignore[no-untyped-def]
    screen = HomeScreen()
    qtbot.addWidget(screen)
    screen.set_store(store)
    return screen


def draft(store: Store, number: str, name: str) -> int:
    return store.add_document(Document(form_id="yoshiki3-r0610", values={
        "cover.hyokasho_no": number, "cover.hyokasho_mei": name, "cover.kikan_mei": "○○市長"}))


def test_rows_show_their_nendo_and_published_copies_stand_out(home: HomeScreen, store: Store) -> None:
    doc = read_document(fixture_path("seed-003"))  # 公表日 令和7年1月14日
    doc.status = PUBLISHED
    old = store.add_document(doc)
    new = roll_forward(store, old)
    other = draft(store, "99", "別の事務")
    home.refresh()
    assert home.cell(old, "年度") == "令和6年度" and home.cell(old, "状況") == "公表済"
    assert home.cell(new, "年度") == nendo_text(max(2025, fiscal_year(date.today()))) and home.cell(new, "状況") == "作成中"
    row = next(r for r in range(home.model.rowCount()) if home.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) == old)
    status = home.model.index(row, COL_STATUS)
    assert QFont(status.data(Qt.ItemDataRole.FontRole) or QFont()).bold() and "編集できません" in status.data(Qt.ItemDataRole.ToolTipRole)
    other_status = home.model.index(next(r for r in range(home.model.rowCount()) if r != row), COL_STATUS)
    assert not QFont(other_status.data(Qt.ItemDataRole.FontRole) or QFont()).bold()
    ids = home.visible_ids()
    assert abs(ids.index(old) - ids.index(new)) == 1 and ids.index(new) < ids.index(old)  # one 事務, newest year first
    header = home.table.horizontalHeader()
    assert [COLUMNS[header.logicalIndex(v)] for v in (0, 1)] == ["種類", "年度"]
    assert other in ids


def test_the_order_is_kept_across_refreshes_until_a_header_is_clicked(home: HomeScreen, store: Store) -> None:
    a, b, c = (draft(store, str(n), name) for n, name in ((1, "介護"), (2, "児童"), (3, "税")))
    home.refresh()
    assert home.visible_ids() == [c, b, a]  # 最終更新, newest first
    store.set_value(a, "cover.hyokasho_mei", "介護保険")  # edited: newest now, but the list does not jump
    home.refresh(select=a)
    assert home.visible_ids() == [c, b, a] and home.selected_id() == a
    home.filter.setText("児童")
    home.refresh()
    home.filter.clear()
    assert home.visible_ids() == [c, b, a]  # rows hidden by the filter come back where they were
    d = draft(store, "4", "新しい事務")
    home.refresh(select=d)
    assert home.visible_ids() == [d, c, b, a]  # a new row comes first
    home.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # the user asks: sorted for real
    assert home.visible_ids() == [d, a, c, b]
    home.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert home.visible_ids() == [a, b, c, d]


def test_filling_in_the_percentages_moves_no_row(home: HomeScreen, store: Store) -> None:
    full = store.add_document(read_document(fixture_path("seed-003")))
    empty = draft(store, "2", "空の評価書")
    home.refresh()
    before = home.visible_ids()
    assert not home.percents_ready()
    home.fill_percents_now()
    assert home.visible_ids() == before
    home._pending = [full, empty]  # as after a refresh: sorting by 記入率 fills them all first
    home.table.sortByColumn(COL_PERCENT, Qt.SortOrder.AscendingOrder)
    assert home.percents_ready() and home.visible_ids() == [empty, full]


def _pixel(home: HomeScreen, row: int, dy: int = 4) -> QColor:
    rect = home.table.visualRect(home.proxy.index(row, 1))
    image = home.table.viewport().grab().toImage()
    return QColor(image.pixel(rect.center().x(), rect.top() + dy))


def test_the_focused_row_is_framed_and_strongly_coloured(qtbot, home: HomeScreen, store: Store) -> None:  # type: ignore[no-untyped-def]
    draft(store, "1", "介護")
    draft(store, "2", "児童")
    home.refresh()
    home.show()
    qtbot.waitExposed(home)
    home.activateWindow()
    home.table.setFocus()
    qtbot.waitUntil(home.table.hasFocus)
    delegate = home.table.itemDelegate()
    assert isinstance(delegate, FocusRowDelegate)
    current = home.table.currentIndex()
    assert current.isValid() and delegate.frames(current)
    assert _pixel(home, current.row()).name() == COLOR_FOCUS
    assert COLOR_FOCUS_FRAME in {_pixel(home, current.row(), dy).name() for dy in (0, 1)}  # the frame on top
    home.filter.setFocus()
    qtbot.waitUntil(lambda: not home.table.hasFocus())
    assert not delegate.frames(current)
    assert _pixel(home, current.row()).name() == COLOR_SELECTED_IDLE
    assert COLOR_FOCUS_FRAME not in {_pixel(home, current.row(), dy).name() for dy in (0, 1)}


def test_last_years_copy_stops_showing_due_dates_once_this_years_is_published(home: HomeScreen, store: Store) -> None:
    doc = read_document(fixture_path("seed-003"))
    doc.status = PUBLISHED
    old = store.add_document(doc)
    new = roll_forward(store, old)
    home.refresh()
    assert home.cell(old, "見直しの目安") != "" and home.cell(new, "見直しの目安") == ""  # the draft is not published yet
    store.set_value(new, "cover.kohyo_bi", "令和8年6月1日")  # now it is
    home.refresh()
    assert home.cell(new, "見直しの目安") == "令和9年6月1日"
    assert home.cell(old, "見直しの目安") == "" and home.cell(old, "再実施の期限") == ""
    home.due_soon.setChecked(True)  # last year's copy is not listed as due any more
    assert old not in home.visible_ids()

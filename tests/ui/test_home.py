"""The home screen: list, filter, sort, 新規作成, 複製, 削除 into the trash and back, another store,
recent files, and the sample offered on first start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pia_desktop.domain.document import Document
from pia_desktop.storage.store import Store
from pia_desktop.ui.shell.main_window import new_document, sample_documents
from tests.conftest import fixture_path
from tests.ui.helpers import click


def add(store_path: Path, number: str, name: str, org: str = "○○市長", status: str = "作成中") -> int:
    doc: Document = new_document("yoshiki3-r0610", 1)
    doc.set("cover.hyokasho_no", number)
    doc.set("cover.hyokasho_mei", name)
    doc.set("cover.kikan_mei", org)
    doc.status = status  # type: ignore[assignment]
    with Store(store_path) as store:
        return store.add_document(doc)


def test_first_start_offers_the_bundled_sample(make_window, dialogs, store_path) -> None:
    window = make_window()
    assert window.maybe_offer_sample()
    assert "サンプル" in dialogs.asked[-1][1]
    assert window.wizard is not None
    assert window.session is not None and window.session.doc.count("annex2.row") > 50
    window.close()
    again = make_window()
    assert not again.maybe_offer_sample()  # offered once; the store is not empty any more either
    assert len(again.home.visible_ids()) == 1


def test_declined_sample_is_not_offered_again(make_window, dialogs, store_path) -> None:
    dialogs.default_confirm = False
    window = make_window()
    assert not window.maybe_offer_sample()
    assert window.home.visible_ids() == []
    assert "新規作成" in window.home.empty_label.text()
    window.close()
    asked = len(dialogs.asked)
    make_window().maybe_offer_sample()
    assert len(dialogs.asked) == asked


def test_bundled_sample_is_the_seed_003_fixture() -> None:
    samples = sample_documents()
    assert [p.name for p in samples] == ["seed-003.json"]
    assert samples[0].read_bytes() == fixture_path("seed-003").read_bytes()


def test_list_columns_filter_and_sort(make_window, store_path) -> None:
    a = add(store_path, "9", "介護保険に関する事務", "金沢市長", "確定")
    b = add(store_path, "16", "児童手当に関する事務", "金沢市長")
    c = add(store_path, "100", "ｼｽﾃﾑ管理に関する事務", "熊谷市長", "確認中")
    home = make_window().home
    home.fill_percents_now()
    assert sorted(home.visible_ids()) == [a, b, c]
    assert home.cell(b, "評価書名") == "児童手当に関する事務"
    assert home.cell(a, "状況") == "確定"
    assert home.cell(c, "評価実施機関名") == "熊谷市長"
    assert home.cell(b, "記入率").endswith("%")

    home.filter.setText("システム")  # full width finds half-width ｼｽﾃﾑ
    assert home.visible_ids() == [c]
    home.filter.setText("金沢 児童")  # every word must match
    assert home.visible_ids() == [b]
    home.filter.clear()

    home.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # 評価書番号 sorts as numbers: 9, 16, 100
    assert home.visible_ids() == [a, b, c]
    home.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert home.visible_ids() == [c, b, a]


def test_due_dates_shown_sorted_and_filtered(make_window, store_path) -> None:
    from datetime import date

    from pia_desktop.checks.due_dates import wareki_text

    def published(aid: int, kohyo: str) -> None:
        with Store(store_path) as store:
            store.set_value(aid, "cover.kohyo_bi", kohyo)

    old = add(store_path, "1", "古い評価書")  # published 2 years ago: 見直し overdue
    recent = add(store_path, "2", "新しい評価書")  # published last month: 見直し in 11 months
    draft = add(store_path, "3", "公表前の下書き")  # no 公表日: no due dates
    today = date.today()
    published(old, wareki_text(date(today.year - 2, today.month, 1)))
    published(recent, wareki_text(date(today.year, today.month, 1)))
    home = make_window().home
    assert home.cell(old, "見直しの目安") == wareki_text(date(today.year - 1, today.month, 1))
    assert home.cell(old, "再実施の期限").endswith("日")
    assert home.cell(draft, "見直しの目安") == ""
    home.table.sortByColumn(7, Qt.SortOrder.AscendingOrder)  # soonest first, drafts last
    assert home.visible_ids() == [old, recent, draft]
    home.due_soon.setChecked(True)
    assert home.visible_ids() == [old]
    home.due_soon.setChecked(False)
    assert len(home.visible_ids()) == 3


def test_duplicate_delete_to_trash_restore_and_purge(make_window, dialogs, store_path) -> None:
    aid = add(store_path, "16", "児童手当に関する事務")
    window = make_window()
    home = window.home
    home.select(aid)
    click(home.duplicate_button)
    ids = home.visible_ids()
    assert len(ids) == 2
    copy = max(ids)
    assert home.cell(copy, "評価書名") == "児童手当に関する事務"

    home.select(copy)
    dialogs.confirm_answers = [False]
    click(home.delete_button)
    assert len(home.visible_ids()) == 2  # declined
    home.select(copy)
    click(home.delete_button)
    assert dialogs.kinds()[-1] == "confirm" and "ごみ箱" in dialogs.asked[-1][1]
    assert home.visible_ids() == [aid]

    click(home.view_trash)
    assert home.showing_trash and home.visible_ids() == [copy]
    assert home.restore_button.isVisible() and not home.open_button.isVisible()
    home.select(copy)
    click(home.restore_button)
    assert home.visible_ids() == []
    click(home.view_list)
    assert sorted(home.visible_ids()) == [aid, copy]

    home.select(copy)
    click(home.delete_button)
    click(home.view_trash)
    home.select(copy)
    click(home.purge_button)
    assert home.visible_ids() == []
    with Store(store_path) as store:
        assert [s.id for s in store.list_assessments(deleted=True)] == []
        assert [s.id for s in store.list_assessments()] == [aid]


def test_open_from_the_list_with_enter_and_back(make_window, store_path) -> None:
    aid = add(store_path, "16", "児童手当に関する事務")
    window = make_window()
    window.activateWindow()
    window.home.select(aid)
    window.home.table.setFocus()
    QApplication.processEvents()
    from PySide6.QtTest import QTest

    QTest.keyClick(window.home.table, Qt.Key.Key_Return)
    assert window.wizard is not None and window.session is not None and window.session.assessment_id == aid
    assert window.windowTitle().startswith("児童手当に関する事務")
    window.close_assessment()
    assert window.wizard is None and window.stack.currentWidget() is window.home
    assert window.home.selected_id() == aid


def test_open_another_store_and_recent_files(make_window, dialogs, store_path, tmp_path) -> None:
    add(store_path, "1", "最初の保存ファイルの評価書")
    other = tmp_path / "other" / "kyoyu.sqlite3"
    other.parent.mkdir()
    theirs = add(other, "2", "別の保存ファイルの評価書")
    window = make_window()
    dialogs.open_store_path = other
    window.ask_open_store()
    assert window.store is not None and window.store.path == other
    assert window.home.visible_ids() == [theirs]
    assert "kyoyu.sqlite3" in window.windowTitle()
    recent = window.settings.recent_stores()
    assert recent[:2] == [other.resolve(), store_path.resolve()]
    window._fill_recent()
    texts = [a.text() for a in window.menu_recent.actions()]
    assert str(store_path.resolve()) in texts
    back = next(a for a in window.menu_recent.actions() if a.text() == str(store_path.resolve()))
    back.trigger()
    assert window.store is not None and window.store.path.resolve() == store_path.resolve()

    dialogs.new_store_path = tmp_path / "new-store"
    window.ask_new_store()
    assert window.store is not None and window.store.path.name == "new-store.sqlite3"
    assert window.home.visible_ids() == []


def test_store_that_cannot_be_opened_is_reported(make_window, dialogs, store_path, tmp_path) -> None:
    window = make_window()
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    assert not window.open_store(broken)
    assert dialogs.kinds()[-1] == "error"
    assert window.store is not None and window.store.path == store_path  # still on the previous store


def test_reopening_the_open_store_keeps_its_lock(make_window, store_path) -> None:
    from pia_desktop.storage.lock import lock_path

    window = make_window()
    assert lock_path(store_path).exists()
    assert window.open_store(store_path)
    assert lock_path(store_path).exists() and window.lock is not None and window.lock.held
    window.close()
    assert not lock_path(store_path).exists()  # released on closing



def test_own_stale_lock_after_a_crash_is_taken_over_without_asking(make_window, dialogs, store_path) -> None:
    import getpass
    import json
    import socket
    from datetime import datetime

    from pia_desktop.storage.lock import lock_path

    store_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path(store_path).write_text(  # this PC, a process that no longer exists
        json.dumps({"user": getpass.getuser(), "host": socket.gethostname(), "pid": 2**22 + 12345, "since": datetime.now().isoformat(timespec="seconds")}),
        encoding="utf-8",
    )
    window = make_window()
    assert "locked" not in dialogs.kinds()
    assert window.store is not None and not window.store.readonly
    assert window.lock is not None and window.lock.held


def test_daily_backup_is_taken_in_the_background(make_window, store_path, qtbot) -> None:
    from pia_desktop.storage.backup import list_backups

    add(store_path, "16", "児童手当に関する事務")
    window = make_window()
    window._daily_backup()  # normally a few seconds after the store is opened
    qtbot.waitUntil(lambda: len(list_backups(store_path)) == 1, timeout=10000)

"""共通項目, 定型文, 見直し and the 一覧表 in the GUI, with scripted dialogs (no real modal opens)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pia_desktop.changes.rows import existing_rows
from pia_desktop.domain.document import ReviewRecord
from pia_desktop.domain.exchange import read_document
from pia_desktop.shared.facts import link, make_fact
from pia_desktop.shared.phrases import standard_phrases
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path
from tests.ui.conftest import FakeDialogs
from tests.ui.helpers import row

CONTACT = "IV.2.1"
NEW = "総務部庶務課 電話 000-000-0000"


class SharedDialogs(FakeDialogs):
    def __init__(self) -> None:
        super().__init__()
        self.review: ReviewRecord | None = None
        self.phrase: Any = None
        self.list_path: Path | None = None

    def ask_review_record(self, parent: Any, title: str, history: list[Any]) -> ReviewRecord | None:
        self._ask("review", f"{title}: {len(history)}")
        return self.review

    def pick_phrase(self, parent: Any, phrases: list[Any], query: str = "") -> Any:
        self._ask("phrase", str(len(phrases)))
        return self.phrase

    def ask_save_list(self, parent: Any, suggested: Path) -> Path | None:
        self._ask("save_list", suggested.name)
        return self.list_path


@pytest.fixture
def dialogs() -> SharedDialogs:
    return SharedDialogs()


@pytest.fixture
def three(store_path: Path) -> tuple[list[int], int]:
    with Store(store_path) as store:
        ids = [store.add_document(read_document(fixture_path(n))) for n in ("seed-000", "seed-001", "seed-003")]
        fid = make_fact(store, ids[2], CONTACT, "子育て支援課の連絡先")
        for aid in ids[:2]:
            link(store, aid, CONTACT, fid)
    return ids, fid


def test_editor_changes_all_three_and_the_open_one_is_undoable(make_window, dialogs, three) -> None:  # type: ignore[no-untyped-def]
    ids, fid = three
    window = make_window()
    wizard = window.open_assessment(ids[2])
    old = window.session.doc.get(CONTACT)
    assert row(wizard, CONTACT).editor.linked_text() == "［共通］子育て支援課の連絡先"
    rows_before = len(existing_rows(window.session.doc))
    editor = window.edit_shared_facts(fid)
    assert editor.usages.rowCount() == 3 and editor.state.text().startswith("3 件の評価書")
    editor.value.setPlainText(NEW)
    assert editor.apply() == 3
    assert any("共通項目の反映" in t for k, t in dialogs.asked if k == "confirm")
    for aid in ids:
        doc = window.store.load(aid)
        assert doc.get(CONTACT) == NEW
    assert window.session.doc.get(CONTACT) == NEW  # the open document took it
    assert len(existing_rows(window.session.doc)) == rows_before + 1
    assert row(wizard, CONTACT).editor.value() == NEW
    window.undo()  # the open one: one step on its own undo stack
    assert window.session.doc.get(CONTACT) == old
    assert window.store.load(ids[2]).get(CONTACT) == old
    assert window.store.load(ids[0]).get(CONTACT) == NEW


def test_editor_applies_to_the_chosen_ones_and_undo_puts_them_back(make_window, dialogs, three) -> None:  # type: ignore[no-untyped-def]
    ids, fid = three
    window = make_window()
    editor = window.edit_shared_facts(fid)
    before = [window.store.load(a).get(CONTACT) for a in ids]
    editor.set_checked({ids[0]})
    editor.value.setPlainText(NEW)
    assert editor.apply() == 1
    assert [window.store.load(a).get(CONTACT) for a in ids] == [NEW, *before[1:]]
    assert editor.undo() == []
    assert [window.store.load(a).get(CONTACT) for a in ids] == before


def test_unlink_from_the_item_menu_keeps_the_value(make_window, dialogs, three) -> None:  # type: ignore[no-untyped-def]
    from pia_desktop.ui.shared_facts.editor import row_menu, unlink

    ids, _fid = three
    window = make_window()
    wizard = window.open_assessment(ids[0])
    r = row(wizard, CONTACT)
    page = wizard.pages[wizard.current_key]
    menu = row_menu(page, r, r.mapToGlobal(r.rect().center()))
    texts = [a.text() for a in menu.actions()]
    assert "連結を解除（記載はそのまま）" in texts
    menu.close()
    value = window.session.doc.get(CONTACT)
    unlink(page, CONTACT)
    assert r.editor.linked_text() is None
    assert window.session.doc.get(CONTACT) == value and window.store.load(ids[0]).get(CONTACT) == value
    assert window.store.links_of(ids[0]) == {}


def test_phrase_is_inserted_into_a_textarea_and_undoable(make_window, dialogs, store_path) -> None:  # type: ignore[no-untyped-def]
    from pia_desktop.ui.shared_facts.editor import insert_phrase

    with Store(store_path) as store:
        aid = store.add_document(read_document(fixture_path("seed-003")))
    window = make_window()
    wizard = window.open_assessment(aid)
    address = "III(1).2.risk.sochi"
    r = row(wizard, address)
    old = window.session.doc.get(address)
    dialogs.phrase = standard_phrases()[0]
    r.editor.edit.moveCursor(r.editor.edit.textCursor().MoveOperation.End)
    assert insert_phrase(wizard.pages[wizard.current_key], r)
    value = window.session.doc.get(address)
    assert value.startswith(old) and value.endswith(dialogs.phrase.text)
    assert window.store.load(aid).get(address) == value
    window.undo()
    assert window.session.doc.get(address) == old


def test_review_from_the_home_screen_moves_the_due_date(make_window, dialogs, store_path) -> None:  # type: ignore[no-untyped-def]
    from pia_desktop.checks.due_dates import wareki_text

    with Store(store_path) as store:
        aid = store.add_document(read_document(fixture_path("seed-003")))
    window = make_window()
    window.home.select(aid)
    assert window.home.cell(aid, "見直しの目安") == wareki_text(date(2026, 1, 14))
    dialogs.review = ReviewRecord(reviewed_on=date(2026, 1, 10), reviewer="佐藤", result="変更なし")
    window.home.review_button.click()
    assert window.home.cell(aid, "見直しの目安") == wareki_text(date(2027, 1, 10))
    assert window.home.cell(aid, "最後の見直し") == f"{wareki_text(date(2026, 1, 10))} 変更なし"
    assert window.store.load(aid).values == read_document(fixture_path("seed-003")).values


def test_portfolio_lists_and_saves(make_window, dialogs, three, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids, _fid = three
    window = make_window()
    dlg = window.show_portfolio()
    assert sorted(dlg.visible_ids()) == sorted(ids)
    dialogs.list_path = tmp_path / "list.csv"
    assert dlg.save("csv") == tmp_path / "list.csv"
    with (tmp_path / "list.csv").open(encoding="utf-8-sig") as fh:
        assert len(list(csv.reader(fh))) == 4
    dialogs.list_path = tmp_path / "list"
    assert dlg.save("xlsx") == tmp_path / "list.xlsx"
    assert (tmp_path / "list.xlsx").stat().st_size > 0

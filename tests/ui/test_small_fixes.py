"""Issue 19 part 6, the small things a clerk hit: arrow keys in the section tree, Esc from the find
results, Qt's own buttons in Japanese, the last store reopened, exported files' permissions, 時点."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from pia_desktop.domain.assessment_set import new_document
from pia_desktop.domain.form_definition import load_form
from pia_desktop.domain.validation import validate
from pia_desktop.fileio import atomic_write_bytes, normal_file_mode
from pia_desktop.ui.shell.app import start_store
from pia_desktop.ui.shell.settings import Settings
from tests.ui.test_wizard import new_wizard


def test_section_tree_follows_the_arrow_keys(make_window, dialogs) -> None:
    _, wizard, _ = new_wizard(make_window, dialogs)
    nav = wizard.nav
    nav.setFocus()
    wizard.show_section("cover")
    assert wizard.current_key == "cover"
    top = nav.items["cover"]
    # Down from a section goes to its first heading (when expanded) or the next section; either way the
    # page shown is the one the tree's current item belongs to.
    keys_seen = []
    for _ in range(40):
        QTest.keyClick(nav, Qt.Key.Key_Down)
        QApplication.processEvents()
        current = nav.currentItem()
        assert current is not None and current is not top
        assert wizard.current_key == current.data(0, Qt.ItemDataRole.UserRole)
        keys_seen.append(wizard.current_key)
    assert len(set(keys_seen)) > 1, keys_seen  # the page really moved on with the keys
    QTest.keyClick(nav, Qt.Key.Key_Up)
    QApplication.processEvents()
    assert wizard.current_key == nav.currentItem().data(0, Qt.ItemDataRole.UserRole)


def test_esc_closes_find_from_its_results(make_window, dialogs) -> None:
    _, wizard, _ = new_wizard(make_window, dialogs)
    wizard.open_find()
    bar = wizard.find_bar
    QTest.keyClicks(bar.edit, "I")
    QApplication.processEvents()
    assert bar.results.isVisible() and bar.results.count() > 0
    bar.results.setFocus()
    QTest.keyClick(bar.results, Qt.Key.Key_Down)
    QTest.keyClick(bar.results, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert not bar.isVisible()


def test_qt_own_buttons_are_in_japanese(app) -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "").startswith("キャンセル")


def test_last_store_is_reopened_at_start(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.ini")
    default = start_store(None, settings)
    assert default.name.endswith(".sqlite3")  # nothing used yet: the default store
    used = tmp_path / "課の保存ファイル.sqlite3"
    used.write_bytes(b"")
    gone = tmp_path / "消えた.sqlite3"
    settings.add_recent_store(used)
    settings.add_recent_store(gone)  # the most recent, but deleted since
    assert start_store(None, settings) == used.resolve()
    assert start_store(str(tmp_path / "given.sqlite3"), settings) == tmp_path / "given.sqlite3"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_exported_files_get_the_users_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "評価書.pdf"
    atomic_write_bytes(target, b"%PDF-1.7")
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode == normal_file_mode()
    assert mode & stat.S_IRGRP or normal_file_mode() & stat.S_IRGRP == 0  # readable as other files are
    assert mode != 0o600 or normal_file_mode() == 0o600


def test_a_count_date_written_with_jiten_is_valid() -> None:
    form = load_form("yoshiki2-r0610")
    doc = new_document("yoshiki2-r0610", 1)
    doc.set("II.1.jiten", "令和6年11月1日時点")
    assert [f for f in validate(form, doc) if f.address == "II.1.jiten" and f.severity == "error"] == []
    doc.set("II.1.jiten", "令和6年11月時点")  # no day: still an error
    assert [f for f in validate(form, doc) if f.address == "II.1.jiten" and f.severity == "error"]


@pytest.mark.parametrize(
    ("form_id", "bracket", "apply", "absent"),
    [
        ("yoshiki2-r0610", "区分から（Ⅱ１）", "この結果をⅢに記載", "Ⅰ１③"),
        ("yoshiki3-r0610", "区分から（Ⅰ１③）", "この結果をⅤ１②に記載", "Ⅱ１）"),
        ("yoshiki4-r0610", "区分から（Ⅰ１③）", "この結果をⅥ１②に記載", "Ⅴ１②"),
    ],
)
def test_threshold_panel_names_the_open_forms_own_items(app, form_id, bracket, apply, absent) -> None:  # type: ignore[no-untyped-def]
    from pia_desktop.ui.checks.threshold_page import ThresholdPage

    page = ThresholdPage()
    page.set_document(load_form(form_id), new_document(form_id, 1))
    shown = [page.taisho_bracket.text(), page.staff_estimate.text(), page.apply_button.text(), page.jiko_note.text()]
    assert page.taisho_bracket.text().replace("(&B)", "") == bracket
    assert page.apply_button.text().replace("(&W)", "") == apply
    assert not any(absent in t for t in shown), shown
    if form_id == "yoshiki2-r0610":  # the 基礎 asks the しきい値's own questions: no 重点 numbers
        assert page.staff_estimate.text().startswith("Ⅱ２の回答から")
        assert "Ⅲ７" not in page.jiko_note.text() and "Ⅱ３と同じ問い" in page.jiko_note.text()
    else:
        assert "Ⅲ７" in page.jiko_note.text()


def test_review_record_is_in_wareki(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from pia_desktop.ui.yearly.review_record import ReviewRecordDialog

    dlg = ReviewRecordDialog(None, "児童手当に関する事務　重点項目評価書", [], today=date(2025, 12, 5))
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.date.text() == "令和7年12月5日"  # today, as the clerk writes dates
    dlg.date.setText("")
    dlg.date.setFocus()
    QTest.keyClicks(dlg.date, "R7.11.30")
    dlg.date.editingFinished.emit()
    assert dlg.date.text() == "令和7年11月30日"
    record = dlg.record()
    assert record.reviewed_on == date(2025, 11, 30)

    dlg.date.setText("先週")
    dlg._accept()
    assert dlg.isVisible() and "先週" in dlg.error.text() and "日付" in dlg.error.text()
    dlg.date.setText("令和8年1月5日")  # after today
    dlg._accept()
    assert dlg.isVisible() and "未来" in dlg.error.text()
    dlg.date.setText("令和7年12月1日")
    dlg._accept()
    assert dlg.result() == dlg.DialogCode.Accepted


def _wheel(target, down: bool = True) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    pos = QPointF(target.rect().center())
    event = QWheelEvent(pos, QPointF(target.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, -120 if down else 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(target, event)
    QApplication.processEvents()


def test_wheel_over_an_unfocused_box_scrolls_the_page(make_window, dialogs) -> None:
    from tests.ui.helpers import row

    window, wizard, _ = new_wizard(make_window, dialogs)
    window.resize(1000, 600)
    editor = row(wizard, "II(1).3.3").editor  # a long answer: more lines than the box shows
    editor.edit.setPlainText("\n".join(f"{i}行目の記載" for i in range(60)))
    QApplication.processEvents()
    inner = editor.edit.verticalScrollBar()
    page = wizard.current_page()
    assert inner.maximum() > 0 and page.verticalScrollBar().maximum() > 0
    page.verticalScrollBar().setValue(0)
    inner.setValue(0)
    wizard.next_button.setFocus()  # the clerk is reading, not editing the box
    _wheel(editor.edit.viewport())
    assert page.verticalScrollBar().value() > 0, "the page did not scroll"
    assert inner.value() == 0, "the box under the mouse scrolled instead of the page"

    editor.edit.setFocus()  # while editing it, the box itself scrolls
    before = page.verticalScrollBar().value()
    _wheel(editor.edit.viewport())
    assert inner.value() > 0 and page.verticalScrollBar().value() == before


def test_wheel_does_not_change_a_bracket_in_the_new_assessment_questions(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from pia_desktop.domain.form_definition import available_forms
    from pia_desktop.ui.shell.new_assessment import NewAssessmentDialog

    dlg = NewAssessmentDialog(None, {f: load_form(f).name for f in available_forms()})
    qtbot.addWidget(dlg)
    dlg.resize(820, 400)  # a low screen: the questions scroll
    dlg.show()
    QApplication.processEvents()
    chosen = dlg.taisho.currentIndex()
    dlg.buttons.setFocus()
    _wheel(dlg.taisho)
    assert dlg.taisho.currentIndex() == chosen
    assert dlg.body_scroll.verticalScrollBar().value() > 0


ADDRESS = re.compile(r"(?:cover|annex\d|\b[IVX]+)(?:\(\d+\))?\.[\w.\[\]()]+")


def test_import_review_shows_item_paths_not_internal_addresses(app, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QListWidget, QTableWidget

    from pia_desktop.domain.dump import dump_lines
    from pia_desktop.domain.exchange import read_document, write_document
    from pia_desktop.importers import import_file
    from pia_desktop.ui.yearly.import_review import ImportReviewDialog
    from tests.conftest import fixture_path

    source = next(Path("/work/shared/samples/published").glob("000_*/*.xlsx"), None)
    if source is None:
        source = tmp_path / "前年度.json"
        write_document(read_document(fixture_path("seed-003")), source)
    result = import_file(source)
    dlg = ImportReviewDialog(result)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.set_filter("すべて")
    texts = [label.text() for label in dlg.findChildren(QLabel)]
    for table in dlg.findChildren(QTableWidget):
        texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount()) if table.item(r, c)]
    for lst in dlg.findChildren(QListWidget):
        texts += [lst.item(r).text() for r in range(lst.count())]
    texts += [dlg.target.itemText(i) for i in range(dlg.target.count())]
    shown = [t for t in texts if ADDRESS.search(t)]
    assert shown == [], shown[:5]
    # The item paths are those `pia-desktop dump` prints.
    form = load_form(result.document.form_id)
    printed = {line.split("\t")[0] for line in dump_lines(form, result.document)}
    filled = [dlg.target.itemText(i) for i in range(dlg.target.count()) if result.document.get(dlg.target.itemData(i)) is not None]
    assert filled and set(filled) <= printed


def test_new_year_version_marks_items_changed_since_last_year(make_window, dialogs, store_path) -> None:
    from pia_desktop.changes.rollforward import roll_forward
    from pia_desktop.domain.exchange import read_document
    from pia_desktop.storage.store import Store
    from pia_desktop.ui.wizard.rows import CHANGED_TAG
    from tests.conftest import fixture_path
    from tests.ui.helpers import row, type_into

    with Store(store_path) as store:
        last_year = store.add_document(read_document(fixture_path("seed-003")))
        draft = roll_forward(store, last_year)
        old_name = store.load(last_year).get("I.6.1")
    window = make_window()
    wizard = window.open_assessment(draft)
    assert wizard is not None and wizard.baseline_marks.active
    name_row = row(wizard, "I.6.1")
    assert CHANGED_TAG not in name_row.label.text()  # same as last year: no mark
    type_into(wizard, "I.6.1", "こども未来局こども家庭課")
    QApplication.processEvents()
    assert CHANGED_TAG in name_row.label.text()
    assert f"前年度の記載：\n{old_name}" in name_row.label.toolTip()
    published = row(wizard, "cover.kohyo_bi")  # cleared by 新年度版: last year's date to hand
    assert CHANGED_TAG in published.label.text() and "令和" in published.label.toolTip()
    shots = Path(__file__).resolve().parents[2] / "build"
    if shots.exists():
        (shots / "screenshots").mkdir(exist_ok=True)
        wizard.current_page().grab().save(str(shots / "screenshots" / "changed_since_last_year.png"))
    type_into(wizard, "I.6.1", str(old_name))  # back to last year's answer: the mark goes
    QApplication.processEvents()
    assert CHANGED_TAG not in name_row.label.text()

    window.close_assessment()
    plain = window.open_assessment(last_year)  # not a 新年度版: nothing is marked
    assert plain is not None and not plain.baseline_marks.active
    assert CHANGED_TAG not in row(plain, "I.6.1").label.text()

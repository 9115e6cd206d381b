"""The 変更箇所 dialog and the 新年度版 / 変更箇所 actions of the main window (qtbot, no modal dialogs)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from pia_desktop.changes import propose_changes, rolled_forward
from pia_desktop.changes.phrases import phrase_rules
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import load_form
from pia_desktop.ui.yearly.changes_dialog import C_AFTER, C_LINT, C_REASON, C_TIMING, ChangesDialog
from tests.conftest import fixture_path
from tests.importers.fake_yearly import FakeYearly


def _dialog(qtbot):  # type: ignore[no-untyped-def]
    old = read_document(fixture_path("seed-003"))
    draft = rolled_forward(old)
    draft.set("cover.kohyo_bi", "令和8年1月14日")
    draft.set("I.6.1", "こども未来局こども家庭課")
    draft.set("I.6.2", "こども家庭課長")
    draft.set("II(1).3.3", "児童手当の支給事務のため。")
    rows = propose_changes(old, draft)
    rules = phrase_rules()
    dlg = ChangesDialog(load_form(), draft, rows, rules.texts(), default_reason=rules.not_starred)
    qtbot.addWidget(dlg)
    return dlg, rows


def test_dialog_shows_the_proposed_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg, rows = _dialog(qtbot)
    assert dlg.table.rowCount() == 3
    assert dlg.kept_rows() == rows
    timing = dlg.table.cellWidget(2, C_TIMING)
    assert isinstance(timing, QComboBox) and timing.currentText() == "事前"
    reason = dlg.table.cellWidget(2, C_REASON)
    assert isinstance(reason, QComboBox) and not reason.isEnabled()  # 事前: no explanation
    assert "採用 3 行（事前 1 行、事後 2 行）" in dlg.summary.text()


def test_edit_merge_drop_and_lint(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg, _rows = _dialog(qtbot)
    # an edited cell changes the row
    dlg.table.item(0, C_AFTER).setText("こども未来局こども家庭課（組織改正）")
    assert dlg.kept_rows()[0].after == "こども未来局こども家庭課（組織改正）"
    # a ※ change turned 事後 without a reason is flagged by the checks
    dlg.table.cellWidget(2, C_TIMING).setCurrentText("事後")
    assert dlg.kept_rows()[2].timing == "事後" and dlg.kept_rows()[2].reason == ""
    dlg.run_lint()
    assert dlg.table.item(2, C_LINT).text()
    dlg.table.cellWidget(2, C_REASON).setEditText("誤字脱字の修正であるため、重要な変更に当たらない")
    dlg.run_lint()
    assert dlg.kept_rows()[2].reason.startswith("誤字脱字")
    # merge the two Ⅰ６ rows
    dlg.select_rows([0, 1])
    dlg.merge_selected()
    assert dlg.table.rowCount() == 2
    merged = dlg.kept_rows()[0]
    assert merged.item == "Ⅰ 基本情報 6. 評価実施機関における担当部署"
    assert merged.after == "こども未来局こども家庭課（組織改正）\nこども家庭課長"
    # untick one, drop the other
    dlg.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)
    assert len(dlg.kept_rows()) == 1
    dlg.select_rows([0])
    dlg.drop_selected()
    assert dlg.kept_rows() == [] and not dlg.ok_button.isEnabled()


def test_date_for_all_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg, _ = _dialog(qtbot)
    dlg.date_edit.setText("R8.2.1")
    dlg.apply_date()
    assert {r.changed_on for r in dlg.kept_rows()} == {"令和8年2月1日"}


def test_existing_history_is_linted_on_its_own_tab(qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg, _ = _dialog(qtbot)
    texts = [dlg.history.item(i).text() for i in range(dlg.history.count())]
    assert any("重要な変更項目でないため" in t for t in texts)


def test_roll_forward_then_changes_from_the_window(make_window, dialogs) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    fake = FakeYearly()
    window.yearly.dialogs = fake
    old_id = window.store.add_document(read_document(fixture_path("seed-003")))
    window.home.refresh(select=old_id)
    new_id = window.yearly.roll_forward()
    assert new_id is not None and window.store.baseline_of(new_id) == old_id
    session = window.current_session()
    assert session is not None and session.assessment_id == new_id
    assert session.doc.get("cover.kohyo_bi") is None
    session.set_value("cover.kohyo_bi", "令和8年1月14日")
    session.set_value("I.6.1", "こども未来局こども家庭課")
    assert window.yearly.make_changes() == 1
    doc = window.store.load(new_id)
    assert doc.count("annex2.row") == 83
    assert doc.get("annex2.row[83].komoku") == "Ⅰ 基本情報 6. 評価実施機関における担当部署 ①部署"
    assert doc.get("annex2.row[83].setsumei") == "重要な変更項目でないため"
    window.undo()  # one step takes the rows away again
    assert window.store.load(new_id).count("annex2.row") == 82
    assert window.store.load(old_id).get("cover.kohyo_bi") == "令和7年1月14日"  # the baseline is untouched


def test_changes_without_baseline_asks_which_assessment(make_window, dialogs) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    fake = FakeYearly()
    window.yearly.dialogs = fake
    old_id = window.store.add_document(read_document(fixture_path("seed-003")))
    draft = rolled_forward(read_document(fixture_path("seed-003")))
    draft.set("I.7", "－")
    new_id = window.store.add_document(draft)
    window.home.refresh(select=new_id)
    window.open_assessment(new_id)
    fake.baseline = None
    assert window.yearly.make_changes() == 0
    fake.baseline = old_id
    fake.kept = []
    assert window.yearly.make_changes() == 0  # the user kept nothing
    fake.kept = "all"
    assert window.yearly.make_changes() == 1


def test_actions_are_in_the_menus(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.yearly.act_import in window.menu_import.actions()
    texts = [a.text() for a in window.menu_import.actions()]
    assert not any("未導入" in t for t in texts)

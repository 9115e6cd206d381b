"""新規作成 from the しきい値判断: the dialog's live result and sets, the linked 評価書 of one 事務 on the
home screen, and 全項目評価書に変換 from a 重点 the calculator rejects. Dialogs are scripted."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pia_desktop.domain.assessment_set import forms_by_kind
from pia_desktop.domain.document import ThresholdInputs
from pia_desktop.domain.form_definition import load_form
from pia_desktop.domain.threshold.table import threshold_rules
from pia_desktop.storage.store import Store, new_jimu
from pia_desktop.ui.shell.main_window import new_document
from pia_desktop.ui.shell.new_assessment import NewAssessment, NewAssessmentDialog
from tests.ui.conftest import FakeDialogs

KISO, JUTEN, ZEN = (forms_by_kind()[k] for k in ("kiso", "juten", "zen"))


class SetDialogs(FakeDialogs):
    """FakeDialogs plus the list shown after a conversion."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, str, list[str]]] = []

    def show_items(self, parent: Any, title: str, text: str, items: list[str]) -> None:
        self._ask("items", title)
        self.shown.append((title, text, items))


@pytest.fixture
def dialogs() -> SetDialogs:
    return SetDialogs()


def _forms() -> dict[str, str]:
    return {f: load_form(f).name for f in (KISO, JUTEN, ZEN)}


def _pick(dlg: NewAssessmentDialog, taisho: str, ge: bool, jiko: bool) -> None:
    dlg.taisho.setCurrentText(taisho)
    (dlg.handlers_ge if ge else dlg.handlers_lt).setChecked(True)
    (dlg.jiko_ari if jiko else dlg.jiko_nashi).setChecked(True)


def test_dialog_shows_the_result_live_and_preselects_the_required_set(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    dlg = NewAssessmentDialog(None, _forms())
    qtbot.addWidget(dlg)
    assert dlg.by_threshold.isChecked()  # the しきい値判断 is offered first
    dlg.jimu.setText("児童手当に関する事務")
    dlg.files.setValue(2)

    _pick(dlg, "10万人以上30万人未満", ge=False, jiko=False)
    assert "基礎項目評価及び重点項目評価の実施が義務付けられる" in dlg.result_label.text()
    assert dlg.set_buttons[1].isChecked() and "（義務）" in dlg.set_buttons[1].text()
    assert not dlg.set_buttons[0].isEnabled() and dlg.set_buttons[2].isEnabled()  # 全項目 may be chosen voluntarily
    answer = dlg.answer()
    assert answer is not None and answer.all_forms() == (KISO, JUTEN) and answer.file_count == 2
    assert answer.jimu_name == "児童手当に関する事務" and answer.answers is not None
    dlg.set_buttons[2].setChecked(True)
    assert dlg.answer().all_forms() == (KISO, ZEN)  # type: ignore[union-attr]

    _pick(dlg, "10万人以上30万人未満", ge=False, jiko=True)  # 重大事故 → 全項目
    note = threshold_rules().result("kiso_zen").note
    assert "基礎項目評価及び全項目評価の実施が義務付けられる" in dlg.result_label.text()
    assert dlg.set_buttons[2].isChecked()
    assert not dlg.set_buttons[1].isEnabled() and dlg.set_reasons[1].text() == note and dlg.set_reasons[1].isVisibleTo(dlg)
    assert dlg.answer().all_forms() == (KISO, ZEN)  # type: ignore[union-attr]

    _pick(dlg, "1,000人以上1万人未満", ge=True, jiko=True)
    assert dlg.set_buttons[0].isChecked() and dlg.answer().all_forms() == (KISO,)  # type: ignore[union-attr]

    dlg.by_form.setChecked(True)  # 様式を選んで作成: one form, without the calculator
    assert not dlg.threshold_box.isEnabled() and dlg.form_box_group.isEnabled()
    dlg.form_box.setCurrentIndex(dlg.form_box.findData(JUTEN))
    single = dlg.answer()
    assert single is not None and single.all_forms() == (JUTEN,) and single.answers is None


def _summaries(store_path: Path) -> dict[int, Any]:
    with Store(store_path) as store:
        return {s.id: s for s in store.list_assessments()}


def test_new_assessment_creates_the_linked_set_and_the_home_shows_it_together(make_window, dialogs, store_path) -> None:  # type: ignore[no-untyped-def]
    with Store(store_path) as store:
        other = new_document(JUTEN, 1)
        other.set("cover.hyokasho_no", "5")
        other.set("cover.hyokasho_mei", "介護保険に関する事務　重点項目評価書")
        before = store.add_document(other)
    dlg = NewAssessmentDialog(None, _forms())
    _pick(dlg, "30万人以上", ge=True, jiko=False)
    dlg.jimu.setText("児童手当に関する事務")
    dialogs.new_assessment = dlg.answer()
    dlg.deleteLater()
    window = make_window()
    first = window.new_assessment()
    assert first is not None and dialogs.kinds()[-1] == "new"
    assert window.session is not None and window.session.assessment_id == first
    assert window.session.doc.form_id == KISO  # the first of the set is opened
    summaries = _summaries(store_path)
    made = [s for s in summaries.values() if s.id != before]
    assert [s.form_id for s in made] == [KISO, ZEN] and made[0].jimu == made[1].jimu is not None
    assert [s.name for s in made] == ["児童手当に関する事務　基礎項目評価書", "児童手当に関する事務　全項目評価書"]
    with Store(store_path) as store:
        assert [s.id for s in store.linked(first)] == [s.id for s in made]
        assert store.load(made[1].id).get("VI.1.2") == "基礎項目評価及び全項目評価の実施が義務付けられる"

    window.close_assessment()
    home = window.home
    home.fill_percents_now()
    assert home.cell(made[0].id, "種類") == "基礎" and home.cell(made[1].id, "種類") == "└ 全項目"
    assert home.cell(before, "種類") == "重点"
    assert home.cell(made[0].id, "評価書名") == "児童手当に関する事務　基礎項目評価書"  # names untouched
    header = home.table.horizontalHeader()
    assert header.visualIndex(9) == 0  # 種類 is shown first

    with Store(store_path) as store:  # without the grouping, 最終更新 would put the other 事務 between
        for aid in (made[0].id, before, made[1].id):
            time.sleep(0.005)  # distinct 最終更新 (milliseconds)
            store.set_value(aid, "cover.kikan_mei", "○○市長")
    home.refresh()
    assert home.visible_ids() == [made[0].id, made[1].id, before]  # as listed, without sorting again
    for column, order in ((4, Qt.SortOrder.DescendingOrder), (4, Qt.SortOrder.AscendingOrder),
                          (0, Qt.SortOrder.AscendingOrder), (1, Qt.SortOrder.DescendingOrder), (9, Qt.SortOrder.DescendingOrder)):
        home.table.sortByColumn(column, order)
        ids = home.visible_ids()
        pos = ids.index(made[0].id)
        assert ids[pos + 1] == made[1].id, (column, order, ids)  # 基礎 then 全項目, adjacent, in either order
    home.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert home.visible_ids() == [made[0].id, made[1].id, before]  # the 事務 edited last comes first


def test_single_form_path_still_works(make_window, dialogs, store_path) -> None:  # type: ignore[no-untyped-def]
    dialogs.new_assessment = NewAssessment(JUTEN, 3, jimu_name="住民基本台帳に関する事務")
    window = make_window()
    aid = window.new_assessment()
    assert aid is not None
    with Store(store_path) as store:
        doc = store.load(aid)
        assert doc.form_id == JUTEN and doc.file_count == 3
        assert doc.get("cover.hyokasho_mei") == "住民基本台帳に関する事務　重点項目評価書"
        assert store.jimu_of(aid) is not None


def test_a_juten_the_calculator_rejects_is_converted_to_zen(make_window, dialogs, store_path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import seed_003_document

    doc = seed_003_document()
    doc.threshold = ThresholdInputs(taisho_kubun="30万人以上", handan_bi=date(2025, 6, 1))
    jimu = new_jimu()
    with Store(store_path) as store:
        kiso = store.add_document(new_document(KISO, 1), jimu=jimu)
        juten = store.add_document(doc, jimu=jimu)
    window = make_window()
    window.home.select(kiso)
    assert not window.act_convert.isEnabled()  # a 基礎 has nothing to convert
    window.home.select(juten)
    assert window.act_convert.isEnabled()
    window.open_assessment(juten)
    assert window.act_convert.isEnabled()
    assert "全項目評価書が必要" in window.statusBar().currentMessage()

    dialogs.confirm_answers = [False]
    assert window.convert_assessment() is None  # declined: nothing made
    assert "重点項目評価書ではなく、全項目評価書を作成してください" in dialogs.asked[-1][1]
    assert len(_summaries(store_path)) == 2

    new_id = window.convert_assessment()
    assert new_id is not None
    summaries = _summaries(store_path)
    assert set(summaries) == {kiso, juten, new_id}  # the 重点 stays
    assert summaries[new_id].form_id == ZEN and summaries[new_id].jimu == jimu
    assert summaries[new_id].name.endswith("全項目評価書")
    title, text, items = dialogs.shown[-1]
    assert "変換" in title and "引き継いだ記載" in text
    assert any(line.startswith("記入が必要：") for line in items)
    assert any("Ⅳ１" in line or "監査" in line for line in items if line.startswith("引き継げなかった記載"))
    assert window.session is not None and window.session.assessment_id == new_id
    with Store(store_path) as store:
        zen = store.load(new_id)
        assert zen.get("VI.1.2") == "基礎項目評価及び全項目評価の実施が義務付けられる"
        assert zen.count("annex2.row") == doc.count("annex2.row")
        assert [s.id for s in store.linked(juten)] == [kiso, juten, new_id]
    window.close_assessment()
    assert window.home.cell(new_id, "種類") == "└ 全項目"

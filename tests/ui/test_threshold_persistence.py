"""The しきい値判断 inputs are kept with the assessment: saved on change, restored on reopening."""

from __future__ import annotations

from datetime import date
from typing import Any

from pia_desktop.domain.form_definition import FormDefinition, load_form
from pia_desktop.storage.store import Store
from pia_desktop.ui.checks.threshold_page import OVER_300K, ThresholdPage
from tests.checks.builders import base_doc
from tests.ui.helpers import click

DAY = date(2025, 6, 1)


def _open_threshold(qtbot: Any, window: Any, aid: int) -> ThresholdPage:
    window.open_assessment(aid)
    ext = window.checks_extension
    qtbot.waitUntil(ext.act_threshold.isEnabled)  # the extension follows the session once the page has switched
    ext.act_threshold.trigger()
    assert ext.threshold_dock.isVisible()
    page: ThresholdPage = ext.threshold
    page.today = lambda: DAY
    return page


def _result(page: ThresholdPage) -> str | None:
    j = page.judgement()
    return j.result.id if j is not None and j.result is not None else None


def test_inputs_survive_closing_and_reopening(qtbot, make_window, store_path) -> None:  # type: ignore[no-untyped-def]
    form = load_form()
    with Store(store_path) as store:
        aid = store.add_document(base_doc(form))  # 10万〜30万, 取扱者 60〜149, Ⅲ７② 発生なし
    window = make_window()
    page = _open_threshold(qtbot, window, aid)
    assert _result(page) == "kiso_juten" and page.saved_label.text() == ""

    page.taisho_spin.setValue(150_000)
    page.staff_spin.setValue(100)
    click(page.jiko_ari)
    assert page.jiko_ari.isChecked() and _result(page) == "kiso_zen"
    assert "令和7年6月1日の判断" in page.saved_label.text()
    with Store(store_path, readonly=True) as store:
        saved = store.load(aid).threshold
    assert saved is not None and (saved.taisho_ninzu, saved.toriatsukai_ninzu, saved.jiko) == (150_000, 100, True)
    assert saved.taisho_kubun is None and saved.handan_bi == DAY

    # an edit elsewhere refreshes the page from the document: the inputs stay
    window.session.set_value("I.1.1", "児童手当に関する事務（改）")
    window.checks_extension.refresh()
    assert page.taisho_exact.isChecked() and page.taisho_spin.value() == 150_000 and _result(page) == "kiso_zen"
    # undoing a structural change does not take them back
    window.session.change_structure("システムの追加", lambda d: d.add_entry("I.2.system"))
    page.staff_spin.setValue(120)
    window.session.undo_stack.undo()
    assert window.session.doc.count("I.2.system") == 2 and window.session.doc.threshold is not None
    assert window.session.doc.threshold.toriatsukai_ninzu == 120
    window.close()

    again = make_window()
    page2 = _open_threshold(qtbot, again, aid)
    assert page2 is not page
    assert page2.taisho_exact.isChecked() and page2.taisho_spin.value() == 150_000
    assert page2.staff_exact.isChecked() and page2.staff_spin.value() == 120
    assert page2.jiko_ari.isChecked() and page2.jiko_hint.text() == ""  # Ⅲ７② (発生なし) does not override it
    assert _result(page2) == "kiso_zen" and "結果：基礎項目評価及び全項目評価" in page2.result_text()
    assert "令和7年6月1日の判断" in page2.saved_label.text()

    # back to what the 評価書 gives: nothing is kept
    click(page2.taisho_bracket)
    click(page2.staff_estimate)
    click(page2.jiko_nashi)  # what Ⅲ７② gives
    assert again.session.doc.threshold is None and page2.saved_label.text() == ""
    again.close()
    with Store(store_path, readonly=True) as store:
        assert store.load(aid).threshold is None


def test_page_restores_a_bracket_and_announces_only_user_changes(qtbot, form: FormDefinition) -> None:  # type: ignore[no-untyped-def]
    page = ThresholdPage()
    qtbot.addWidget(page)
    page.today = lambda: DAY
    announced: list[Any] = []
    page.inputs_changed.connect(announced.append)
    doc = base_doc(form)
    page.set_document(form, doc)
    assert announced == [] and page.inputs() is None

    page.taisho_combo.setCurrentText(OVER_300K)  # choosing a bracket selects "区分から"
    assert _result(page) == "kiso_zen"
    [inputs] = announced
    assert inputs.taisho_kubun == OVER_300K and inputs.taisho_ninzu is None and inputs.jiko is None
    page.taisho_combo.setCurrentText(OVER_300K)
    assert len(announced) == 1  # no change, nothing to save

    doc.threshold = inputs
    fresh = ThresholdPage()
    qtbot.addWidget(fresh)
    fresh.inputs_changed.connect(announced.append)
    fresh.set_document(form, doc)
    assert fresh.taisho_bracket.isChecked() and fresh.taisho_combo.currentText() == OVER_300K
    assert _result(fresh) == "kiso_zen" and len(announced) == 1

    # with no bracket of its own the page follows Ⅰ１③
    doc.threshold = None
    doc.set("I.1.3", "1万人以上10万人未満")
    fresh.set_document(form, doc)
    assert fresh.taisho_combo.currentText() == "1万人以上10万人未満" and _result(fresh) == "kiso"

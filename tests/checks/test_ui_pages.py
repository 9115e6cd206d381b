"""The 点検 and しきい値判断 pages (pytest-qt, offscreen), alone and wired into the main window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import FormDefinition, load_form
from pia_desktop.ui.checks.findings_page import ChecksPage
from pia_desktop.ui.checks.threshold_page import ThresholdPage
from tests.checks.builders import V12_JUTEN, V12_KISO, base_doc
from tests.conftest import fixture_path


def test_checks_page_lists_every_finding_and_jumps(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = ChecksPage()
    qtbot.addWidget(page)
    doc = read_document(fixture_path("seed-003"))
    page.set_document(load_form(doc.form_id), doc, date(2025, 6, 1))
    assert len(page.rows()) == len(page.findings) > 10
    assert page.summary.text().startswith("誤り 0 件")
    assert "見直しの目安：令和8年1月14日" in page.due_label.text()
    titles = [page.tree.topLevelItem(i).text(1) for i in range(page.tree.topLevelItemCount())]
    assert "Ⅱ　特定個人情報ファイルの概要（１）" in titles and "（別添２）変更箇所" in titles

    page.filter_box.setCurrentText("誤りのみ")
    assert page.rows() == []  # the published seed has warnings only
    page.filter_box.setCurrentText("未記入を除く")
    assert all(f.rule != "required" for f in page.visible_findings()) and len(page.rows()) == len(page.visible_findings())

    row = next(r for r in page.rows() if "提供を行っている" in r.text(2))
    page.tree.setCurrentItem(row)
    assert "提供先は2件です" in page.detail.text() and "teikyo-kensu" in page.detail.text()
    with qtbot.waitSignal(page.jump_requested) as blocker:
        page.tree.itemActivated.emit(row, 0)
    assert blocker.args == ["II(1).5.umu"]


def test_checks_page_for_a_clean_document(qtbot, form: FormDefinition) -> None:  # type: ignore[no-untyped-def]
    page = ChecksPage()
    qtbot.addWidget(page)
    page.set_document(form, base_doc(form), date(2025, 2, 1))
    assert page.rows() == [] and page.summary.text() == "指摘事項はありません"


def test_threshold_page_shows_the_computation(qtbot, form: FormDefinition) -> None:  # type: ignore[no-untyped-def]
    page = ThresholdPage()
    qtbot.addWidget(page)
    page.set_document(form, base_doc(form))  # 10万〜30万, 使用者 10〜49 + 委託先 50〜99, Ⅲ７② 発生なし
    j = page.judgement()
    assert j is not None and j.result is not None and j.result.id == "kiso_juten"
    text = page.result_text()
    assert "対象人数：100,000人以上300,000人未満" in text and "取扱者数：60人以上149人未満（500人未満）" in text
    assert "T8：" in text and "結果：基礎項目評価及び重点項目評価の実施が義務付けられる" in text and "計算結果と一致" in text
    assert page.jiko_nashi.isChecked() and "発生なし" in page.jiko_hint.text()
    assert "Ⅱ（１）３．使用者数：10人以上50人未満" in page.staff_detail.text()
    assert not page.banner.isVisible() and not page.apply_button.isEnabled()


def test_threshold_page_says_when_a_full_assessment_is_required(qtbot, form: FormDefinition) -> None:  # type: ignore[no-untyped-def]
    page = ThresholdPage()
    qtbot.addWidget(page)
    page.show()
    page.set_document(form, base_doc(form))
    page.staff_spin.setValue(650)  # choosing a number selects "人数を入力"
    assert page.staff_exact.isChecked()
    j = page.judgement()
    assert j is not None and j.result is not None and j.result.id == "kiso_zen"
    assert page.banner.isVisible() and "全項目評価書が必要です" in page.banner.text()
    assert "重点項目評価書は使えません" in page.result_text() and "計算結果と異なります" in page.result_text()
    assert not page.apply_button.isEnabled()  # Ⅴ１② has no option for it


def test_threshold_page_writes_a_different_result_into_v12(qtbot, form: FormDefinition) -> None:  # type: ignore[no-untyped-def]
    page = ThresholdPage()
    qtbot.addWidget(page)
    page.show()
    page.set_document(form, base_doc(form))
    page.taisho_spin.setValue(50_000)
    assert page.taisho_exact.isChecked()
    j = page.judgement()
    assert j is not None and j.result is not None and j.result.id == "kiso"
    assert "しきい値判断結果の記載" in page.banner.text()
    assert page.apply_button.isEnabled()
    with qtbot.waitSignal(page.apply_v12) as blocker:
        page.apply_button.click()
    assert blocker.args == [V12_KISO]


def test_threshold_page_prompts_to_recheck_after_an_accident(qtbot, form: FormDefinition) -> None:  # type: ignore[no-untyped-def]
    doc = base_doc(form)
    doc.set("III(1).7.risk.2", "発生あり")
    page = ThresholdPage()
    qtbot.addWidget(page)
    page.show()
    page.set_document(form, doc)
    assert page.jiko_unknown.isChecked()
    assert page.banner.isVisible() and "基礎項目評価及び全項目評価" in page.banner.text()
    assert "いずれか" not in page.result_text() and "一つに決まりません" in page.result_text()
    page.jiko_nashi.setChecked(True)
    assert not page.banner.isVisible()
    page.jiko_ari.setChecked(True)
    assert "全項目評価書が必要です" in page.banner.text()


def test_pages_wired_into_the_main_window(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pia_desktop.ui.shell.main_window")
    from pia_desktop.storage.store import Store
    from pia_desktop.ui.shell.app import create_application
    from pia_desktop.ui.shell.main_window import MainWindow
    from tests.ui.conftest import FakeDialogs

    create_application()
    form = load_form()
    store_path = tmp_path / "store.sqlite3"
    doc = base_doc(form)
    doc.set("V.1.2", V12_KISO)  # wrong for 10万〜30万
    with Store(store_path) as store:
        aid = store.add_document(doc)
    window = MainWindow(store_path, dialogs=FakeDialogs())
    qtbot.addWidget(window)
    window.show()
    ext = window.checks_extension
    assert [a.text() for a in window.menuBar().actions()][-2:] == ["点検(&K)", "ヘルプ(&H)"]
    assert not ext.act_checks.isEnabled()

    window.open_assessment(aid)
    qtbot.waitUntil(ext.act_checks.isEnabled)
    ext.act_checks.trigger()
    assert ext.checks_dock.isVisible()
    # (the real today decides whether the 見直し is due; only the content findings are asserted)
    assert [f.rule for f in ext.checks.findings if not f.rule.startswith("due-")] == ["th-v12-mismatch"]
    # the wizard's navigation counts the same findings per section
    assert "th-v12-mismatch" in [f.rule for f in window.wizard.findings]
    assert "誤り1" in window.wizard.nav.items["V"].text(2)
    ext.checks.jump_requested.emit("V.1.2")
    assert window.wizard.current_key == "V"

    ext.threshold.apply_button.click()  # write the computed result into Ⅴ１②
    assert window.session.doc.get("V.1.2") == V12_JUTEN
    ext.refresh()
    assert [f.rule for f in ext.checks.findings if not f.rule.startswith("due-")] == []

    window.session.set_value("III(1).7.risk.2", "発生あり")
    assert ext.threshold_dock.isVisible() and "発生あり" in ext.threshold.banner.text()

    window.close_assessment()
    qtbot.waitUntil(lambda: not ext.act_checks.isEnabled())
    assert not ext.checks_dock.isVisible()
    window.close()

"""The 取り込み review screen and the 取り込み action of the main window (qtbot, no modal dialogs)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt

from pia_desktop.domain.exchange import read_document, write_document
from pia_desktop.importers import import_file
from pia_desktop.storage.store import Store
from pia_desktop.ui.yearly.import_review import ImportReviewDialog, StoreChoiceDialog
from tests.conftest import fixture_path
from tests.importers.fake_yearly import FakeYearly
from tests.importers.truth import generated_dirs


def _sample_result(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Last year's 評価書 as another tool's workbook (the published-style sample of seed 000)."""
    return import_file(next(generated_dirs()[0].glob("*.xlsx")))


def test_review_dialog_lists_every_item_with_status_and_source(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = _sample_result(tmp_path)
    dlg = ImportReviewDialog(result)
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == len(result.report.entries)
    dlg.set_filter("すべて")
    assert len(dlg.visible_addresses()) == len(result.report.entries)
    dlg.set_filter("取り込み済み")
    shown = dlg.visible_addresses()
    assert shown and all(e.status == "imported" for e in result.report.entries if e.address in shown)
    row = next(r for r in range(dlg.table.rowCount()) if result.report.entries[r].address == "cover.hyokasho_mei")
    assert dlg.table.item(row, 1).text() == "取り込み済み"
    assert dlg.table.item(row, 3).text()  # the source text is shown
    assert result.report.source in dlg.summary.text()


def test_review_dialog_starts_with_what_needs_attention(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pia_desktop.importers.report import ImportReport, ImportResult, ReportEntry

    report = ImportReport("x.pdf", "pdf", [
        ReportEntry("I.1.1", "Ⅰ › ①事務の名称", "imported", "A", "A", "p.3"),
        ReportEntry("I.1.3", "Ⅰ › ③対象人数", "ambiguous", "", "約5万人", "p.3", "「約5万人」は選択肢にありません"),
        ReportEntry("I.7", "Ⅰ › ７．他の評価実施機関", "not_found"),
    ])
    dlg = ImportReviewDialog(ImportResult(read_document(fixture_path("seed-003")), report))
    qtbot.addWidget(dlg)
    assert dlg.visible_addresses() == ["I.1.3", "I.7"]
    assert dlg.table.item(1, 5).text() == "「約5万人」は選択肢にありません"


def test_store_choice_dialog_returns_ticked_ids(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "c.sqlite3") as s:
        a = s.add_document(read_document(fixture_path("seed-003")))
        b = s.add_document(read_document(fixture_path("seed-001")))
        summaries = s.list_assessments()
    dlg = StoreChoiceDialog("c.sqlite3", summaries)
    qtbot.addWidget(dlg)
    assert dlg.chosen_ids() == [a, b]
    dlg.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert dlg.chosen_ids() == [b]
    dlg.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert not dlg.ok_button.isEnabled()


def test_import_action_saves_only_after_the_review(make_window, dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    fake = FakeYearly()
    window.yearly.dialogs = fake
    src = tmp_path / "last-year.json"
    write_document(read_document(fixture_path("seed-003")), src)
    fake.import_path = src
    fake.accept_review = False
    assert window.yearly.import_file() == []
    assert window.store.list_assessments() == []  # declined: nothing saved
    fake.accept_review = True
    ids = window.yearly.import_file()
    assert len(ids) == 1 and [s.id for s in window.store.list_assessments()] == ids
    assert window.current_session() is not None and window.current_session().assessment_id == ids[0]
    assert len(fake.reviewed) == 2


def test_import_action_reports_a_bad_file_and_saves_nothing(make_window, dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    fake = FakeYearly()
    window.yearly.dialogs = fake
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really a pdf")
    fake.import_path = bad
    assert window.yearly.import_file() == []
    assert dialogs.kinds() == ["error"] and "broken.pdf" in dialogs.asked[0][1]
    assert fake.reviewed == []
    assert window.store.list_assessments() == []


def test_import_action_copies_from_another_store(make_window, dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    colleague = tmp_path / "colleague.sqlite3"
    with Store(colleague) as s:
        s.add_document(read_document(fixture_path("seed-003")))
        second = s.add_document(read_document(fixture_path("seed-001")))
    window = make_window()
    fake = FakeYearly()
    window.yearly.dialogs = fake
    fake.import_path = colleague
    fake.store_ids = [second]
    ids = window.yearly.import_file()
    assert len(ids) == 1
    assert window.store.load(ids[0]).file_count == 2


def _paragraph_result(tmp_path: Path):  # type: ignore[no-untyped-def]
    from tests.importers.test_accounting import PARAGRAPH, _with_paragraph

    result = import_file(_with_paragraph(tmp_path, "xlsx"))
    index = next(i for i, f in enumerate(result.report.fragments) if f.text == PARAGRAPH)
    return result, index


def test_review_dialog_places_an_unplaced_fragment_by_hand(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.importers.test_accounting import PARAGRAPH

    result, index = _paragraph_result(tmp_path)
    dlg = ImportReviewDialog(result)
    qtbot.addWidget(dlg)
    assert dlg.tabs.currentWidget() is dlg.fragments_page  # unplaced text: shown first
    n = len(result.report.unplaced)
    assert n == 3 and f"どの項目にも入っていない記載が {n} 件" in dlg.summary.text()
    visible = [r for r in range(dlg.fragment_table.rowCount()) if not dlg.fragment_table.isRowHidden(r)]
    assert index in visible and dlg.fragment_table.item(index, 1).text() == "未配置"
    dlg.select_fragment(index)
    dlg.set_target("II(1).7")
    assert dlg.assign_button.isEnabled() and dlg.mode.isEnabled()
    dlg.assign_button.click()
    assert PARAGRAPH in str(result.document.get("II(1).7"))
    assert dlg.fragment_table.item(index, 1).text() == "項目に取り込み済み"
    assert dlg.fragment_table.isRowHidden(index)  # the default filter shows what is left to do
    assert f"{n - 1} 件あります" in dlg.summary.text()
    others = [i for i, f in enumerate(result.report.fragments) if f.status == "unplaced"]
    dlg.select_fragment(others[0])
    dlg.set_target("I.1.3")  # a choice: the text is not one of its options
    dlg.assign_button.click()
    assert "値として読めません" in dlg.place_message.text()
    for i in others:
        dlg.select_fragment(i)
        dlg.dismiss_button.click()
    assert result.report.unplaced == [] and "どの項目にも入っていない" not in dlg.summary.text()


def test_hand_placement_is_saved_only_when_the_import_is_accepted(make_window, dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.importers.test_accounting import PARAGRAPH, _with_paragraph

    window = make_window()
    fake = FakeYearly()
    window.yearly.dialogs = fake
    fake.import_path = _with_paragraph(tmp_path, "xlsx")
    index = next(i for i, f in enumerate(import_file(fake.import_path).report.fragments) if f.text == PARAGRAPH)
    fake.place = [(index, "II(1).7")]
    fake.accept_review = False
    assert window.yearly.import_file() == []
    assert window.store.list_assessments() == []  # declined: the placement is not written either
    fake.accept_review = True
    ids = window.yearly.import_file()
    assert PARAGRAPH in str(window.store.load(ids[0]).get("II(1).7"))


def test_import_offers_links_to_shared_facts_and_makes_the_kept_ones(make_window, dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A value of the imported 評価書 equal to a 共通項目 of the store is offered as a link in the review
    screen; after accepting, the saved assessment is linked to it."""
    doc = read_document(fixture_path("seed-003"))
    window = make_window()
    contact = str(doc.get("IV.2.1"))
    fact = window.store.add_fact("総務課の連絡先", contact, template="IV.2.1")
    fake = FakeYearly()
    window.yearly.dialogs = fake
    src = tmp_path / "last-year.json"
    write_document(doc, src)
    fake.import_path = src
    ids = window.yearly.import_file()
    dlg = fake.reviewed[-1]
    assert [(s.address, s.fact_id) for s in dlg.link_suggestions] == [("IV.2.1", fact)]
    assert window.store.links_of(ids[0]) == {"IV.2.1": fact}

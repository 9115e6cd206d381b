"""The set in the GUI: answers typed in the open 評価書 reach its 事務's other 評価書 (and undo takes the copies
back); 組の記載をそろえる links 評価書 made apart and fills what they share; the 点検 shows the set check."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pia_desktop.checks.set_check import review_in_set
from pia_desktop.domain.assessment_set import ThresholdAnswers, new_documents
from pia_desktop.storage.store import Store, new_jimu
from pia_desktop.ui.checks.findings_page import ChecksPage
from pia_desktop.ui.shared_facts.set_align import SetAlignDialog, SetLinkDialog, align_set_of, session_saver
from pia_desktop.ui.shared_facts.set_follow import SetFollower
from pia_desktop.ui.wizard.session import EditSession

KISO, JUTEN = "yoshiki2-r0610", "yoshiki3-r0610"


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "s.sqlite3") as s:
        yield s


def make_set(store: Store) -> list[int]:
    jimu = new_jimu()
    docs = new_documents([KISO, JUTEN], 1, "軽自動車税に関する事務", ThresholdAnswers("1万人以上10万人未満", True, False))
    return [store.add_document(d, jimu=jimu) for d in docs]


def test_typing_in_the_open_kiso_reaches_the_juten_and_undo_takes_it_back(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    kiso, juten = make_set(store)
    session = EditSession.open(store, kiso)
    follower = SetFollower(session, parent=session)
    messages: list[str] = []
    follower.copied.connect(messages.append)
    for typed in ("熊", "熊谷", "熊谷市長"):
        session.set_value("cover.kikan_mei", typed, mergeable=True)
    assert store.answer(juten, "cover.kikan_mei") == "熊谷市長"
    assert messages[-1] == "重点項目評価書にも反映しました：評価実施機関名"
    session.set_value("I.1.2", "事務の概要")  # not shared
    assert store.answer(juten, "I.1.2") is None
    session.undo_stack.undo()  # the 概要
    session.undo_stack.undo()  # the typing (one merged step)
    assert session.doc.get("cover.kikan_mei") is None
    assert store.answer(juten, "cover.kikan_mei") is None
    session.undo_stack.redo()
    assert store.answer(juten, "cover.kikan_mei") == "熊谷市長"
    # the 重点 says something else: the 基礎's next edit leaves it
    store.set_value(juten, "I.6.1", "収納課")
    messages.clear()
    session.set_value("I.6.1", "市民税課")
    assert store.answer(juten, "I.6.1") == "収納課" and messages == []
    session.dispose()


def test_a_readonly_session_copies_nothing(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kiso, juten = make_set(store)
    with Store(tmp_path / "s.sqlite3", readonly=True) as ro:
        session = EditSession.open(ro, kiso)
        SetFollower(session, parent=session)
        session.set_value("cover.kikan_mei", "熊谷市長")
        assert store.answer(juten, "cover.kikan_mei") is None
        session.dispose()


def test_align_links_documents_made_apart_and_fills_the_open_one_undoably(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    (kiso,) = [store.add_document(d) for d in new_documents([KISO], 1, "軽自動車税に関する事務")]
    (juten,) = [store.add_document(d) for d in new_documents([JUTEN], 1, "軽自動車税に関する事務")]
    store.set_value(juten, "cover.kikan_mei", "熊谷市長")
    store.set_value(juten, "I.6.1", "市民税課")
    store.set_value(kiso, "I.6.1", "収納課")
    store.set_value(juten, "I.4.konkyo", "番号法第9条第1項 別表の24の項")
    session = EditSession.open(store, kiso)
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        if isinstance(dialog, SetLinkDialog):
            assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
                f"重点項目評価書「軽自動車税に関する事務　重点項目評価書」（ID {juten}）"]
            return True
        assert isinstance(dialog, SetAlignDialog)
        rows = [[dialog.fills.item(r, c).text() for c in range(4)] for r in range(dialog.fills.rowCount())]
        assert ["基礎項目評価書", "評価実施機関名", "熊谷市長", "重点項目評価書"] in rows
        assert ["基礎項目評価書", "提出する特定個人情報保護評価書の種類", "基礎項目評価書及び重点項目評価書（現在：基礎項目評価書）",
                "評価書の組合せ"] in rows
        differences = [[dialog.differences.item(r, c).text() for c in range(3)] for r in range(dialog.differences.rowCount())]
        assert differences == [["担当部署", "基礎項目評価書", "収納課"], ["担当部署", "重点項目評価書", "市民税課"]]
        konkyo = next(r for r in range(dialog.fills.rowCount()) if dialog.fills.item(r, 1).text() == "個人番号の利用の法令上の根拠")
        dialog.fills.item(konkyo, 0).setCheckState(Qt.CheckState.Unchecked)  # the user leaves this one
        return True

    outcome = align_set_of(None, store, kiso, save=session_saver(store, session), run=run)
    assert [type(d) for d in seen] == [SetLinkDialog, SetAlignDialog]
    assert outcome.linked_with is not None and outcome.linked_with.id == juten
    assert store.jimu_of(kiso) == store.jimu_of(juten) is not None
    assert session.doc.get("cover.kikan_mei") == "熊谷市長" and store.answer(kiso, "cover.kikan_mei") == "熊谷市長"
    assert store.answer(kiso, "I.4.konkyo") is None  # unticked
    assert "記載が異なる項目が 1 件あります" in outcome.message
    assert session.doc.get("IV.1.shurui") == "基礎項目評価書及び重点項目評価書"
    session.undo_stack.undo()  # the fills of the open 評価書 are edits of its own: Ⅳ１ was the last
    assert session.doc.get("IV.1.shurui") == "基礎項目評価書" and session.doc.get("cover.kikan_mei") == "熊谷市長"
    assert store.answer(kiso, "IV.1.shurui") == "基礎項目評価書"
    session.dispose()


def test_align_with_nothing_to_link_or_to_fill(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    (alone,) = [store.add_document(d) for d in new_documents([JUTEN], 1, "住民税に関する事務")]

    def never(_d: QDialog) -> bool:
        raise AssertionError("no dialog expected")

    assert "結び付けられる評価書がありません" in align_set_of(None, store, alone, run=never).message
    kiso, _juten = make_set(store)
    assert align_set_of(None, store, kiso, run=never).message == "この事務の評価書の共通の項目はそろっています。"


def test_the_checks_page_shows_the_set_check(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    kiso, juten = make_set(store)
    store.set_value(kiso, "I.6.2", "市民税課長")
    store.set_value(juten, "I.6.2", "収納課長")
    doc = store.load(kiso)
    from pia_desktop.domain.form_definition import load_form

    form = load_form(KISO)
    result = review_in_set(store, kiso, form, doc)
    page = ChecksPage()
    qtbot.addWidget(page)
    page.set_findings(form, result.findings, result.due, result.today)
    texts = [r.text(2) for r in page.rows()]
    assert any(t.startswith("「所属長の役職名」が重点項目評価書") for t in texts)
    assert next(r for r in page.rows() if r.text(2).startswith("「所属長")).data(0, Qt.ItemDataRole.UserRole) == "I.6.2"


def test_typed_in_the_kiso_wizard_the_juten_holds_it(make_window, dialogs, qtbot) -> None:  # type: ignore[no-untyped-def]
    """新規作成 of 基礎 + 重点 in the real window, typing in the 基礎's wizard page: the 重点 has the answers.
    (The window does not create the SetFollower yet: the test wires it as the main window is to.)"""
    from pia_desktop.ui.shell.new_assessment import NewAssessment
    from tests.ui.helpers import choose, type_into

    dialogs.new_assessment = NewAssessment(KISO, 1, form_ids=(KISO, JUTEN), jimu_name="軽自動車税に関する事務",
                                           answers=ThresholdAnswers("1万人以上10万人未満", True, False))
    window = make_window()
    kiso = window.new_assessment()
    session = window.current_session()
    assert session is not None and session.assessment_id == kiso
    SetFollower(session, parent=session)
    wizard = window.wizard
    type_into(wizard, "cover.kikan_mei", "熊谷市長")
    type_into(wizard, "I.kaiji.seikyusaki", "熊谷市役所 総務課")
    choose(wizard, "I.5.1", "実施する")
    wizard.flush()
    (juten,) = [s.id for s in window.store.linked(kiso) if s.id != kiso]
    assert window.store.answer(juten, "cover.kikan_mei") == "熊谷市長"
    assert window.store.answer(juten, "IV.1.1") == "熊谷市役所 総務課"
    assert window.store.answer(juten, "I.5.1") == "実施する"
    assert window.store.answer(kiso, "IV.1.shurui") == "基礎項目評価書及び重点項目評価書"


def test_align_with_the_follower_attached_counts_every_fill(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    """The open 基礎's fills go through its session, and the follower copies them on: nothing is done twice."""
    kiso, juten = make_set(store)
    store.set_value(juten, "I.7", "なし")
    store.set_value(juten, "cover.kohyo_bi", "令和7年5月30日")
    session = EditSession.open(store, kiso)
    SetFollower(session, parent=session)
    outcome = align_set_of(None, store, kiso, save=session_saver(store, session), run=lambda _d: True)
    assert len(outcome.written) == 2 and outcome.message == "2 項目を記入しました。"
    assert session.doc.get("I.7") == "なし" and store.answer(kiso, "cover.kohyo_bi") == "令和7年5月30日"
    session.dispose()

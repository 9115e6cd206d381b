"""指摘と回答 through two windows on two stores that only exchange files: the author's 提出用 PDF goes to
the reviewer, the reviewer's notes file to the author, the author's answers back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pia_desktop.domain.exchange import read_document
from pia_desktop.notes.process import ReviewProcess
from pia_desktop.storage.store import Store
from pia_desktop.ui.notes.dialogs import NewNote
from tests.conftest import fixture_path
from tests.importers.fake_yearly import FakeYearly
from tests.ui.helpers import click, type_into
from tests.ui.journeys import choose_menu, enabled

pytest.importorskip("pia_desktop.pdf.exporter")


class FakeNotesDialogs:
    def __init__(self) -> None:
        self.note: NewNote | None = None
        self.open_path: Path | None = None
        self.save_path: Path | None = None
        self.process: ReviewProcess | None = None
        self.asked: list[str] = []

    def ask_note(self, parent: Any, item_path: str, value: str, by: str) -> NewNote | None:
        self.asked.append(f"note:{item_path}:{value}")
        return self.note

    def ask_notes_file(self, parent: Any, start: Path) -> Path | None:
        return self.open_path

    def ask_notes_target(self, parent: Any, suggested: Path) -> Path | None:
        self.asked.append(f"save:{suggested.name}")
        return self.save_path

    def ask_report_target(self, parent: Any, suggested: Path) -> Path | None:
        return self.save_path

    def ask_process(self, parent: Any, current: ReviewProcess) -> ReviewProcess | None:
        return self.process


def _focus(window: Any, address: str) -> None:
    """Click into the item's box, as the user does before choosing 指摘 › この項目に指摘を追加."""
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    QApplication.processEvents()
    widget = window.wizard.go_to(address)
    assert widget is not None
    QApplication.processEvents()


def test_author_and_reviewer_exchange_notes_through_the_window(make_window, dialogs, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    author_store, reviewer_store = tmp_path / "author.sqlite3", tmp_path / "reviewer.sqlite3"
    with Store(author_store) as s:
        aid = s.add_document(read_document(fixture_path("seed-003")))

    # the author sends the 提出用 PDF
    author = make_window(author_store)
    author.open_assessment(aid)
    submitted = tmp_path / "提出用.pdf"
    dialogs.save_path = submitted
    choose_menu(author, "ファイル", "出力", "PDF出力（提出用）")
    qtbot.waitUntil(lambda: submitted.exists() and "open_folder" in dialogs.kinds(), timeout=30000)

    # the reviewer imports it the usual way and writes a 指摘 on Ⅰ６①
    reviewer = make_window(reviewer_store)
    reviewer.yearly.dialogs = FakeYearly()
    reviewer.yearly.dialogs.import_path = submitted
    choose_menu(reviewer, "ファイル", "取り込み", "前年度の評価書を取り込む")
    r_notes = reviewer.notes
    r_notes.dialogs = rd = FakeNotesDialogs()
    _focus(reviewer, "I.6.1")
    rd.note = NewNote("修正依頼", "組織改正後の課名にしてください", "情報政策課 佐藤")
    choose_menu(reviewer, "指摘", "この項目に指摘を追加")
    assert rd.asked[0].startswith("note:Ⅰ　基本情報 › ６．評価実施機関における担当部署 › ①部署:こども未来局子育て支援課")
    assert r_notes.dock.isVisible() and r_notes.panel.tree.topLevelItemCount() == 1
    assert r_notes.mark_text("I.6.1").startswith("✎ 指摘 1 件（未対応）")
    to_author = tmp_path / "指摘.json"
    rd.save_path = to_author
    choose_menu(reviewer, "指摘", "指摘ファイルを書き出す")
    assert to_author.exists()

    # the author takes the file in, sees the mark, fixes the item and answers in the dock
    author.notes.dialogs = ad = FakeNotesDialogs()
    ad.open_path = to_author
    choose_menu(author, "指摘", "指摘ファイルを取り込む")
    assert "新しい指摘 1 件" in author.statusBar().currentMessage()
    panel = author.notes.panel
    assert panel.tree.topLevelItemCount() == 1 and panel.tree.topLevelItem(0).text(0) == "未対応"
    assert author.notes.mark_text("I.6.1").startswith("✎ 指摘 1 件")
    type_into(author.wizard, "I.6.1", "こども家庭部子育て支援課")
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.answer_box.setPlainText("組織改正後の課名に直しました")
    click(panel.answer_button)
    assert panel.tree.topLevelItem(0).text(0) == "対応済"
    back = tmp_path / "回答.json"
    ad.save_path = back
    choose_menu(author, "指摘", "指摘ファイルを書き出す")

    # the reviewer sees the answer with the item then and now, and closes it; twice the same file: no change
    rd.open_path = back
    choose_menu(reviewer, "指摘", "指摘ファイルを取り込む")
    assert "更新 1 件" in reviewer.statusBar().currentMessage()
    choose_menu(reviewer, "指摘", "指摘ファイルを取り込む")
    assert "変更なし 1 件" in reviewer.statusBar().currentMessage()
    rp = r_notes.panel
    rp.filter.setCurrentText("すべて")
    rp.tree.setCurrentItem(rp.tree.topLevelItem(0))
    detail = rp.detail.toPlainText()
    assert "組織改正後の課名に直しました" in detail
    assert "指摘したときの記載" in detail and "こども未来局子育て支援課" in detail
    assert "相手の評価書の現在の記載" in detail and "こども家庭部子育て支援課" in detail  # what the author changed
    click(rp.close_button)
    assert rp.tree.topLevelItem(0).text(0) == "確認済"
    assert r_notes.mark_text("I.6.1") == ""  # closed: no mark any more

    # the 指摘・回答一覧 for 決裁
    report = tmp_path / "一覧.xlsx"
    rd.save_path = report
    choose_menu(reviewer, "指摘", "指摘・回答一覧を出力（Excel・PDF）")
    assert report.exists()
    assert not enabled(reviewer, "指摘", "意見の聴取・第三者点検の記録")  # a 重点: no public comment

"""A clerk's year, through the real main window only: menus, buttons and the answers to its dialogs.

Each journey asserts what the user sees — which menu items can be clicked, the rows of the list, the
messages — not internal calls.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.fiscal_year import nendo_text, next_nendo
from pia_desktop.storage.lock import lock_path
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path
from tests.importers.fake_yearly import FakeYearly
from tests.ui.helpers import type_into
from tests.ui.journeys import choose_menu, enabled, menu_action, paste_into

pytest.importorskip("pia_desktop.pdf.exporter")

EDITING = (
    ("編集", "元に戻す"),
    ("評価書", "変更箇所の作成"),
    ("点検", "点検結果の一覧"),
    ("点検", "しきい値判断"),
    ("評価書", "版を保存"),
    ("ファイル", "出力", "PDF出力（提出用）"),
)


def _last_years_published_pdf(tmp_path: Path) -> Path:
    """Last year's 評価書 as the city published it: the 公表用 PDF (no attachment) of seed 003."""
    from pia_desktop.pdf.exporter import export_pdf

    out = tmp_path / "児童手当_重点項目評価書_公表.pdf"
    export_pdf(read_document(fixture_path("seed-003")), out, public=True)
    return out


def test_import_last_years_pdf_then_new_year_edits_changes_checks_output(make_window, dialogs, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    fake = FakeYearly()
    window.yearly.dialogs = fake

    # 取り込み: last year's published PDF becomes a row of the list and opens
    fake.import_path = _last_years_published_pdf(tmp_path)
    choose_menu(window, "ファイル", "取り込み", "前年度の評価書を取り込む")
    assert window.session is not None
    last_year = window.session.assessment_id
    assert "児童手当" in window.home.cell(last_year, "評価書名")
    # last year's published 評価書 is 公表済: read-only, with the way to edit it (its 新年度版) shown
    assert window.home.cell(last_year, "状況") == "公表済" and window.home.cell(last_year, "年度") == "令和6年度"
    assert window.session.readonly and "公表済" in window.windowTitle()
    assert window.wizard.findChild(QPushButton, "published_roll_forward") is not None
    assert not enabled(window, "評価書", "変更箇所の作成") and not enabled(window, "評価書", "版を保存")

    # the same file again: the clerk is told the store holds it and it is opened, no second row
    rows = len(window.home.visible_ids())
    choose_menu(window, "ファイル", "取り込み", "前年度の評価書を取り込む")
    assert "同じ内容の評価書" in next(t for k, t in reversed(dialogs.asked) if k == "confirm")
    assert window.session.assessment_id == last_year and len(window.home.visible_ids()) == rows

    # 新年度版 from the open 評価書: the new draft opens with everything a clerk needs enabled
    choose_menu(window, "評価書", "新年度版を作成")
    assert window.session is not None and window.session.assessment_id != last_year
    draft = window.session.assessment_id
    assert "変更箇所の作成" in window.statusBar().currentMessage()
    year = nendo_text(next_nendo(2024))  # the year after last year's (令和6年度), not before the current one
    assert window.home.cell(draft, "年度") == year and f"{year} 新年度版・作成中" in window.windowTitle()
    for path in EDITING[1:]:
        assert enabled(window, *path), f"{' › '.join(path)} greyed out after 新年度版"
    assert not enabled(window, "編集", "元に戻す")  # nothing typed yet

    # two edits and a renumbered citation, typed or pasted into the wizard's own boxes
    wizard = window.wizard
    type_into(wizard, "I.6.1", "こども家庭部子育て支援課")  # not a ※ item
    qtbot.waitUntil(lambda: enabled(window, "編集", "元に戻す"))
    assert window.save_label.text().startswith("保存しました")
    old_52 = str(window.session.doc.get("I.5.2"))
    paste_into(wizard, "I.5.2", old_52 + "\n・主務省令第2条の表第110の項")  # ※ (Ⅰ５ 情報連携)
    old_12 = str(window.session.doc.get("I.1.2"))
    assert "別表第1の項番81" in old_12
    paste_into(wizard, "I.1.2", old_12.replace("別表第1の項番81", "別表の項番81"))  # what the citation rule asked for
    with Store(window.store.path, readonly=True) as store:
        saved = store.load(draft)
    assert saved.get("I.6.1") == "こども家庭部子育て支援課"
    assert "別表の項番81" in str(saved.get("I.1.2"))

    # 変更箇所の作成: the proposed rows, kept, land in (別添2)
    rows_before = window.session.doc.count("annex2.row")
    choose_menu(window, "評価書", "変更箇所の作成")
    assert window.session.doc.count("annex2.row") == rows_before + 3
    added = {str(window.session.doc.get(f"annex2.row[{rows_before + i}].komoku")):
             (window.session.doc.get(f"annex2.row[{rows_before + i}].jiki"),
              window.session.doc.get(f"annex2.row[{rows_before + i}].setsumei")) for i in (1, 2, 3)}
    by_item = {key: next(v for k, v in added.items() if key in k) for key in ("①部署", "②法令上の根拠", "②事務の内容")}
    assert by_item["①部署"][0] == "事後"
    assert by_item["②法令上の根拠"][0] == "事前"  # Ⅰ５ is a ※ item
    assert by_item["②事務の内容"] == ("事後", "法令改正等による形式的な変更であるため、重要な変更に当たらない")
    assert "変更箇所に 3 行を追加しました" in window.statusBar().currentMessage()
    assert enabled(window, "編集", "元に戻す")

    # 点検 (F7): the dock opens on the findings of this draft
    choose_menu(window, "点検", "点検結果の一覧")
    docks = window.checks_extension
    assert docks.checks_dock.isVisible() and docks.checks.findings

    # 出力: the 提出用 PDF is written where the clerk says
    out = tmp_path / "今年度_提出用.pdf"
    dialogs.save_path = out
    choose_menu(window, "ファイル", "出力", "PDF出力（提出用）")
    qtbot.waitUntil(lambda: "open_folder" in dialogs.kinds(), timeout=30000)
    assert out.read_bytes().startswith(b"%PDF")

    # back to the list: both years are rows, and nothing of the draft's editing stays enabled
    choose_menu(window, "ファイル", "評価書一覧に戻る")
    assert window.wizard is None
    assert {last_year, draft} <= set(window.home.visible_ids())
    for path in EDITING:
        assert not enabled(window, *path)


def test_sample_convert_fill_check(make_window, dialogs, qtbot) -> None:  # type: ignore[no-untyped-def]
    """ヘルプ › サンプル → 全項目評価書に変換 → fill what is listed → 点検, without leaving the window."""
    window = make_window()
    choose_menu(window, "ヘルプ", "サンプルの評価書を開く")
    assert window.session is not None
    sample = window.session.assessment_id
    assert window.home.cell(sample, "評価書名").startswith("【サンプル】")
    assert enabled(window, "評価書", "全項目評価書に変換")

    choose_menu(window, "評価書", "全項目評価書に変換")
    assert window.session is not None and window.session.assessment_id != sample
    assert window.session.form.roles.kind == "zen"
    for path in EDITING[1:]:
        assert enabled(window, *path), f"{' › '.join(path)} greyed out after 変換"
    assert not enabled(window, "評価書", "全項目評価書に変換")  # a 全項目 converts no further

    title = window.session.form.roles.title
    type_into(window.wizard, title, "サンプル事務 全項目評価書")
    qtbot.waitUntil(lambda: enabled(window, "編集", "元に戻す"))
    assert "サンプル事務 全項目評価書" in window.windowTitle()
    roles = window.session.form.roles
    assert window.session.doc.get(roles.published) is None and window.session.doc.get(roles.conducted) is None
    choose_menu(window, "点検", "点検結果の一覧")
    checks = window.checks_extension.checks
    assert window.checks_extension.checks_dock.isVisible()
    todo = [f for f in checks.findings if f.rule == "convert-todo"]
    assert todo and "変換で引き継いだ記載です" in todo[0].message  # the to-do list stays in 点検

    # the clerk checks the first one and closes it in the 指摘一覧: it leaves the 点検 list
    choose_menu(window, "指摘", "指摘一覧")
    panel = window.notes.panel
    panel.filter.setCurrentText("未対応")
    first = next(i for i in range(panel.tree.topLevelItemCount()) if panel.tree.topLevelItem(i).text(1) == "確認")
    panel.tree.setCurrentItem(panel.tree.topLevelItem(first))
    panel.close_button.click()
    window.checks_extension.refresh()
    assert len([f for f in checks.findings if f.rule == "convert-todo"]) == len(todo) - 1
    choose_menu(window, "編集", "元に戻す")
    assert window.session.doc.get(title) != "サンプル事務 全項目評価書"


def test_every_document_change_leaves_one_live_session(make_window, dialogs, qtbot, store_path) -> None:  # type: ignore[no-untyped-def]
    """open → another → 版の復元 → another store → back: the actions follow each time, also after Qt has
    deleted the closed sessions."""
    with Store(store_path) as store:
        a = store.add_document(read_document(fixture_path("seed-003")))
        b = store.add_document(read_document(fixture_path("seed-001")))
    window = make_window()
    window.open_assessment(a)
    window.open_assessment(b)  # straight from one to the other, as 新年度版 and 変換 do
    qtbot.wait(50)
    QApplication = pytest.importorskip("PySide6.QtWidgets").QApplication
    QApplication.sendPostedEvents(None, 0)  # deleteLater of the closed session runs now
    assert window.session is not None and window.session.assessment_id == b
    assert enabled(window, "評価書", "変更箇所の作成") and enabled(window, "点検", "点検結果の一覧")

    sid = window.session.snapshot("テスト")
    window.session.restore_snapshot(sid)
    assert enabled(window, "評価書", "版を保存")

    other = store_path.with_name("other.sqlite3")
    dialogs.open_store_path = other
    choose_menu(window, "ファイル", "保存ファイルを開く")
    assert window.session is None and window.store.path == other
    assert not enabled(window, "評価書", "変更箇所の作成")
    assert enabled(window, "ファイル", "評価書の新規作成")


_HOLDER = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from pia_desktop.ui.shell.app import create_application
from pia_desktop.ui.shell.main_window import MainWindow
app = create_application()
w = MainWindow(Path(sys.argv[1]))
w.show(); app.processEvents()
print("ready", flush=True)
while True:
    app.processEvents(); time.sleep(0.05)
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL: the Windows check kills with TerminateProcess instead")
def test_killed_program_restarts_without_lock_out(make_window, dialogs, store_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Kill the running program (as a crash or a forced shutdown does) and start it again: the store opens
    for editing, with a notice, not read-only."""
    with Store(store_path) as store:
        store.add_document(read_document(fixture_path("seed-003")))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PIA_DESKTOP_HOME=str(tmp_path / "home"))
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(store_path)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        assert lock_path(store_path).exists()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
    time.sleep(0.1)
    assert lock_path(store_path).exists()  # a killed program cannot remove its lock

    window = make_window()
    assert "locked" not in dialogs.kinds(), dialogs.asked  # no 使用中 question
    assert window.store is not None and not window.store.readonly
    assert enabled(window, "ファイル", "評価書の新規作成")
    assert "前回" in window.statusBar().currentMessage()  # the notice that the lock was taken over
    assert menu_action(window, "ファイル", "評価書の新規作成").isEnabled()


def test_another_users_live_lock_gives_read_only_or_an_explicit_takeover(make_window, dialogs, store_path) -> None:  # type: ignore[no-untyped-def]
    """Someone on another PC is editing: the clerk is told who, may read, or take over after a warning."""
    import json
    from datetime import datetime

    from pia_desktop.ui.shell.dialogs import LockChoice

    with Store(store_path) as store:
        store.add_document(read_document(fixture_path("seed-003")))
    holder = {"user": "suzuki", "host": "KOSODATE-PC02", "pid": 4242, "since": datetime.now().isoformat(timespec="seconds")}
    lock_path(store_path).write_text(json.dumps(holder), encoding="utf-8")

    dialogs.lock_choice = LockChoice("readonly")
    window = make_window()
    assert dialogs.asked[-1][0] == "locked" and "suzuki" in dialogs.asked[-1][1] and "KOSODATE-PC02" in dialogs.asked[-1][1]
    assert window.store.readonly and "suzuki" in window.statusBar().currentMessage()
    assert not enabled(window, "ファイル", "評価書の新規作成")
    window.close()

    dialogs.lock_choice = LockChoice("takeover")
    dialogs.confirm_answers = [True]  # yes, after the warning
    window = make_window()
    warning = next(text for kind, text in reversed(dialogs.asked) if kind == "confirm")
    assert "上書きされるおそれ" in warning
    assert not window.store.readonly and enabled(window, "ファイル", "評価書の新規作成")
    assert "引き継ぎました" in window.statusBar().currentMessage()
    assert json.loads(lock_path(store_path).read_text(encoding="utf-8"))["host"] != "KOSODATE-PC02"


SHARED = {  # typed into the 基礎; the 重点 of the same 事務 must hold them without being typed again
    "cover.kikan_mei": "熊谷市長",
    "I.3": "軽自動車税情報ファイル",
    "I.6.1": "市民税課",
    "I.6.2": "市民税課長",
    "I.kaiji.seikyusaki": "熊谷市総務部総務課 情報公開係",
}
JUTEN_ADDRESS = {"I.kaiji.seikyusaki": "IV.1.1"}


def test_new_set_fill_the_kiso_and_the_juten_already_holds_the_shared_answers(make_window, dialogs, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pia_desktop.ui.shell.new_assessment import NewAssessment
    from tests.ui.helpers import click

    dialogs.new_assessment = NewAssessment("yoshiki2-r0610", 1, form_ids=("yoshiki2-r0610", "yoshiki3-r0610"),
                                           jimu_name="軽自動車税に関する事務")
    window = make_window()
    choose_menu(window, "ファイル", "評価書の新規作成")
    kiso = window.session.assessment_id
    assert window.session.form.form_id == "yoshiki2-r0610"
    assert window.session.doc.get("IV.1.shurui") == "基礎項目評価書及び重点項目評価書"  # Ⅳ１ from the set
    for address, text in SHARED.items():
        type_into(window.wizard, address, text)
    qtbot.waitUntil(lambda: "重点項目評価書にも反映" in window.statusBar().currentMessage())

    # back to the list, open the 重点 as the clerk does: select its row, 開く
    choose_menu(window, "ファイル", "評価書一覧に戻る")
    juten = next(aid for aid in window.home.visible_ids() if aid != kiso and "重点" in window.home.cell(aid, "種類"))
    assert window.home.select(juten)
    click(window.home.open_button)
    assert window.session is not None and window.session.assessment_id == juten
    for address, text in SHARED.items():
        assert window.session.doc.get(JUTEN_ADDRESS.get(address, address)) == text, address

    # a value that differs between the two is reported by 点検
    type_into(window.wizard, "I.6.1", "資産税課")
    qtbot.waitUntil(lambda: window.session.doc.get("I.6.1") == "資産税課")
    with Store(window.store.path, readonly=True) as store:
        assert store.load(kiso).get("I.6.1") == "資産税課"  # still in step: it followed
    choose_menu(window, "点検", "点検結果の一覧")
    assert not [f for f in window.checks_extension.checks.findings if f.rule.startswith("set:")]
    with Store(window.store.path) as store:
        store.set_value(kiso, "I.6.2", "資産税課長補佐")  # changed in the 基礎 alone (another clerk, another day)
    window.checks_extension.refresh()
    differ = [f for f in window.checks_extension.checks.findings if f.rule == "set:differs"]
    assert differ and "基礎項目評価書" in differ[0].message

    # both PDFs
    for aid, name in ((juten, "重点.pdf"), (kiso, "基礎.pdf")):
        window.open_assessment(aid)
        dialogs.save_path = tmp_path / name
        dialogs.asked.clear()
        choose_menu(window, "ファイル", "出力", "PDF出力（提出用）")
        qtbot.waitUntil(lambda: "open_folder" in dialogs.kinds(), timeout=30000)
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")

"""The wizard driven through its real widgets: answer, tick, add entries, conditions, undo/redo,
and a restart that finds every answer restored from the store."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from pia_desktop.domain.document import CheckValue
from pia_desktop.storage.store import Store
from pia_desktop.ui.shell.new_assessment import NewAssessment
from pia_desktop.ui.wizard.editors.check_boxes import ChecksEditor
from pia_desktop.ui.wizard.editors.choice import ChoiceEditor
from pia_desktop.ui.wizard.editors.number_and_date import DateEditor, NumberEditor
from pia_desktop.ui.wizard.editors.text import TextAreaEditor
from pia_desktop.ui.wizard.repeats import GroupView
from pia_desktop.ui.wizard.rows import ItemRow
from tests.ui.helpers import choose, click, row, send_text, shortcut, tick, type_into


def stored(store_path, aid: int, address: str):  # type: ignore[no-untyped-def]
    with Store(store_path) as store:
        return store.load(aid).get(address)


def new_wizard(make_window, dialogs, files: int = 1):  # type: ignore[no-untyped-def]
    dialogs.new_assessment = NewAssessment("yoshiki3-r0610", files)
    window = make_window()
    window.activateWindow()
    aid = window.new_assessment()
    assert aid is not None and window.wizard is not None
    return window, window.wizard, aid


def test_new_assessment_asks_form_and_file_count(make_window, dialogs, store_path) -> None:
    window, wizard, aid = new_wizard(make_window, dialogs, files=2)
    assert "new" in dialogs.kinds()
    keys = wizard.section_keys()
    assert keys[:2] == ["cover", "I"]
    assert [k for k in keys if k.startswith(("II(", "annex1(", "III("))] == ["II(1)", "II(2)", "annex1(1)", "annex1(2)", "III(1)", "III(2)"]
    assert keys[-3:] == ["IV", "V", "annex2"]
    with Store(store_path) as store:
        doc = store.load(aid)
    assert doc.file_count == 2
    assert doc.count("I.2.system") == 1  # the form asks for at least one システム
    assert window.windowTitle().endswith("PIA Desktop")


def test_radio_answer_is_saved_and_can_be_cleared(make_window, dialogs, store_path) -> None:
    window, wizard, aid = new_wizard(make_window, dialogs)
    choose(wizard, "I.1.3", "1万人以上10万人未満")
    assert stored(store_path, aid, "I.1.3") == "1万人以上10万人未満"
    assert window.save_label.text().startswith("保存しました ")
    editor = row(wizard, "I.1.3").editor
    assert isinstance(editor, ChoiceEditor)
    assert editor.buttons["1万人以上10万人未満"].text() == "3) 1万人以上10万人未満"  # as printed
    click(editor.clear_button)
    assert stored(store_path, aid, "I.1.3") is None
    assert editor.group.checkedButton() is None


def test_checks_with_other_text_and_exclusive_box(make_window, dialogs, store_path) -> None:
    _, wizard, aid = new_wizard(make_window, dialogs)
    editor = tick(wizard, "II(1).3.2", "紙")
    other = editor.details["その他"]
    assert not other.isEnabled()
    tick(wizard, "II(1).3.2", "その他")
    assert other.isEnabled()
    other.setFocus()
    send_text(other, "庁内便")
    assert stored(store_path, aid, "II(1).3.2") == CheckValue(checked=["紙", "その他"], details={"その他": "庁内便"})
    tick(wizard, "II(1).3.2", "その他")  # untick: the box is disabled and its text no longer part of the answer
    assert not other.isEnabled()
    assert stored(store_path, aid, "II(1).3.2") == CheckValue(checked=["紙"])

    umu = tick(wizard, "II(1).5.umu", "提供を行っている")
    tick(wizard, "II(1).5.umu", "行っていない")  # exclusive: clears the others
    assert not umu.boxes["提供を行っている"].isChecked()
    assert stored(store_path, aid, "II(1).5.umu") == CheckValue(checked=["行っていない"])


def test_itaku_entries_add_move_remove_and_count_offer(make_window, dialogs, store_path) -> None:
    _, wizard, aid = new_wizard(make_window, dialogs)
    choose(wizard, "II(1).4.umu", "委託する")
    page = wizard.current_page()
    group = page.groups["II(1).4.itaku"]
    assert isinstance(group, GroupView)
    click(group.add_button)
    click(page.groups["II(1).4.itaku"].add_button)
    group = page.groups["II(1).4.itaku"]
    assert [e.name for e in group.entries] == ["委託事項1", "委託事項2"]
    type_into(wizard, "II(1).4.itaku[1]", "収納業務")
    type_into(wizard, "II(1).4.itaku[2]", "システム保守")
    type_into(wizard, "II(1).4.itaku[2].3", "株式会社サンプル")

    kensu = row(wizard, "II(1).4.kensu").editor
    assert isinstance(kensu, NumberEditor)
    assert kensu.offer.isVisibleTo(kensu) and kensu.offer.text() == "2 を記入"
    click(kensu.offer)
    assert stored(store_path, aid, "II(1).4.kensu") == "2"
    assert not kensu.offer.isVisibleTo(kensu)

    click(page.groups["II(1).4.itaku"].entries[1].up)  # 委託事項2 becomes 委託事項1
    assert stored(store_path, aid, "II(1).4.itaku[1]") == "システム保守"
    assert stored(store_path, aid, "II(1).4.itaku[1].3") == "株式会社サンプル"
    assert row(wizard, "II(1).4.itaku[1]").editor.value() == "システム保守"

    dialogs.confirm_answers = [False]
    click(page.groups["II(1).4.itaku"].entries[0].remove)  # declined: nothing happens
    assert stored(store_path, aid, "II(1).4.itaku[1]") == "システム保守"
    click(page.groups["II(1).4.itaku"].entries[0].remove)
    with Store(store_path) as store:
        doc = store.load(aid)
    assert doc.count("II(1).4.itaku") == 1
    assert doc.get("II(1).4.itaku[1]") == "収納業務"
    assert doc.get("II(1).4.itaku[2]") is None
    assert kensu.offer.text() == "1 を記入"


def test_group_stops_at_the_forms_maximum(make_window, dialogs) -> None:
    _, wizard, _ = new_wizard(make_window, dialogs)
    wizard.show_section("I")
    group = wizard.current_page().groups["I.2.system"]
    maximum = group.maximum
    assert maximum == 20
    while group.add_button.isEnabled():
        click(group.add_button)
        group = wizard.current_page().groups["I.2.system"]
    assert group.count == maximum
    assert "20件まで" in group.add_button.toolTip()


def test_condition_disables_items_live_with_reason(make_window, dialogs) -> None:
    _, wizard, _ = new_wizard(make_window, dialogs)
    choose(wizard, "II(1).4.umu", "委託する")
    page = wizard.current_page()
    click(page.groups["II(1).4.itaku"].add_button)
    kensu = row(wizard, "II(1).4.kensu")
    assert kensu.editor.isEnabled()
    choose(wizard, "II(1).4.umu", "委託しない")
    group = page.groups["II(1).4.itaku"]
    assert not kensu.editor.isEnabled()
    assert "委託しない" in kensu.toolTip() and "委託しない" in kensu.label.toolTip()
    assert not group.add_button.isEnabled()
    assert not group.list_host.isEnabled()
    assert "委託しない" in group.toolTip()
    content = row(wizard, "II(1).4.itaku[1].1")
    assert content.not_applicable_reason is not None and not content.editor.isEnabled()
    choose(wizard, "II(1).4.umu", "委託する")
    assert kensu.editor.isEnabled() and group.add_button.isEnabled() and content.editor.isEnabled()

    # A check box in Ⅲ switches the rows under its risk off.
    box = row(wizard, "III(1).4.shinai").editor
    click(box.box)  # type: ignore[attr-defined]
    kitei = row(wizard, "III(1).4.risk.kitei")
    assert not kitei.editor.isEnabled() and "委託しない" in kitei.toolTip()


def test_undo_redo_across_items_with_keys(make_window, dialogs, store_path) -> None:
    window, wizard, aid = new_wizard(make_window, dialogs)
    type_into(wizard, "I.1.1", "児童手当に関する事務")
    choose(wizard, "I.1.3", "1,000人未満")
    type_into(wizard, "I.6.1", "こども家庭課")
    field = row(wizard, "I.6.1").editor.edit  # type: ignore[attr-defined]
    field.setFocus()
    shortcut(window, "Ctrl+Z")  # in a text field: still the window's history
    assert stored(store_path, aid, "I.6.1") is None
    shortcut(window, "Ctrl+Z")
    assert stored(store_path, aid, "I.1.3") is None
    assert row(wizard, "I.1.3").editor.value() is None
    shortcut(window, "Ctrl+Z")
    assert stored(store_path, aid, "I.1.1") is None
    assert row(wizard, "I.1.1").editor.value() is None
    shortcut(window, "Ctrl+Shift+Z")
    shortcut(window, "Ctrl+Shift+Z")
    assert stored(store_path, aid, "I.1.1") == "児童手当に関する事務"
    assert stored(store_path, aid, "I.1.3") == "1,000人未満"
    assert row(wizard, "I.1.3").editor.value() == "1,000人未満"
    shortcut(window, "Ctrl+Y")
    assert stored(store_path, aid, "I.6.1") == "こども家庭課"

    # Structure changes are on the same history.
    choose(wizard, "II(1).4.umu", "委託する")
    click(wizard.current_page().groups["II(1).4.itaku"].add_button)
    type_into(wizard, "II(1).4.itaku[1]", "収納")
    window.undo()
    window.undo()
    assert wizard.session.doc.count("II(1).4.itaku") == 0
    assert wizard.current_page().groups["II(1).4.itaku"].entries == []
    window.redo()
    window.redo()
    assert stored(store_path, aid, "II(1).4.itaku[1]") == "収納"


def test_typing_is_one_undo_step_per_field(make_window, dialogs, store_path) -> None:
    window, wizard, aid = new_wizard(make_window, dialogs)
    type_into(wizard, "I.6.2", "課長")
    assert stored(store_path, aid, "I.6.2") == "課長"  # saved while typing, keystroke by keystroke
    window.undo()
    assert stored(store_path, aid, "I.6.2") is None


def test_wareki_date_entry(make_window, dialogs, store_path) -> None:
    _, wizard, aid = new_wizard(make_window, dialogs)
    type_into(wizard, "cover.kohyo_bi", "R7.5.30")
    editor = row(wizard, "cover.kohyo_bi").editor
    assert isinstance(editor, DateEditor)
    assert stored(store_path, aid, "cover.kohyo_bi") == "令和7年5月30日"
    assert "令和7年5月30日" in editor.hint.text() and "2025年5月30日" in editor.hint.text()
    editor.edit.editingFinished.emit()
    assert editor.edit.text() == "令和7年5月30日"
    type_into(wizard, "V.1.1", "令和7年5月30日")
    assert stored(store_path, aid, "V.1.1") == "令和7年5月30日"
    type_into(wizard, "V.1.1", "Ｒ６．１．５")  # full-width, as an IME gives it
    assert stored(store_path, aid, "V.1.1") == "令和6年1月5日"
    type_into(wizard, "V.1.1", "5月")
    assert row(wizard, "V.1.1").editor.hint.text() == "日付として読めません"  # type: ignore[attr-defined]


def test_long_text_editor_grows(make_window, dialogs) -> None:
    _, wizard, _ = new_wizard(make_window, dialogs)
    editor = row(wizard, "I.1.2").editor
    assert isinstance(editor, TextAreaEditor)
    before = editor.edit.height()
    editor.edit.setPlainText("\n".join(f"{n}行目の記載" for n in range(8)))
    QApplication.processEvents()
    assert editor.edit.height() > before
    editor.edit.setPlainText("\n".join(f"{n}行目" for n in range(200)))
    QApplication.processEvents()
    line = editor.edit.fontMetrics().lineSpacing()
    assert editor.edit.height() < 25 * line  # capped: long texts scroll inside the box


def test_required_and_invalid_marked_in_place_and_counted(make_window, dialogs) -> None:
    _, wizard, _ = new_wizard(make_window, dialogs)
    wizard.revalidate()
    errors0, missing0, _ = wizard.nav.status["cover"]
    assert missing0 > 0 and errors0 == 0
    assert wizard.nav.items["cover"].text(2) != "✓"
    name_row = row(wizard, "cover.hyokasho_mei")
    assert "未記入" in name_row.marker_text()
    type_into(wizard, "cover.hyokasho_mei", "児童手当に関する事務")
    wizard.revalidate()
    assert name_row.marker_text() == ""
    assert wizard.nav.status["cover"][1] == missing0 - 1
    type_into(wizard, "cover.hyokasho_no", "十六")
    wizard.revalidate()
    number_row = row(wizard, "cover.hyokasho_no")
    assert "数字ではありません" in number_row.marker_text()
    assert wizard.nav.status["cover"][0] == 1
    assert "誤り 1 件" in wizard.nav.items["cover"].toolTip(2)


def test_restart_finds_every_answer_restored(make_window, dialogs, store_path) -> None:
    window, wizard, aid = new_wizard(make_window, dialogs)
    type_into(wizard, "cover.hyokasho_mei", "児童手当に関する事務　重点項目評価書")
    type_into(wizard, "cover.kohyo_bi", "R7.5.30")
    choose(wizard, "I.1.3", "10万人以上30万人未満")
    type_into(wizard, "I.1.2", "一行目\n二行目")
    tick(wizard, "II(1).3.2", "その他")
    other = row(wizard, "II(1).3.2").editor.details["その他"]  # type: ignore[attr-defined]
    other.setText("庁内便")
    choose(wizard, "II(1).4.umu", "委託する")
    click(wizard.current_page().groups["II(1).4.itaku"].add_button)
    type_into(wizard, "II(1).4.itaku[1]", "収納業務")
    choose(wizard, "II(1).4.itaku[1].saiitaku.4", "再委託しない")
    click(row(wizard, "III(1).5.shinai").editor.box)  # type: ignore[attr-defined]
    expected = dict(wizard.session.doc.values)
    window.close()  # never asks to save
    assert "confirm" not in dialogs.kinds()

    again = make_window()
    assert again.home.visible_ids() == [aid]
    assert again.home.cell(aid, "評価書名") == "児童手当に関する事務　重点項目評価書"
    wizard2 = again.open_assessment(aid)
    assert wizard2 is not None
    assert wizard2.session.doc.values == expected
    for address, value in expected.items():
        assert row(wizard2, address).editor.value() == value, address
    assert row(wizard2, "II(1).4.itaku[1].saiitaku.5").editor.isEnabled() is False  # conditions restored too


def test_ime_composition_is_not_saved_until_committed(make_window, dialogs, store_path) -> None:
    _, wizard, aid = new_wizard(make_window, dialogs)
    edit = row(wizard, "I.6.1").editor.edit  # type: ignore[attr-defined]
    edit.setFocus()
    QApplication.sendEvent(edit, QInputMethodEvent("こどもか", []))
    assert stored(store_path, aid, "I.6.1") is None
    commit = QInputMethodEvent("", [])
    commit.setCommitString("こども家庭課")
    QApplication.sendEvent(edit, commit)
    assert stored(store_path, aid, "I.6.1") == "こども家庭課"

    area = row(wizard, "I.1.2").editor.edit  # type: ignore[attr-defined]
    area.setFocus()
    QApplication.sendEvent(area, QInputMethodEvent("じむ", []))
    assert stored(store_path, aid, "I.1.2") is None
    commit = QInputMethodEvent("", [])
    commit.setCommitString("事務")
    QApplication.sendEvent(area, commit)
    assert stored(store_path, aid, "I.1.2") == "事務"


def test_keyboard_sections_find_and_tab_order(make_window, dialogs) -> None:
    window, wizard, _ = new_wizard(make_window, dialogs)
    assert wizard.current_key == "cover"
    row(wizard, "cover.hyokasho_no").editor.edit.setFocus()  # type: ignore[attr-defined]
    shortcut(window, "Ctrl+PgDown")
    assert wizard.current_key == "I"
    shortcut(window, "Ctrl+PgDown")
    assert wizard.current_key == "II(1)"
    shortcut(window, "Ctrl+PgUp")
    assert wizard.current_key == "I"
    row(wizard, "I.1.2").editor.edit.setFocus()  # type: ignore[attr-defined]  # also from a long-text box
    shortcut(window, "Ctrl+PgDown")
    assert wizard.current_key == "II(1)"
    shortcut(window, "Ctrl+PgUp")
    assert wizard.current_key == "I"
    help_row = row(wizard, "I.1.1")
    help_row.editor.edit.setFocus()  # type: ignore[attr-defined]
    shortcut(window, "F1")
    assert help_row.help_visible()

    # Tab visits every item of the page in document order (inside a radio group the arrow keys move,
    # as everywhere in Windows).
    page = wizard.current_page()
    rows_in_order = list(page.rows)[:9]  # built in document order: I.1.1 … システム1 … I.4.konkyo
    assert "I.2.system[1].3" in rows_in_order
    page.focus_chain()[0].setFocus()
    visited: list[str] = []
    for _ in range(40):
        w = QApplication.focusWidget()
        while w is not None and not isinstance(w, ItemRow):
            w = w.parentWidget()
        if isinstance(w, ItemRow) and (not visited or visited[-1] != w.address):
            visited.append(w.address)
        if len(visited) >= len(rows_in_order):
            break
        shortcut(window, "Tab")
    assert visited[: len(rows_in_order)] == rows_in_order

    shortcut(window, "Ctrl+F")
    assert wizard.find_bar.isVisible()
    wizard.find_bar.edit.setText("保管場所")
    shortcut(window, "Return")
    assert wizard.current_key == "II(1)"
    focused = QApplication.focusWidget()
    assert focused is row(wizard, "II(1).6.hokan").editor.edit  # type: ignore[attr-defined]


def test_find_by_content(make_window, dialogs) -> None:
    _, wizard, _ = new_wizard(make_window, dialogs)
    type_into(wizard, "IV.2.1", "市民課　電話０７６")
    wizard.show_section("cover")
    wizard.open_find()
    hits = wizard.find_bar.search("電話076")  # width-insensitive
    assert [h.address for h in hits] == ["IV.2.1"]


def test_help_text_on_demand(make_window, dialogs) -> None:
    _, wizard, _ = new_wizard(make_window, dialogs)
    r = row(wizard, "cover.kohyo_bi")
    assert not r.help_visible()
    click(r.help_button)
    assert r.help_visible() and r.help_label is not None and "和暦" in r.help_label.text()
    wizard.toggle_help()  # F1 on the focused editor
    assert not r.help_visible()


def test_revisions_save_and_restore(make_window, dialogs, store_path) -> None:
    window, wizard, aid = new_wizard(make_window, dialogs)
    type_into(wizard, "I.1.1", "版1の名称")
    dialogs.text_answers = ["提出前"]
    assert window.save_revision() is not None
    type_into(wizard, "I.1.1", "後から変えた名称")
    revisions = window.show_revisions()
    assert revisions is not None
    assert "提出前" in revisions.list.item(0).text()
    revisions.list.setCurrentRow(0)
    assert revisions.restore_selected()
    assert stored(store_path, aid, "I.1.1") == "版1の名称"
    assert row(window.wizard, "I.1.1").editor.value() == "版1の名称"
    names = [revisions.list.item(i).text() for i in range(revisions.list.count())]
    assert any("復元前" in n for n in names)  # the state before the restore was kept as a 版


def test_files_added_and_removed(make_window, dialogs, store_path) -> None:
    window, wizard, aid = new_wizard(make_window, dialogs)
    window.add_file()
    assert "II(2)" in wizard.section_keys() and "III(2)" in wizard.section_keys()
    type_into(wizard, "II(2).1", "第二のファイル")
    wizard.show_section("II(2)")
    assert window.remove_file()
    assert "II(2)" not in wizard.section_keys()
    with Store(store_path) as store:
        assert store.load(aid).file_count == 1
    window.undo()
    assert "II(2)" in wizard.section_keys()
    assert stored(store_path, aid, "II(2).1") == "第二のファイル"


def test_status_is_saved(make_window, dialogs, store_path) -> None:
    window, wizard, aid = new_wizard(make_window, dialogs)
    wizard.status_box.setCurrentText("確認中")
    with Store(store_path) as store:
        assert store.load(aid).status == "確認中"
    window.close_assessment()
    assert window.home.cell(aid, "状況") == "確認中"


def test_checks_editor_reflows_when_narrow(make_window, dialogs) -> None:
    window, wizard, _ = new_wizard(make_window, dialogs)
    editor = row(wizard, "II(1).3.2").editor
    assert isinstance(editor, ChecksEditor)
    window.resize(1800, 900)
    QApplication.processEvents()
    assert editor.grids[0].columns == 3  # the form's own grid
    window.resize(800, 900)
    QApplication.processEvents()
    assert editor.grids[0].columns < 3
    assert editor.width() >= editor.grids[0].needed(editor.grids[0].columns)  # nothing cut off
    assert editor.minimumSizeHint().width() < editor.grids[0].needed(3)


def test_read_only_when_another_user_holds_the_store(make_window, dialogs, store_path) -> None:
    import json
    from datetime import datetime

    from pia_desktop.storage.lock import lock_path

    with Store(store_path) as store:
        from pia_desktop.ui.shell.main_window import new_document

        aid = store.add_document(new_document("yoshiki3-r0610", 1))
    lock_path(store_path).write_text(
        json.dumps({"user": "山田", "host": "other-pc", "pid": 4242, "since": datetime.now().isoformat(timespec="seconds")}),
        encoding="utf-8",
    )
    from pia_desktop.ui.shell.dialogs import LockChoice

    dialogs.lock_choice = LockChoice("readonly")
    window = make_window()
    assert "locked" in dialogs.kinds()
    assert window.store is not None and window.store.readonly
    assert not window.home.new_button.isEnabled()
    wizard = window.open_assessment(aid)
    assert wizard is not None and wizard.readonly_label.isVisibleTo(wizard)
    editor = row(wizard, "I.1.1").editor
    assert editor.edit.isReadOnly()  # type: ignore[attr-defined]
    assert not row(wizard, "I.1.3").editor.isEnabled() or not row(wizard, "I.1.3").editor.buttons  # type: ignore[attr-defined]
    window.close()
    assert lock_path(store_path).exists()  # someone else's lock is left alone


def test_narrow_window_puts_labels_above_and_needs_no_sideways_scrolling(make_window, dialogs) -> None:
    window, wizard, _ = new_wizard(make_window, dialogs)
    window.resize(1366, 900)
    wizard.show_section("II(1)")
    QApplication.processEvents()
    page = wizard.current_page()
    assert not wizard.compact and not page.rows["II(1).2.1"].compact
    window.resize(1000, 700)  # e.g. 1366×768 at 125 %: about 1093 logical pixels wide
    QApplication.processEvents()
    assert wizard.compact and page.rows["II(1).2.1"].compact
    for key in ("II(1)", "III(1)", "I"):
        page = wizard.show_section(key)
        QApplication.processEvents()
        assert page.widget().minimumSizeHint().width() <= page.viewport().width(), key
    window.resize(1366, 900)
    QApplication.processEvents()
    assert not wizard.compact and not wizard.pages["II(1)"].rows["II(1).2.1"].compact


def test_pages_are_built_in_idle_moments_after_opening(make_window, dialogs, qtbot) -> None:
    _, wizard, _ = new_wizard(make_window, dialogs, files=2)
    assert len(wizard.pages) < len(wizard.section_keys())  # only the first page at once: opening stays fast
    qtbot.waitUntil(lambda: len(wizard.pages) == len(wizard.section_keys()), timeout=20000)
    assert wizard.current_key == "cover"  # building in the background never switches the page


def test_item_marked_non_public_for_the_public_pdf(make_window, dialogs, store_path) -> None:
    window, wizard, aid = new_wizard(make_window, dialogs)
    type_into(wizard, "I.6.2", "課長")
    r = row(wizard, "I.6.2")
    r.editor.edit.setFocus()  # type: ignore[attr-defined]
    shortcut(window, "Ctrl+Shift+H")
    with Store(store_path) as store:
        assert store.load(aid).non_public == ["I.6.2"]
    assert "（非公表）" in r.label.text()
    window.undo()
    with Store(store_path) as store:
        assert store.load(aid).non_public == []
    assert "（非公表）" not in r.label.text()


def test_teikyo_count_offered_from_the_number_of_entries(make_window, dialogs, store_path) -> None:
    _, wizard, aid = new_wizard(make_window, dialogs)
    umu = tick(wizard, "II(1).5.umu", "提供を行っている")
    assert umu.details["提供を行っている"].text() == ""  # no 提供先 yet: nothing to offer
    page = wizard.current_page()
    click(page.groups["II(1).5.teikyo"].add_button)
    click(page.groups["II(1).5.teikyo"].add_button)
    offer = umu.offers["提供を行っている"]
    assert offer.isVisibleTo(umu) and offer.text() == "2 を記入"
    click(offer)
    assert stored(store_path, aid, "II(1).5.umu") == CheckValue(checked=["提供を行っている"], details={"提供を行っている": "2"})
    assert not offer.isVisibleTo(umu)
    tick(wizard, "II(1).5.umu", "移転を行っている")
    click(page.groups["II(1).5.iten"].add_button)
    umu2 = row(wizard, "II(1).5.umu").editor
    tick(wizard, "II(1).5.umu", "移転を行っている")  # untick and tick again: the count is filled in at once
    tick(wizard, "II(1).5.umu", "移転を行っている")
    assert umu2.details["移転を行っている"].text() == "1"  # type: ignore[attr-defined]

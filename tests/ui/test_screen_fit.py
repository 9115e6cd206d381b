"""Issue 19 part 5: every dialog and the preview fit 1366×768 and 1280×720 screens (with a task bar),
keep their buttons in view, and remember the size the user gave them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLabel, QPushButton, QTableView, QTreeView, QWidget

import pia_desktop.ui.shell.screen_fit as screen_fit
from pia_desktop.changes import propose_changes, rolled_forward
from pia_desktop.changes.phrases import phrase_rules
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import load_form
from pia_desktop.ui.shell.settings import Settings
from tests.conftest import fixture_path
from tests.ui.test_wizard import new_wizard

TASK_BAR = 40
SCREENS = {"1366x768": QRect(0, 0, 1366, 768 - TASK_BAR), "1280x720": QRect(0, 0, 1280, 720 - TASK_BAR)}
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(params=list(SCREENS))
def screen(request, monkeypatch) -> QRect:  # type: ignore[no-untyped-def]
    area = SCREENS[request.param]
    monkeypatch.setattr(screen_fit, "available_geometries", lambda: [area])
    return area


def _texts(widget: QWidget) -> dict[str, QPushButton]:
    return {b.text().replace("&", ""): b for b in widget.findChildren(QPushButton) if b.isVisible()}


def might_be_rich(text: str) -> bool:
    return "<" in text and ">" in text  # as Qt's own guess, close enough for these labels


def literal_ampersands(widget: QWidget) -> list[str]:
    """Texts that show a "&" on screen: a plain QLabel shows its mnemonic marker unless it has a buddy,
    and column headers never interpret it."""
    shown = []
    for label in widget.findChildren(QLabel):
        text = label.text().replace("&&", "")
        rich = label.textFormat() == Qt.TextFormat.RichText or (label.textFormat() == Qt.TextFormat.AutoText and might_be_rich(text))
        if "&" in text and not rich and label.buddy() is None and label.isVisibleTo(widget):
            shown.append(label.text())
    for view in widget.findChildren(QAbstractItemView):
        header = view.horizontalHeader() if isinstance(view, QTableView) else view.header() if isinstance(view, QTreeView) else None
        if header is None or header.model() is None:
            continue
        for col in range(header.count()):
            text = header.model().headerData(col, Qt.Orientation.Horizontal)
            if isinstance(text, str) and "&" in text:
                shown.append(text)
    return shown


def assert_fits(dialog: QWidget, area: QRect, buttons: list[str], name: str) -> None:
    dialog.show()
    QApplication.processEvents()
    assert literal_ampersands(dialog) == [], name
    frame = dialog.frameGeometry()
    assert area.contains(frame), f"{name}: {frame} is not inside the screen {area}"
    minimum = dialog.minimumSizeHint()
    assert minimum.width() <= area.width() and minimum.height() <= area.height(), f"{name}: needs {minimum}"
    shown = _texts(dialog)
    for text in buttons:
        button = next((b for t, b in shown.items() if t.startswith(text)), None)
        assert button is not None, f"{name}: no visible button {text!r} among {list(shown)}"
        top_left = button.mapTo(dialog, QPoint(0, 0))
        assert dialog.rect().contains(QRect(top_left, button.size())), f"{name}: {text} is cut off"
    if SHOTS.parent.exists() and area.width() == 1366:
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / f"{name}.png"))


def _changes(_parent: Any) -> QDialog:
    from pia_desktop.ui.yearly.changes_dialog import ChangesDialog

    old = read_document(fixture_path("seed-003"))
    draft = rolled_forward(old)
    draft.set("I.6.1", "こども未来局こども家庭課")
    rules = phrase_rules()
    return ChangesDialog(load_form(), draft, propose_changes(old, draft), rules.texts(), default_reason=rules.not_starred)


def _import_review(_parent: Any) -> QDialog:
    from pia_desktop.importers.report import ImportReport, ImportResult, ReportEntry
    from pia_desktop.ui.yearly.import_review import ImportReviewDialog

    report = ImportReport("前年度.pdf", "pdf", [ReportEntry("I.1.1", "Ⅰ › ①事務の名称", "imported", "A", "A", "p.3")])
    return ImportReviewDialog(ImportResult(read_document(fixture_path("seed-003")), report))


def _new_assessment(_parent: Any) -> QDialog:
    from pia_desktop.domain.form_definition import available_forms
    from pia_desktop.ui.shell.new_assessment import NewAssessmentDialog

    return NewAssessmentDialog(None, {f: load_form(f).name for f in available_forms()})


def _items(_parent: Any) -> QDialog:
    from pia_desktop.ui.shell.dialogs import ItemsDialog

    return ItemsDialog(None, "全項目評価書に変換しました", "記入が必要な項目", [f"記入が必要：Ⅱ › 項目 {i}" for i in range(80)])


def _review_record(_parent: Any) -> QDialog:
    from pia_desktop.ui.yearly.review_record import ReviewRecordDialog

    return ReviewRecordDialog(None, "児童手当に関する事務　重点項目評価書", [])


def _phrases(_parent: Any) -> QDialog:
    from pia_desktop.shared.phrases import standard_phrases
    from pia_desktop.ui.shared_facts.phrase_picker import PhrasePickerDialog

    return PhrasePickerDialog(None, list(standard_phrases()))


def _preview(_parent: Any) -> QDialog:
    from pia_desktop.ui.output.preview import PdfPreviewDialog

    return PdfPreviewDialog(read_document(fixture_path("seed-003")), prefer_qtpdf=False)


DIALOGS: dict[str, tuple[Callable[[Any], QDialog], list[str]]] = {
    "new_assessment": (_new_assessment, ["作成", "キャンセル"]),
    "items": (_items, ["OK"]),
    "review_record": (_review_record, ["記録する", "キャンセル"]),
    "changes": (_changes, ["変更箇所に追加", "キャンセル"]),
    "import_review": (_import_review, ["保存ファイルに追加", "取り込まない"]),
    "phrase_picker": (_phrases, ["挿入", "キャンセル"]),
    "pdf_preview": (_preview, ["PDFを保存", "閉じる"]),
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_dialog_fits_the_screen_with_its_buttons(app, qtbot, screen, name: str) -> None:  # type: ignore[no-untyped-def]
    factory, buttons = DIALOGS[name]
    dialog = factory(None)
    qtbot.addWidget(dialog)
    assert_fits(dialog, screen, buttons, name)
    if name == "pdf_preview":
        qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=60000)
        assert_fits(dialog, screen, [*buttons, "印刷"], name)  # the pages shown: still inside, 印刷 in view
    dialog.reject()


def test_dialogs_of_an_open_assessment_fit(make_window, dialogs, screen) -> None:  # type: ignore[no-untyped-def]
    window, _, _ = new_wizard(make_window, dialogs)
    revisions = window.show_revisions()
    assert_fits(revisions, screen, ["版を保存", "この版に戻す", "閉じる"], "revisions")
    revisions.close()
    shared = window.edit_shared_facts()
    assert shared is not None
    assert_fits(shared, screen, ["閉じる", "チェックした評価書に反映"], "shared_facts")
    shared.close()


def test_main_window_with_the_checks_dock_fits_and_shows_next_section(make_window, dialogs, screen) -> None:  # type: ignore[no-untyped-def]
    """What MainWindow gets by calling fit_window(self, QSize(1280, 860), "main") in place of resize(1280, 860)."""
    window, wizard, _ = new_wizard(make_window, dialogs)
    screen_fit.fit_window(window, QSize(1280, 860), "main")
    QApplication.processEvents()  # the 点検 extension follows the open session once the window settled
    window.checks_extension.show(window.checks_extension.checks_dock)
    QApplication.processEvents()
    assert window.checks_extension.checks_dock.isVisible()
    assert screen.contains(window.frameGeometry()), window.frameGeometry()
    button = wizard.next_button
    assert button.isVisible()
    assert window.rect().contains(QRect(button.mapTo(window, QPoint(0, 0)), button.size()))
    # The dock sits beside the page: the editor's text is not covered, and the page needs no sideways scrolling.
    dock = window.checks_extension.checks_dock
    refresh = window.checks_extension.checks.refresh_button
    assert dock.rect().contains(QRect(refresh.mapTo(dock, QPoint(0, 0)), refresh.size())), "再点検 is cut off"
    page = wizard.current_page()
    page_rect = QRect(page.mapTo(window, QPoint(0, 0)), page.size())
    dock_rect = QRect(dock.mapTo(window, QPoint(0, 0)), dock.size())
    assert not page_rect.intersects(dock_rect)
    assert not page.horizontalScrollBar().isVisible()
    window.checks_extension.show(window.checks_extension.threshold_dock)
    QApplication.processEvents()
    assert literal_ampersands(window) == []
    threshold = window.checks_extension.threshold
    apply_button = threshold.apply_button
    assert threshold.window().frameGeometry().height() <= screen.height()
    assert apply_button.isVisibleTo(window)
    if SHOTS.parent.exists() and screen.width() == 1366:
        window.grab().save(str(SHOTS / "wizard_with_threshold.png"))
    if SHOTS.parent.exists() and screen.width() == 1366:
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "wizard_with_checks.png"))


def test_size_is_remembered_per_window_and_ignored_when_it_no_longer_fits(app, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(tmp_path / "settings.ini")
    big = QRect(0, 0, 1920, 1040)
    monkeypatch.setattr(screen_fit, "available_geometries", lambda: [big])
    first = QDialog()
    qtbot.addWidget(first)
    placed = screen_fit.fit_window(first, QSize(900, 1000), "preview", settings)
    assert placed.size() == QSize(900, 936)  # 90 % of the height at most
    assert big.center().x() - 2 <= placed.center().x() <= big.center().x() + 2  # centred
    first.show()
    first.resize(1500, 900)
    first.move(100, 50)
    moved = first.geometry()
    first.hide()  # a dialog is hidden when it is closed
    assert settings.window_rect("preview") == ((moved.x(), moved.y(), 1500, 900), False)

    again = QDialog()
    qtbot.addWidget(again)
    assert screen_fit.fit_window(again, QSize(900, 1000), "preview", settings) == moved
    again.show()
    assert again.geometry() == moved
    other = QDialog()
    qtbot.addWidget(other)
    assert screen_fit.fit_window(other, QSize(600, 400), "other", settings).size() == QSize(600, 400)  # per window

    small = SCREENS["1366x768"]  # the laptop without its monitor: the saved size no longer fits
    monkeypatch.setattr(screen_fit, "available_geometries", lambda: [small])
    later = QDialog()
    qtbot.addWidget(later)
    rect = screen_fit.fit_window(later, QSize(900, 1000), "preview", settings)
    assert small.contains(rect) and rect.size() == QSize(900, int(small.height() * 0.9))

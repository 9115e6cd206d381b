#!/usr/bin/env python3
"""Screenshots of a clerk's year at an office screen's size, for looking at: the home screen, the wizard with
the 点検 and 指摘 docks, a 公表済 評価書, the preview and the dialogs of the journeys.

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/journey_screenshots.py OUTDIR

Runs on a temporary store and data folder (the user's data is never touched). Dialogs are shown
non-modally, grabbed and closed, so nothing waits for a click.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "build" / "journey-screenshots"
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="pia-journey-"))
    os.environ["PIA_DESKTOP_HOME"] = str(home)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from pia_desktop.changes.rollforward import roll_forward
    from pia_desktop.domain.assessment_set import new_documents
    from pia_desktop.domain.exchange import read_document
    from pia_desktop.notes import service
    from pia_desktop.storage.store import Store, new_jimu
    from pia_desktop.ui.shell.app import create_application
    from pia_desktop.ui.shell.main_window import MainWindow

    app = create_application()
    fixtures = ROOT / "tests" / "fixtures"
    store_path = home / "市役所.sqlite3"
    with Store(store_path) as store:
        last_year = store.add_document(read_document(fixtures / "seed-003.json"))
        store.set_status(last_year, "公表済")
        draft = roll_forward(store, last_year)
        store.set_value(draft, "I.6.1", "こども家庭部子育て支援課")
        note = service.add_note(store, draft, "I.6.1", "組織改正後の課名にしてください", by="情報政策課 佐藤")
        service.answer_note(store, draft, note.id, "課名を直しました", by="子育て支援課 田中")
        service.add_note(store, draft, "I.4.konkyo", "別表の項番を確認してください", kind="確認", by="情報政策課 佐藤")
        jimu = new_jimu()
        for doc in new_documents(["yoshiki2-r0610", "yoshiki3-r0610"], 1, "軽自動車税に関する事務"):
            store.add_document(doc, jimu=jimu)

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        app.processEvents()

    def shoot(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(f"{path}  {widget.width()}×{widget.height()}")

    window = MainWindow(store_path)
    window.show()
    window.home.fill_percents_now()
    shoot(window, "01-home")

    window.open_assessment(last_year)
    shoot(window, "02-published-readonly")

    window.open_assessment(draft)
    window.wizard.go_to("I.6.1")
    window.checks_extension.show_checks()
    shoot(window, "03-wizard-checks-dock")
    window.checks_extension.checks_dock.hide()
    window.notes.show()
    window.notes.panel.filter.setCurrentText("すべて")
    window.notes.panel.tree.setCurrentItem(window.notes.panel.tree.topLevelItem(1))
    window.wizard.go_to("I.6.1")
    shoot(window, "04-wizard-notes-dock-marks")
    window.notes.dock.hide()

    dialogs: list[tuple[str, QWidget]] = []
    from pia_desktop.ui.output.preview import PdfPreviewDialog

    preview = PdfPreviewDialog(window.session.doc, parent=window)
    preview.show()
    settle(2500)  # the PDF is made in the background
    dialogs.append(("05-preview", preview))

    from pia_desktop.changes import propose_changes
    from pia_desktop.changes.phrases import phrase_rules
    from pia_desktop.ui.yearly.changes_dialog import ChangesDialog

    with Store(store_path, readonly=True) as store:
        old = store.load(last_year)
    rules = phrase_rules()
    rows = propose_changes(old, window.session.doc, form=window.session.form, rules=rules)
    dialogs.append(("06-changes", ChangesDialog(window.session.form, window.session.doc, rows, rules.texts(), window,
                                                 default_reason=rules.not_starred)))

    from pia_desktop.domain.form_definition import available_forms, load_form
    from pia_desktop.ui.shell.new_assessment import NewAssessmentDialog

    forms = {f: f"{load_form(f).name}　[{load_form(f).version_label}]" for f in available_forms()}
    dialogs.append(("07-new-assessment", NewAssessmentDialog(window, forms)))

    from pia_desktop.notes.process import ReviewProcess
    from pia_desktop.ui.notes.dialogs import NoteDialog, ProcessDialog

    dialogs.append(("08-note", NoteDialog(window, "Ⅰ　基本情報 › ６．評価実施機関における担当部署 › ①部署", "市民税課", "情報政策課 佐藤")))
    dialogs.append(("09-process", ProcessDialog(window, ReviewProcess())))

    from pia_desktop.ui.yearly.review_record import ReviewRecordDialog

    dialogs.append(("10-review-record", ReviewRecordDialog(window, "児童手当に関する事務 重点項目評価書", [])))

    from pia_desktop.importers import import_file
    from pia_desktop.pdf.exporter import export_pdf
    from pia_desktop.ui.yearly.import_review import ImportReviewDialog

    published_pdf = home / "公表用.pdf"
    export_pdf(old, published_pdf, public=True)
    dialogs.append(("11-import-review", ImportReviewDialog(import_file(published_pdf), window, [])))

    from pia_desktop.shared.set_sharing import align_set
    from pia_desktop.ui.shared_facts.set_align import SetAlignDialog

    with Store(store_path) as store:
        dialogs.append(("12-set-align", SetAlignDialog(align_set(store, jimu), window)))

    for name, dialog in dialogs:
        dialog.show()
        shoot(dialog, name)
        dialog.close()
    screen = QApplication.primaryScreen().availableGeometry()
    print(f"screen {screen.width()}×{screen.height()}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

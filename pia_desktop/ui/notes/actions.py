"""指摘 in the main window: the 指摘一覧 dock that follows the open 評価書, the marks on items with open
notes, and the menu 指摘's actions (add, answer, files, the 一覧 for 決裁, a 全項目's procedure)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QWidget

from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.validation import describe
from pia_desktop.notes import service
from pia_desktop.notes.files import read_notes, write_notes
from pia_desktop.notes.process import draft_section_vi, period_problems
from pia_desktop.ui.notes.dialogs import NotesDialogs
from pia_desktop.ui.notes.panel import NotesPanel, ShownNote
from pia_desktop.ui.shell.look import set_text_color
from pia_desktop.ui.wizard.rows import ItemRow

NOTE_MARK_COLOR = "#7A4B00"


class NotesActions:
    def __init__(self, window: Any, dialogs: NotesDialogs | None = None) -> None:
        self.window = window
        self.dialogs = dialogs or NotesDialogs()
        self.panel = NotesPanel()
        self.dock = QDockWidget("指摘一覧", window)
        self.dock.setObjectName("notes_dock")
        self.dock.setWidget(self.panel)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.marks: dict[str, str] = {}  # address → the mark shown under the item
        self.panel.jump_requested.connect(self.jump)
        self.panel.add_requested.connect(self.add_note_here)
        self.panel.answer_requested.connect(lambda nid, text: self._act(lambda s, a: service.answer_note(s, a, nid, text, by=self.me())))
        self.panel.close_requested.connect(lambda nid: self._act(lambda s, a: service.close_note(s, a, nid, by=self.me())))
        self.panel.reopen_requested.connect(lambda nid, text: self._act(lambda s, a: service.reopen_note(s, a, nid, by=self.me(), text=text)))
        self.panel.resolve_requested.connect(lambda nid, k: self._act(lambda s, a: service.resolve_conflict(s, a, nid, take=k, by=self.me())))
        window.current.changed.connect(self.follow)
        self._last_row: Any = None  # the item row that last had the focus in this window's wizard
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        wizard = self.window.wizard
        if new is None or wizard is None or not wizard.isAncestorOf(new):
            return
        w: QWidget | None = new
        while w is not None and not isinstance(w, ItemRow):
            w = w.parentWidget()
        if w is not None:
            self._last_row = w

    def me(self) -> str:
        name = self.window.settings.qs.value("notes/by", "")
        if name:
            return str(name)
        try:
            return getpass.getuser()
        except Exception:  # no login name on some service accounts
            return ""

    # -- following the open 評価書 ----------------------------------------------------------------------

    def follow(self) -> None:
        session = self.window.session
        self._last_row = None
        if session is None:
            self.dock.hide()
            self.marks = {}
            return
        wizard = self.window.wizard
        if wizard is not None:
            wizard.section_changed.connect(lambda _k: self.apply_marks())
        self.refresh()

    def refresh(self) -> None:
        session, store = self.window.session, self.window.store
        if session is None or store is None:
            return
        form, doc = session.form, session.doc
        stored = service.document_order(form, doc, store.notes(session.assessment_id))
        shown = [ShownNote(s, describe(form, s.note.item), service.item_value(form, doc, s.note.item)) for s in stored]
        self.panel.set_notes(shown, readonly=store.readonly)
        marks: dict[str, list[ShownNote]] = {}
        for s in shown:
            if s.stored.note.is_open or s.stored.conflicts:
                marks.setdefault(s.stored.note.item, []).append(s)
        self.marks = {a: f"✎ 指摘 {len(ns)} 件（{'・'.join(sorted({n.stored.note.state for n in ns}))}）：{ns[-1].stored.note.text.splitlines()[0]}"
                      for a, ns in marks.items()}
        self.apply_marks()

    def apply_marks(self) -> None:
        """Show the marks on the rows of the pages built so far (pages build as they are shown)."""
        wizard = self.window.wizard
        if wizard is None:
            return
        for page in list(wizard.pages.values()):
            for address, row in page.rows.items():
                mark = self.marks.get(address)
                label: QLabel | None = getattr(row, "note_mark", None)
                if mark is None:
                    if label is not None:
                        label.hide()
                    continue
                if label is None:
                    label = row._line()
                    set_text_color(label, NOTE_MARK_COLOR)
                    row.note_mark = label
                label.setText(mark)
                label.setVisible(True)

    def mark_text(self, address: str) -> str:
        """What the user sees under the item (tests ask this)."""
        wizard = self.window.wizard
        if wizard is None:
            return ""
        wizard.widget_for(address)
        self.apply_marks()
        for page in wizard.pages.values():
            row = page.rows.get(address)
            label = getattr(row, "note_mark", None) if row is not None else None
            if label is not None and not label.isHidden():
                return str(label.text())
        return ""

    # -- actions ----------------------------------------------------------------------------------------

    def show(self) -> None:
        self.refresh()
        self.dock.show()
        self.dock.raise_()

    def jump(self, address: str) -> None:
        wizard = self.window.wizard
        if wizard is not None and wizard.go_to(address) is None:
            self.window.statusBar().showMessage("この項目は画面に表示されていません", 5000)

    def _act(self, fn) -> None:  # type: ignore[no-untyped-def]
        session, store = self.window.session, self.window.store
        if session is None or store is None:
            return
        try:
            fn(store, session.assessment_id)
        except PiaError as exc:
            self.window.dialogs.error(self.window, "指摘", exc.message)
        self.refresh()

    def add_note_here(self) -> str | None:
        """A note on the item that has the keyboard focus (or was last focused)."""
        session, wizard, store = self.window.session, self.window.wizard, self.window.store
        if session is None or wizard is None or store is None:
            return None
        row = wizard.focused_row() or self._last_row
        if row is None or not wizard.isAncestorOf(row):
            self.window.dialogs.inform(self.window, "指摘を追加", "指摘する項目の記入欄を選んでから実行してください。")
            return None
        address = row.address
        path = describe(session.form, address)
        answer = self.dialogs.ask_note(self.window, path, service.item_value(session.form, session.doc, address), self.me())
        if answer is None or not answer.text:
            return None
        if answer.by and answer.by != self.me():
            self.window.settings.qs.setValue("notes/by", answer.by)
        try:
            note = service.add_note(store, session.assessment_id, address, answer.text, kind=answer.kind, by=answer.by)
        except PiaError as exc:
            self.window.dialogs.error(self.window, "指摘を追加できません", exc.message)
            return None
        self.show()
        self.panel.select(note.id)
        self.window.statusBar().showMessage(f"「{path.split(' › ')[-1]}」に指摘を追加しました", 8000)
        return note.id

    def export_file(self) -> Path | None:
        session, store = self.window.session, self.window.store
        if session is None or store is None:
            return None
        data = service.export_notes(store, session.assessment_id)
        name = (data.assessment.title or "評価書").replace("/", "／").replace("\\", "＼")[:60]
        path = self.dialogs.ask_notes_target(self.window, store.path.parent / f"{name}_指摘.json")
        if path is None:
            return None
        try:
            write_notes(data, path)
        except OSError as exc:
            self.window.dialogs.error(self.window, "指摘ファイル", f"{path} に書き出せません（{exc.strerror}）")
            return None
        self.window.statusBar().showMessage(f"{path.name} に指摘 {len(data.notes)} 件を書き出しました", 10000)
        return path

    def import_file(self) -> bool:
        """Read a notes file into the 評価書 it is about (found by its identity), and open that one."""
        store = self.window.store
        if store is None or store.readonly:
            return False
        path = self.dialogs.ask_notes_file(self.window, store.path.parent)
        if path is None:
            return False
        try:
            data = read_notes(path)
            aid = service.find_target(store, data.assessment, path.name)
            if self.window.session is None or self.window.session.assessment_id != aid:
                self.window.open_assessment(aid)
            result = service.import_notes(store, data, source=path.name, aid=aid)
        except PiaError as exc:
            self.window.dialogs.error(self.window, "指摘ファイルを取り込めません", exc.message)
            return False
        self.show()
        text = f"{path.name} を取り込みました：{result.summary()}"
        if result.conflicts:
            self.panel.filter.setCurrentText("食い違いあり")
            self.window.dialogs.inform(self.window, "指摘ファイルの取り込み",
                                       text + "\n\n両方で変更された指摘があります。両方の版を残しました：\n" + "\n".join(result.conflicts))
        self.window.statusBar().showMessage(text, 15000)
        return True

    def export_report(self) -> Path | None:
        from pia_desktop.notes.listing import note_rows, write_pdf, write_xlsx

        session, store = self.window.session, self.window.store
        if session is None or store is None:
            return None
        title = str(session.doc.get(session.form.roles.title) or "評価書")
        path = self.dialogs.ask_report_target(self.window, store.path.parent / f"{title[:60]}_指摘・回答一覧.xlsx")
        if path is None:
            return None
        rows = note_rows(session.form, session.doc, store.notes(session.assessment_id))
        try:
            (write_pdf if path.suffix.lower() == ".pdf" else write_xlsx)(rows, path, title=title)
        except (OSError, PiaError) as exc:
            self.window.dialogs.error(self.window, "指摘・回答一覧", f"{path} に書き出せません（{exc}）")
            return None
        self.window.statusBar().showMessage(f"{path.name} に指摘・回答一覧（{len(rows)} 件）を書き出しました", 10000)
        return path

    def record_process(self) -> bool:
        """全項目: 意見の聴取 and 第三者点検, then offer Ⅵ２・Ⅵ３ drafted from them and the 意見."""
        session, store = self.window.session, self.window.store
        if session is None or store is None or store.readonly:
            return False
        process = self.dialogs.ask_process(self.window, store.review_process(session.assessment_id))
        if process is None:
            return False
        store.set_review_process(session.assessment_id, process)
        problems = period_problems(process.comment_period) if process.comment_period else []
        notes = [s.note for s in service.document_order(session.form, session.doc, store.notes(session.assessment_id))]
        draft = {a: t for a, t in draft_section_vi(process, notes).items() if a in session.form.index}
        lines = [f"{describe(session.form, a).split(' › ')[-1]}：{t}" for a, t in draft.items()]
        question = "\n".join([*problems, "", "次の下書きをⅥに記入しますか？（記入済みの項目も置き換えます）", *lines])
        if draft and not session.readonly and self.window.dialogs.confirm(self.window, "Ⅵ 評価実施手続の下書き", question.strip(), "記入する"):
            session.change_structure("Ⅵの下書きを記入", lambda d: [d.set(a, t) for a, t in draft.items()], next(iter(draft)))
        return True

"""The main window: the home screen and the wizard, the menu bar, the status line.

Its parts, each in a module of its own: the menu bar (``menus.py``, one table), the open 評価書
(``open_assessment.py``, the one owner of the edit session), the store (``window_store.py``), the list's
actions (``window_list.py``), the yearly review (``ui/yearly/actions.py``), 点検 (``ui/checks/docks.py``),
出力 (``ui/output/actions.py``) and 指摘 (``ui/notes/actions.py``). Every menu item's enabled state comes from ``ui_state()``, recomputed by
``sync_actions`` whenever the document, the store or the selection changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QStackedWidget

from pia_desktop import APP_NAME, __version__
from pia_desktop.domain.assessment_set import new_document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import available_forms, load_form
from pia_desktop.storage.lock import StoreLock
from pia_desktop.storage.store import Store
from pia_desktop.ui.checks.docks import ChecksDocks
from pia_desktop.ui.home.home_screen import HomeScreen
from pia_desktop.ui.notes.actions import NotesActions
from pia_desktop.ui.output.actions import OutputActions
from pia_desktop.ui.shell.dialogs import Dialogs
from pia_desktop.ui.shell.look import COLOR_ERROR, COLOR_SAVED, app_icon, set_text_color
from pia_desktop.ui.shell.menus import UiState, apply_state, build_menu_bar
from pia_desktop.ui.shell.open_assessment import OpenAssessment
from pia_desktop.ui.shell.settings import Settings
from pia_desktop.ui.shell.window_list import ListWindow, sample_documents
from pia_desktop.ui.shell.window_store import StoreWindow
from pia_desktop.ui.wizard.assessment_wizard import WizardView
from pia_desktop.ui.wizard.revisions import RevisionsDialog
from pia_desktop.ui.wizard.session import EditSession
from pia_desktop.ui.yearly.actions import YearlyActions

PREFERRED_SIZE = QSize(1280, 860)


class MainWindow(StoreWindow, ListWindow, QMainWindow):
    def __init__(self, store_path: Path, *, dialogs: Dialogs | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        self.dialogs = dialogs or Dialogs()
        self.settings = settings or Settings()
        self.store: Store | None = None
        self.lock: StoreLock | None = None
        self.revisions: RevisionsDialog | None = None
        self.setWindowIcon(app_icon())
        self._place_on_screen()

        self.stack = QStackedWidget()
        self.home = HomeScreen()
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)
        self.save_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        self.current = OpenAssessment(self.stack, self.dialogs, self)
        self.current.changed.connect(self._document_changed)

        self.yearly = YearlyActions(self)
        self.output = OutputActions(self)
        self.actions, menus = build_menu_bar(self.menuBar(), self)
        for key, action in self.actions.items():  # act_new, act_convert …: the names tests and parts use
            setattr(self, f"act_{key}", action)
        self.menu_recent: QMenu = menus["recent"]
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        self.menu_export: QMenu = menus["export"]
        self.menu_import: QMenu = menus["import"]
        for menu in self.menuBar().findChildren(QMenu):
            menu.aboutToShow.connect(self.sync_actions)  # the selection may have changed since
        self.checks_extension = ChecksDocks(self)
        self.notes = NotesActions(self)

        self.home.open_requested.connect(self.open_assessment)
        self.home.new_requested.connect(self.new_assessment)
        self.home.duplicate_requested.connect(self.duplicate_assessment)
        self.home.delete_requested.connect(self.delete_assessment)
        self.home.restore_requested.connect(self.restore_assessment)
        self.home.purge_requested.connect(self.purge_assessment)
        self.home.review_requested.connect(self.record_review)
        self.home.table.selectionModel().selectionChanged.connect(lambda *_: self.sync_actions())
        self._start_store_timers()
        self.open_store(Path(store_path), remember=True)
        self.sync_actions()

    def _place_on_screen(self) -> None:
        """The size the user last gave it when that fits a screen the PC has now, else the preferred size cut
        to the screen (1366×768 and 1280×720 office screens, scaling included); kept on closing."""
        from pia_desktop.ui.shell.screen_fit import fit_window

        fit_window(self, PREFERRED_SIZE, "main", self.settings)

    # -- the open 評価書 -------------------------------------------------------------------------------

    @property
    def session(self) -> EditSession | None:
        return self.current.session

    @property
    def wizard(self) -> WizardView | None:
        return self.current.wizard

    def current_session(self) -> EditSession | None:
        return self.current.session

    @property
    def io_actions(self) -> list[QAction]:
        """出力's actions (they need an open 評価書)."""
        return [a for a in self.menu_export.actions() if not a.isSeparator()]

    def open_or_selected_id(self) -> int | None:
        """The assessment an action on "this 評価書" means: the open one, else the one selected in the list
        (not in the trash)."""
        if self.session is not None:
            return self.session.assessment_id
        return self.home.selected_id() if self.stack.currentWidget() is self.home and not self.home.showing_trash else None

    def open_assessment(self, aid: int) -> WizardView | None:
        if self.store is None:
            return None
        published = self._published(aid)
        try:
            wizard = self.current.open(self.store, aid, readonly=published, connect=self._connect_session)
        except PiaError as exc:
            self.dialogs.error(self, "評価書を開けません", exc.message)
            return None
        if published:
            from pia_desktop.ui.yearly.published_banner import published_banner

            wizard.layout().insertWidget(0, published_banner(lambda: self.yearly.edit_published(aid)))
        if self.act_convert.isEnabled() and self.yearly.zen_required(aid):
            self.statusBar().showMessage("しきい値判断の結果、全項目評価書が必要です。「評価書 › 全項目評価書に変換」で記載を引き継げます", 15000)
        return wizard

    def _published(self, aid: int) -> bool:
        """公表済 評価書 open read-only: they are the baseline of next year's comparison."""
        return self.store is not None and self.store.is_published(aid)

    def close_assessment(self) -> None:
        """Back to the list. Everything is already saved: nothing to ask."""
        if self.revisions is not None:
            self.revisions.close()
            self.revisions = None
        aid = self.current.close()
        self.stack.setCurrentWidget(self.home)
        if aid is not None:
            self.home.forget_percent(aid)
            self.home.refresh(select=aid)

    def _connect_session(self, session: EditSession, wizard: WizardView) -> None:
        """Called for each new session before it is shown; its connections die with it."""
        session.saved.connect(self._saved)
        session.save_failed.connect(self._save_failed)
        for signal in (session.undo_stack.indexChanged, session.undo_stack.canUndoChanged, session.undo_stack.canRedoChanged):
            signal.connect(self._history_changed)
        session.value_changed.connect(self._value_changed)
        wizard.review_failed.connect(self._quiet_message)
        from pia_desktop.ui.shared_facts.set_follow import SetFollower

        follower = SetFollower(session, parent=session)  # the 事務's other 評価書 follow its shared answers
        follower.copied.connect(self._quiet_message)

    def _document_changed(self) -> None:
        if self.revisions is not None and (self.session is None or self.revisions.session is not self.session):
            self.revisions.close()
            self.revisions = None
        if self.session is not None:
            self.home.pause_percents()
        self.save_label.setText("")
        self.sync_actions()

    # -- enabled state, in one place -------------------------------------------------------------------

    def ui_state(self) -> UiState:
        session = self.session
        writable = self.store is not None and not self.store.readonly
        stack = session.undo_stack if session is not None else None
        editable = session is not None and writable and not session.readonly
        return UiState(
            store=self.store is not None,
            writable=writable,
            session=session is not None,
            editable=editable,
            target=self.open_or_selected_id() is not None,
            has_files=session is not None and any(s.per_file for s in session.form.items),
            convertible=writable and self.yearly.conversion_target() is not None,
            zen=session is not None and session.form.roles.kind == "zen",
            can_undo=bool(editable and stack is not None and stack.canUndo()),
            can_redo=bool(editable and stack is not None and stack.canRedo()),
        )

    def sync_actions(self) -> None:
        apply_state(self.actions, self.ui_state())
        self._undo_texts()
        self._update_title()

    def _history_changed(self, *_args: object) -> None:
        self.sync_actions()

    def _undo_texts(self) -> None:
        stack = self.session.undo_stack if self.session else None
        self.act_undo.setText("元に戻す(&U)" + (f"：{stack.undoText()}" if stack and stack.canUndo() else ""))
        self.act_redo.setText("やり直し(&R)" + (f"：{stack.redoText()}" if stack and stack.canRedo() else ""))

    def _value_changed(self, address: str, _from_history: bool) -> None:
        if self.session is not None and address == self.session.form.roles.title:
            self._update_title()

    def _update_title(self) -> None:
        if self.session is not None and self.store is not None:
            from pia_desktop.shared.copy_texts import title_text

            self.setWindowTitle(f"{title_text(self.store.summary(self.session.assessment_id))} — {APP_NAME}")
        elif self.store is not None:
            self.setWindowTitle(f"{APP_NAME} — {self.store.path.name}")
        else:
            self.setWindowTitle(APP_NAME)

    # -- the status line -------------------------------------------------------------------------------

    def _saved(self, when: str) -> None:
        set_text_color(self.save_label, COLOR_SAVED)
        self.save_label.setText(f"保存しました {when}")

    def _save_failed(self, message: str) -> None:
        set_text_color(self.save_label, COLOR_ERROR)
        self.save_label.setText(message)
        self.dialogs.error(self, "保存できません", message + "\n\n保存ファイルの場所とディスクの空きを確認してください。")

    # -- 編集 and 評価書 menus ---------------------------------------------------------------------------

    def undo(self) -> None:
        if self.session is not None:
            self.session.undo_stack.undo()

    def redo(self) -> None:
        if self.session is not None:
            self.session.undo_stack.redo()

    def find(self) -> None:
        if self.wizard is not None:
            self.wizard.open_find()

    def item_help(self) -> None:
        if self.wizard is not None:
            self.wizard.toggle_help()

    def next_section(self) -> None:
        if self.wizard is not None:
            self.wizard.next_section()

    def previous_section(self) -> None:
        if self.wizard is not None:
            self.wizard.previous_section()

    def save_revision(self) -> int | None:
        if self.session is None:
            return None
        dialog = self.show_revisions()
        return dialog.save_revision() if dialog is not None else None

    def show_revisions(self) -> RevisionsDialog | None:
        if self.session is None:
            return None
        if self.revisions is None:
            self.revisions = RevisionsDialog(self.session, self.dialogs, self)
        self.revisions.refresh()
        self.revisions.show()
        self.revisions.raise_()
        return self.revisions

    def record_review(self, aid: int | None = None) -> int | None:
        from pia_desktop.ui.yearly.review_record import record_review_for

        return record_review_for(self, aid)

    def convert_assessment(self) -> int | None:
        return self.yearly.convert_assessment()

    def align_set(self) -> object:
        """組の記載をそろえる: link this 評価書 with its 事務's others if needed, fill what is blank, list what differs."""
        from pia_desktop.ui.shared_facts.set_align import align_set_of, session_saver

        aid = self.open_or_selected_id()
        if self.store is None or self.store.readonly or aid is None:
            return None
        if self.wizard is not None:
            self.wizard.flush()
        out = align_set_of(self, self.store, aid, save=session_saver(self.store, self.session), run=self.run_dialog)
        if out.message:
            self.statusBar().showMessage(out.message, 15000)
        self.home.refresh(select=aid if self.session is None else None)
        self.checks_extension.refresh()
        return out

    @staticmethod
    def run_dialog(dialog) -> bool:  # type: ignore[no-untyped-def]
        """Shows a modal dialog; tests replace it with scripted answers."""
        from pia_desktop.ui.shared_facts.set_align import run_modal

        return run_modal(dialog)

    def edit_shared_facts(self, select: int | None = None):  # type: ignore[no-untyped-def]
        from pia_desktop.ui.shared_facts.dialog import open_editor

        if self.wizard is not None:
            self.wizard.flush()
        return open_editor(self, select)

    def show_portfolio(self):  # type: ignore[no-untyped-def]
        from pia_desktop.ui.home.portfolio import open_portfolio

        return open_portfolio(self)

    def toggle_non_public(self) -> None:
        if self.wizard is not None and not self.wizard.toggle_non_public():
            self.statusBar().showMessage("非公表にする項目の入力欄を選んでから実行してください", 5000)

    def add_file(self) -> None:
        if self.session is None:
            return
        per_file = [s for s in self.session.form.items if s.per_file]
        if not per_file:
            return
        n = self.session.doc.file_count + 1
        first = per_file[0]
        focus = f"{first.id}({n})" + first.children[0].id[len(first.id):] if first.children else ""
        self.session.change_structure(f"特定個人情報ファイル（{n}）の追加", lambda d: d.add_file(), focus)

    def remove_file(self) -> bool:
        session, wizard = self.session, self.wizard
        if session is None or wizard is None:
            return False
        if session.doc.file_count <= 1:
            self.dialogs.inform(self, "ファイルの削除", "特定個人情報ファイルが一つだけのため削除できません。")
            return False
        page = wizard.pages.get(wizard.current_key)
        n = page.file if page is not None and page.file is not None else None
        if n is None:
            answer = self.dialogs.ask_text(self, "ファイルの削除", f"削除するファイルの番号（1～{session.doc.file_count}）", "")
            if answer is None or not answer.strip().isdigit() or not 1 <= int(answer) <= session.doc.file_count:
                return False
            n = int(answer)
        if not self.dialogs.confirm(
            self, "ファイルの削除", f"特定個人情報ファイル（{n}）のⅡ・別添１・Ⅲの記載をすべて削除しますか？\n（「元に戻す」で取り消せます）", "削除"
        ):
            return False
        per_file = [s.id for s in session.form.items if s.per_file]
        session.change_structure(f"特定個人情報ファイル（{n}）の削除", lambda d: d.remove_file(n, per_file), "")
        return True

    def about(self) -> None:
        forms = "、".join(f"{load_form(f).short_name}［{load_form(f).version_label}］" for f in available_forms())
        self.dialogs.about(
            self,
            f"{APP_NAME} について",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>特定個人情報保護評価書の作成・点検・出力を支援するアプリケーションです。</p>"
            f"<p>対応様式：{forms}</p>"
            "<p>このアプリケーションはネットワークに接続しません。記載内容はこのパソコンの保存ファイルにだけ保存されます。</p>"
            f"<p>保存ファイル：{self.store.path if self.store else '（なし）'}</p>"
            "<p>画面と PDF の文字：BIZ UDゴシック・BIZ UD明朝（SIL Open Font License 1.1）</p>",
        )

    # -- closing ---------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Every change is already in the store: close without asking."""
        self.close_assessment()
        self._close_store()
        event.accept()


__all__ = ["MainWindow", "new_document", "sample_documents"]

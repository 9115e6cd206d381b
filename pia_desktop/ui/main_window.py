"""The main window: the home screen and the wizard, the menus, the status line and the store.

Hook points for later features: ``menu_export`` (出力: PDF, 印刷プレビュー) and ``menu_import``
(取り込み). A module ``pia_desktop/ui/ext_<name>.py`` with ``install(window)`` is imported at start
and adds its actions there; ``current_session()`` gives it the open assessment.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import pkgutil
import socket
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QStackedWidget, QWidget

from pia_desktop import APP_NAME, __version__
from pia_desktop.domain.assessment_set import new_document, new_documents
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import available_forms, load_form
from pia_desktop.resources import resources_dir
from pia_desktop.storage.lock import StoreLock, StoreLocked
from pia_desktop.storage.store import Store, new_jimu
from pia_desktop.ui.dialogs import Dialogs
from pia_desktop.ui.home import HomeScreen
from pia_desktop.ui.look import COLOR_ERROR, COLOR_SAVED, app_icon, set_text_color
from pia_desktop.ui.revisions import RevisionsDialog
from pia_desktop.ui.session import EditSession
from pia_desktop.ui.settings import Settings
from pia_desktop.ui.wizard import WizardView

LOCK_REFRESH_MS = 10 * 60 * 1000
BACKUP_DELAY_MS = 5000
NOT_INSTALLED = "この機能はまだ組み込まれていません"


def sample_documents() -> list[Path]:
    return sorted((resources_dir() / "samples").glob("*.json"))


class _BackupNotice(QObject):
    """Carries a failed backup's message from the worker thread to the status line (queued)."""

    failed = Signal(str)


class MainWindow(QMainWindow):
    def __init__(self, store_path: Path, *, dialogs: Dialogs | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        self.dialogs = dialogs or Dialogs()
        self.settings = settings or Settings()
        self.store: Store | None = None
        self.lock: StoreLock | None = None
        self.session: EditSession | None = None
        self.wizard: WizardView | None = None
        self.revisions: RevisionsDialog | None = None
        self.setWindowIcon(app_icon())
        self.resize(1280, 860)
        geometry = self.settings.geometry()
        if geometry:
            self.restoreGeometry(geometry)

        self.stack = QStackedWidget()
        self.home = HomeScreen()
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)
        self.save_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)

        self.home.open_requested.connect(self.open_assessment)
        self.home.new_requested.connect(self.new_assessment)
        self.home.duplicate_requested.connect(self.duplicate_assessment)
        self.home.delete_requested.connect(self.delete_assessment)
        self.home.restore_requested.connect(self.restore_assessment)
        self.home.purge_requested.connect(self.purge_assessment)
        self.home.review_requested.connect(self.record_review)
        self.home.table.selectionModel().selectionChanged.connect(lambda *_: self._sync_actions())

        self._build_menus()
        self._backup_notice = _BackupNotice(self)
        self._backup_notice.failed.connect(self._quiet_message)
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(LOCK_REFRESH_MS)
        self._lock_timer.timeout.connect(self._refresh_lock)
        self._lock_timer.start()
        self.extensions: list[str] = []
        self.io_actions: list[QAction] = []  # 出力 actions that need an open assessment
        self._install_extensions()
        self.open_store(Path(store_path), remember=True)
        self._sync_actions()

    # -- menus ---------------------------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot, shortcut: QKeySequence | str | list | None = None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("ファイル(&F)")
        self.act_new = self._action(file, "評価書の新規作成(&N)…", self.new_assessment, QKeySequence.StandardKey.New)
        self.act_home = self._action(file, "評価書一覧に戻る(&H)", self.close_assessment, "Ctrl+W")
        file.addSeparator()
        self.act_open_store = self._action(file, "保存ファイルを開く(&O)…", self.ask_open_store, QKeySequence.StandardKey.Open)
        self.act_new_store = self._action(file, "新しい保存ファイル(&C)…", self.ask_new_store)
        self.menu_recent = file.addMenu("最近使った保存ファイル(&R)")
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        self.menu_export = file.addMenu("出力(&E)")
        self.act_export_placeholder = self.menu_export.addAction("PDF 出力・印刷プレビュー（未導入）")
        self.act_export_placeholder.setEnabled(False)
        self.act_export_placeholder.setToolTip(NOT_INSTALLED)
        self.menu_import = file.addMenu("取り込み(&I)")
        self.act_import_placeholder = self.menu_import.addAction("前年度の評価書の取り込み（未導入）")
        self.act_import_placeholder.setEnabled(False)
        self.act_import_placeholder.setToolTip(NOT_INSTALLED)
        file.addSeparator()
        self._action(file, "終了(&X)", self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu("編集(&E)")
        self.act_undo = self._action(edit, "元に戻す(&U)", self.undo, ["Ctrl+Z"])
        self.act_redo = self._action(edit, "やり直し(&R)", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        edit.addSeparator()
        self.act_find = self._action(edit, "項目を検索(&F)…", self.find, QKeySequence.StandardKey.Find)
        self.act_help_item = self._action(edit, "この項目の記載要領(&H)", self.item_help, "F1")

        doc = bar.addMenu("評価書(&A)")
        self.act_prev = self._action(doc, "前のセクション(&P)", self.previous_section, "Ctrl+PgUp")
        self.act_next = self._action(doc, "次のセクション(&N)", self.next_section, "Ctrl+PgDown")
        doc.addSeparator()
        self.act_snapshot = self._action(doc, "版を保存(&S)…", self.save_revision)
        self.act_revisions = self._action(doc, "版の一覧・復元(&V)…", self.show_revisions)
        doc.addSeparator()
        self.act_non_public = self._action(doc, "この項目を非公表にする／戻す(&H)", self.toggle_non_public, "Ctrl+Shift+H")
        self.act_non_public.setStatusTip("公表用PDFで、この項目の記載の代わりに（非公表）と印字します")
        doc.addSeparator()
        self.act_add_file = self._action(doc, "特定個人情報ファイルを追加", self.add_file)
        self.act_remove_file = self._action(doc, "特定個人情報ファイルを削除…", self.remove_file)
        doc.addSeparator()
        self.act_convert = self._action(doc, "全項目評価書に変換(&Z)…", self.convert_assessment)
        self.act_convert.setStatusTip("重点項目評価書の記載を引き継いだ全項目評価書を作ります（重点項目評価書はそのまま残ります）")
        doc.addSeparator()
        self.act_review = self._action(doc, "見直しを記録(&M)…", self.record_review)
        self.act_review.setStatusTip("見直しの日・実施者・結果を記録します（記載は変わりません）。見直しの目安はこの日から数えます")

        tools = bar.addMenu("共通(&C)")
        self.act_shared = self._action(tools, "共通項目の編集(&S)…", self.edit_shared_facts)
        self.act_shared.setStatusTip("複数の評価書で使う記載（連絡先・システム・委託先など）をまとめて変更します")
        self.act_portfolio = self._action(tools, "評価書の一覧表（取りまとめ）(&L)…", self.show_portfolio)
        self.act_portfolio.setStatusTip("事務ごとの評価書、最後の見直し、期限、誤りの件数を一覧し、CSV・Excelに保存します")

        help_menu = bar.addMenu("ヘルプ(&H)")
        self._action(help_menu, f"{APP_NAME} について(&A)", self.about)

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        paths = [p for p in self.settings.recent_stores() if p.exists()]
        if not paths:
            none = self.menu_recent.addAction("（なし）")
            none.setEnabled(False)
        for p in paths:
            self._action(self.menu_recent, str(p), lambda p=p: self.open_store(p, remember=True))

    def _sync_actions(self) -> None:
        in_wizard = self.wizard is not None
        writable = self.store is not None and not self.store.readonly
        self.act_new.setEnabled(writable)
        self.act_home.setEnabled(in_wizard)
        for a in (self.act_prev, self.act_next, self.act_find, self.act_help_item, self.act_revisions):
            a.setEnabled(in_wizard)
        for a in (self.act_snapshot, self.act_add_file, self.act_remove_file, self.act_non_public):
            a.setEnabled(in_wizard and writable)
        has_files = self.session is not None and any(s.per_file for s in self.session.form.items)
        for a in (self.act_add_file, self.act_remove_file):
            a.setEnabled(a.isEnabled() and has_files)
        self.act_convert.setEnabled(writable and self._conversion_target() is not None)
        self.act_review.setEnabled(writable and (in_wizard or self.home.selected_id() is not None))
        self.act_shared.setEnabled(self.store is not None)
        self.act_portfolio.setEnabled(self.store is not None)
        for a in self.io_actions:
            a.setEnabled(in_wizard)
        if hasattr(self, "act_import"):
            self.act_import.setEnabled(writable)
        self._sync_undo()
        self._update_title()

    @Slot()
    def _history_changed(self, *_args: object) -> None:
        self._sync_undo()

    @Slot(str, bool)
    def _value_changed(self, address: str, _from_history: bool) -> None:
        if self.session is not None and address == self.session.form.roles.title:
            self._update_title()

    def _session_gone(self) -> None:
        self.session = None

    def _sync_undo(self) -> None:
        stack = self.session.undo_stack if self.session else None
        self.act_undo.setEnabled(bool(stack and stack.canUndo()))
        self.act_redo.setEnabled(bool(stack and stack.canRedo()))
        self.act_undo.setText("元に戻す(&U)" + (f"：{stack.undoText()}" if stack and stack.canUndo() else ""))
        self.act_redo.setText("やり直し(&R)" + (f"：{stack.redoText()}" if stack and stack.canRedo() else ""))

    def _update_title(self) -> None:
        if self.session is not None:
            name = str(self.session.doc.get(self.session.form.roles.title) or "（評価書名未記入）")
            self.setWindowTitle(f"{name} — {APP_NAME}")
        elif self.store is not None:
            self.setWindowTitle(f"{APP_NAME} — {self.store.path.name}")
        else:
            self.setWindowTitle(APP_NAME)

    # -- the store -----------------------------------------------------------------------------------

    def open_store(self, path: Path, *, remember: bool = True) -> bool:
        """Open another store file (taking its lock); the open assessment is closed first."""
        path = Path(path)
        if self.store is not None and path.resolve() == self.store.path.resolve():
            self.close_assessment()  # the store is already open (and locked by us): just show its list
            self.home.refresh()
            self.stack.setCurrentWidget(self.home)
            return True
        lock = StoreLock(path)
        readonly = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # first start: the data folder does not exist yet
            lock.acquire()
        except StoreLocked as exc:
            if exc.stale and exc.info.host == socket.gethostname():
                # Left behind by this PC's own earlier session (a crash, a forced shutdown): just take it.
                lock.acquire(take_over_stale=True)
            else:
                choice = self.dialogs.ask_locked(self, exc.info.describe(), exc.stale)
                if choice.action == "takeover":
                    lock.acquire(take_over_stale=True)
                elif choice.action == "readonly":
                    readonly = True
                else:
                    return False
        except OSError as exc:
            self.dialogs.error(self, "保存ファイルを開けません", f"{path} の使用状況を記録できません（{exc.strerror}）。")
            return False
        try:
            store = Store(path, readonly=readonly)
        except PiaError as exc:
            lock.release()
            self.dialogs.error(self, "保存ファイルを開けません", exc.message)
            return False
        self.close_assessment()
        self._close_store()
        self.store, self.lock = store, (None if readonly else lock)
        self.home.set_store(store)
        self.stack.setCurrentWidget(self.home)
        if remember:
            self.settings.add_recent_store(path)
        if not readonly:
            QTimer.singleShot(BACKUP_DELAY_MS, self, self._daily_backup)
        self._sync_actions()
        return True

    def _close_store(self) -> None:
        for name in ("shared_facts_dialog", "portfolio_dialog"):  # they show the store being closed
            dlg = getattr(self, name, None)
            if dlg is not None:
                dlg.close()
                dlg.deleteLater()
                setattr(self, name, None)
        if self.store is not None:
            self.store.close()
            self.store = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _refresh_lock(self) -> None:
        if self.lock is not None:
            with contextlib.suppress(OSError):  # a transient network hiccup; the next refresh tries again
                self.lock.refresh()

    def _daily_backup(self) -> None:
        """Today's backup of the store, in a worker thread: copying a large store must not freeze typing."""
        if self.store is None or self.store.readonly:
            return
        from pia_desktop.storage.backup import daily_backup

        path = self.store.path
        notice = self._backup_notice

        def run() -> None:
            try:
                daily_backup(path)  # its own SQLite connections, into a temporary file renamed at the end
            except Exception as exc:  # a failed backup must never disturb editing; say so quietly
                notice.failed.emit(f"バックアップを作成できませんでした（{exc}）")

        threading.Thread(target=run, name="pia-daily-backup", daemon=True).start()

    @Slot(str)
    def _quiet_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def ask_open_store(self) -> None:
        start = self.store.path.parent if self.store else Path.home()
        path = self.dialogs.ask_open_store(self, start)
        if path is not None:
            self.open_store(path)

    def ask_new_store(self) -> None:
        start = self.store.path.parent if self.store else Path.home()
        path = self.dialogs.ask_new_store(self, start)
        if path is not None:
            if path.suffix == "":
                path = path.with_suffix(".sqlite3")
            self.open_store(path)

    # -- the home screen -------------------------------------------------------------------------------

    def maybe_offer_sample(self) -> bool:
        """First start with an empty store: offer to open the bundled sample 評価書."""
        store = self.store
        if store is None or store.readonly or self.settings.sample_offered(store.path):
            return False
        if store.list_assessments() or store.list_assessments(deleted=True):
            return False
        samples = sample_documents()
        if not samples:
            return False
        self.settings.mark_sample_offered(store.path)
        if not self.dialogs.confirm(
            self, "サンプルの評価書",
            "保存ファイルに評価書がありません。\n公表されている評価書をもとにしたサンプルを開いて、操作を試してみますか？\n"
            "（サンプルは一覧から削除できます）",
            "サンプルを開く",
        ):
            return False
        try:
            doc = read_document(samples[0])
            aid = store.add_document(doc)
        except PiaError as exc:
            self.dialogs.error(self, "サンプルを開けません", exc.message)
            return False
        self.home.refresh(select=aid)
        self.open_assessment(aid)
        return True

    def new_assessment(self) -> int | None:
        if self.store is None or self.store.readonly:
            return None
        forms = {}
        for form_id in available_forms():
            f = load_form(form_id)
            forms[form_id] = f"{f.name}　[{f.version_label}]"
        answer = self.dialogs.ask_new_assessment(self, forms)
        if answer is None:
            return None
        try:
            docs = new_documents(list(answer.all_forms()), answer.file_count, answer.jimu_name, answer.answers)
        except PiaError as exc:
            self.dialogs.error(self, "評価書を作成できません", exc.message)
            return None
        jimu = new_jimu()  # the 評価書 of one 事務 (基礎 + 重点/全項目) are linked, and shown together
        ids = [self.store.add_document(d, jimu=jimu) for d in docs]
        self.home.refresh(select=ids[0])
        self.open_assessment(ids[0])
        if len(ids) > 1:
            names = "・".join(load_form(d.form_id).short_name for d in docs)
            self.statusBar().showMessage(f"{names}を作成しました（一覧に並べて表示します）", 10000)
        return ids[0]

    def duplicate_assessment(self, aid: int) -> int | None:
        if self.store is None:
            return None
        new_id = self.store.duplicate(aid)
        self.home.refresh(select=new_id)
        self.statusBar().showMessage("複製しました", 5000)
        return new_id

    def delete_assessment(self, aid: int) -> bool:
        if self.store is None:
            return False
        name = self.home.cell(aid, "評価書名")
        if not self.dialogs.confirm(self, "評価書の削除", f"「{name}」をごみ箱に移しますか？\n（ごみ箱から元に戻せます）", "ごみ箱に移す"):
            return False
        self.store.delete(aid)
        self.home.refresh()
        self.statusBar().showMessage(f"「{name}」をごみ箱に移しました", 5000)
        return True

    def restore_assessment(self, aid: int) -> None:
        if self.store is None:
            return
        self.store.undelete(aid)
        self.home.refresh()
        self.statusBar().showMessage("評価書を一覧に戻しました", 5000)

    def purge_assessment(self, aid: int) -> bool:
        if self.store is None:
            return False
        name = self.home.cell(aid, "評価書名")
        if not self.dialogs.confirm(
            self, "完全に削除", f"「{name}」を完全に削除しますか？\nこの操作は元に戻せません（版もすべて削除されます）。", "完全に削除する"
        ):
            return False
        self.store.purge(aid)
        self.home.refresh()
        return True

    # -- 変換 (重点 → 全項目) ----------------------------------------------------------------------------

    def open_or_selected_id(self) -> int | None:
        """The assessment an action on "this 評価書" means: the open one, else the one selected in the list
        (not in the trash)."""
        if self.session is not None:
            return self.session.assessment_id
        return self.home.selected_id() if self.stack.currentWidget() is self.home and not self.home.showing_trash else None

    def _conversion_target(self) -> str | None:
        """The 全項目 form the open (or selected) assessment converts to, when it is a 重点 and a mapping exists."""
        from pia_desktop.changes.convert import conversions_from
        from pia_desktop.domain.assessment_set import forms_by_kind

        form_id = self.session.doc.form_id if self.session is not None else None
        if form_id is None:
            aid = self.open_or_selected_id()
            summary = next((s for s in self.store.list_assessments() if s.id == aid), None) if self.store and aid else None
            form_id = summary.form_id if summary else None
        if form_id is None:
            return None
        try:
            if load_form(form_id).roles.kind != "juten":
                return None
            zen = forms_by_kind().get("zen")
        except PiaError:
            return None
        return zen if zen in conversions_from(form_id) else None

    def _zen_required(self, aid: int) -> bool:
        """Whether the assessment's しきい値判断 (its answers and the inputs kept with it) requires 全項目."""
        from pia_desktop.domain.assessment_set import threshold_result_of

        assert self.store is not None
        result = threshold_result_of(self.store.load(aid))
        return result is not None and result.wrong_form("juten") and "zen" in result.requires

    def convert_assessment(self) -> int | None:
        """重点項目評価書 → 全項目評価書: a new 全項目 linked to the same 事務 (the 重点 stays), then the list of
        what is new to fill."""
        from pia_desktop.changes.convert import convert
        from pia_desktop.domain.assessment_set import threshold_result_of

        if self.store is None or self.store.readonly:
            return None
        aid, target = self.open_or_selected_id(), self._conversion_target()
        if aid is None or target is None:
            self.dialogs.inform(self, "全項目評価書に変換", "変換する重点項目評価書を開くか、一覧で選んでください。")
            return None
        if self.wizard is not None:
            self.wizard.flush()
        doc = self.store.load(aid)
        result = threshold_result_of(doc)
        required = result is not None and result.wrong_form("juten") and "zen" in result.requires
        name = doc.get(load_form(doc.form_id).roles.title) or "（評価書名未記入）"
        why = (f"しきい値判断の結果は「{result.label}」です。{result.note}\n\n" if required and result is not None
               else "全項目評価書は任意に作成することもできます。\n\n")
        if not self.dialogs.confirm(
            self, "全項目評価書に変換",
            f"{why}「{name}」の記載を引き継いだ全項目評価書を作ります。\n重点項目評価書はそのまま残ります。", "変換する",
        ):
            return None
        try:
            converted = convert(doc, target, threshold_result=result.id if required and result is not None else None)
        except PiaError as exc:
            self.dialogs.error(self, "変換できません", exc.message)
            return None
        new_doc = converted.doc
        title = load_form(doc.form_id).roles.title
        old_title = str(doc.get(title) or "")
        src_name, dst_name = load_form(doc.form_id).short_name, load_form(target).short_name
        if old_title.endswith(src_name):
            new_doc.set(load_form(target).roles.title, old_title[: -len(src_name)] + dst_name)
        jimu = self.store.jimu_of(aid)
        if jimu is None:
            jimu = new_jimu()
            self.store.set_jimu(aid, jimu)
        new_id = self.store.add_document(new_doc, jimu=jimu)
        self.home.refresh(select=new_id)
        form = load_form(target)
        from pia_desktop.domain.validation import describe

        source = load_form(doc.form_id)
        lines = [f"引き継げなかった記載：{describe(source, a)}（{r}）" for a, r in converted.dropped]
        lines += [f"確認が必要：{describe(form, b)}（{n}）" for _a, b, n in converted.notes]
        lines += [f"記入が必要：{describe(form, a)}" for a in converted.to_fill]
        text = f"{converted.summary()}。\n新しい全項目評価書を作成しました（重点項目評価書はそのまま残っています）。"
        show = getattr(self.dialogs, "show_items", None)
        if show is not None:
            show(self, "全項目評価書に変換しました", text, lines)
        else:
            self.dialogs.inform(self, "全項目評価書に変換しました", text + "\n\n" + "\n".join(lines))
        self.open_assessment(new_id)
        return new_id

    # -- the wizard ------------------------------------------------------------------------------------

    def open_assessment(self, aid: int) -> WizardView | None:
        if self.store is None:
            return None
        self.close_assessment()
        try:
            session = EditSession.open(self.store, aid, parent=self)
        except PiaError as exc:
            self.dialogs.error(self, "評価書を開けません", exc.message)
            return None
        self.home.pause_percents()
        self.session = session
        session.destroyed.connect(self._session_gone)
        session.saved.connect(self._saved)
        session.save_failed.connect(self._save_failed)
        # Bound methods, not lambdas: Qt drops these connections by itself when the window goes away.
        session.undo_stack.indexChanged.connect(self._history_changed)
        session.undo_stack.canUndoChanged.connect(self._history_changed)
        session.undo_stack.canRedoChanged.connect(self._history_changed)
        session.value_changed.connect(self._value_changed)
        self.wizard = WizardView(session, self.dialogs)
        self.wizard.review_failed.connect(self._quiet_message)
        self.stack.addWidget(self.wizard)
        self.stack.setCurrentWidget(self.wizard)
        self.save_label.setText("")
        self._sync_actions()
        if self.act_convert.isEnabled() and self._zen_required(aid):
            self.statusBar().showMessage("しきい値判断の結果、全項目評価書が必要です。「評価書 › 全項目評価書に変換」で記載を引き継げます", 15000)
        return self.wizard

    def close_assessment(self) -> None:
        """Back to the list. Everything is already saved: nothing to ask."""
        if self.wizard is None:
            return
        self.wizard.flush()
        if self.revisions is not None:
            self.revisions.close()
            self.revisions = None
        session = self.session
        aid = session.assessment_id if session else None
        self.wizard.shutdown()
        self.stack.removeWidget(self.wizard)
        self.wizard.hide()
        self.wizard.deleteLater()
        self.wizard = None
        self.session = None
        self.stack.setCurrentWidget(self.home)  # extensions follow the session here (currentChanged)
        if session is not None:
            session.dispose()
        if aid is not None:
            self.home.forget_percent(aid)
        self.home.refresh(select=aid)
        self._sync_actions()

    def current_session(self) -> EditSession | None:
        return self.session

    def _saved(self, when: str) -> None:
        set_text_color(self.save_label, COLOR_SAVED)
        self.save_label.setText(f"保存しました {when}")

    def _save_failed(self, message: str) -> None:
        set_text_color(self.save_label, COLOR_ERROR)
        self.save_label.setText(message)
        self.dialogs.error(self, "保存できません", message + "\n\n保存ファイルの場所とディスクの空きを確認してください。")

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
        from pia_desktop.ui.review_record import record_review_for

        return record_review_for(self, aid)

    def edit_shared_facts(self, select: int | None = None):  # type: ignore[no-untyped-def]
        from pia_desktop.ui.shared_facts import open_editor

        if self.wizard is not None:
            self.wizard.flush()
        return open_editor(self, select)

    def show_portfolio(self):  # type: ignore[no-untyped-def]
        from pia_desktop.ui.portfolio import open_portfolio

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

    # -- extensions (出力, 取り込み) ---------------------------------------------------------------------------

    def _install_extensions(self) -> None:
        import pia_desktop.ui as ui_pkg

        for info in pkgutil.iter_modules(ui_pkg.__path__):
            if not info.name.startswith("ext_"):
                continue
            try:
                module = importlib.import_module(f"pia_desktop.ui.{info.name}")
                module.install(self)
            except Exception as exc:  # one broken add-on must not stop the application
                self.statusBar().showMessage(f"機能 {info.name} を読み込めませんでした（{exc}）", 10000)
                continue
            self.extensions.append(info.name)
        self._install_builtin_io()
        for menu, placeholder in ((self.menu_export, self.act_export_placeholder), (self.menu_import, self.act_import_placeholder)):
            if len(menu.actions()) > 1:
                menu.removeAction(placeholder)

    def _install_builtin_io(self) -> None:
        """出力 and 取り込み from the PDF exporter's and the importer's own modules, when installed
        (an ``ext_`` module that already filled a menu takes precedence)."""
        if len(self.menu_export.actions()) == 1 and importlib.util.find_spec("pia_desktop.ui.export_action") is not None:
            from pia_desktop.ui.export_action import install_export_actions

            export_dialogs = self.dialogs if hasattr(self.dialogs, "ask_save_path") else None
            self.io_actions += install_export_actions(
                self.menu_export, self, lambda: self.session.doc if self.session else None, dialogs=export_dialogs  # type: ignore[arg-type]
            )
            preview = next((a for a in self.io_actions if a.text().startswith("印刷プレビュー")), None)
            if preview is not None:
                preview.setShortcut(QKeySequence.StandardKey.Print)
        if len(self.menu_import.actions()) == 1 and importlib.util.find_spec("pia_desktop.importers.api") is not None:
            self.act_import = self._action(self.menu_import, "ファイルから取り込む(&I)…", self.import_from_file)
            self.act_import.setStatusTip("前年度の評価書（PDF、Excel、JSON）を読み取り、新しい評価書として保存します")

    def import_from_file(self) -> int | None:
        """取り込み: read a PDF / Excel / JSON 評価書 into a new assessment and open it."""
        if self.store is None or self.store.readonly:
            return None
        from pia_desktop.domain.validation import admit
        from pia_desktop.importers.api import import_file

        path = self.dialogs.ask_import_file(self, self.store.path.parent)
        if path is None:
            return None
        try:
            result = import_file(path)
            if result.conflict is not None:  # attachment and printed pages differ: the user picks
                use_attachment = self.dialogs.confirm(self, "添付データと印刷された内容の違い", result.conflict.message()
                                                      + "\n\n添付データから取り込みますか？（いいえ：印刷された内容から取り込みます）")
                result = result.conflict.choose("attachment" if use_attachment else "pages")
            admit(result.document, Path(path).name)  # the same check and message as store add / import --add
        except PiaError as exc:
            self.dialogs.error(self, "取り込めません", exc.message)
            return None
        aid = self.store.add_document(result.document)
        report = result.report
        notes = "\n".join(f"・{n}" for n in report.notes)
        self.dialogs.inform(
            self, "取り込み", f"{report.summary()}\n新しい評価書として保存しました。内容を確認してください。" + (f"\n\n{notes}" if notes else "")
        )
        self.home.refresh(select=aid)
        self.open_assessment(aid)
        return aid

    # -- closing ---------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Every change is already in the store: close without asking."""
        self.close_assessment()
        self.settings.set_geometry(bytes(self.saveGeometry().data()))
        self._close_store()
        event.accept()


__all__ = ["MainWindow", "QWidget", "new_document", "sample_documents"]

"""Wires the yearly review into the main window (the ``ext_`` hook of main_window.py):

* ファイル › 取り込み › 前年度の評価書を取り込む… — a PDF, Excel, JSON or another store file; the
  取り込み結果 review screen comes before anything is saved;
* 評価書 › 新年度版を作成 — a new draft from the selected (or open) assessment, which becomes its
  baseline (公表日 and Ⅴ１① cleared, 別添２ kept);
* 評価書 › 変更箇所の作成… — rows proposed from the differences to the baseline, checked in the
  変更箇所 dialog and appended to (別添２) as one undoable step.

Every question goes through a ``YearlyDialogs`` object so tests script the answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMenu, QWidget

from pia_desktop.changes.rollforward import cleared_items
from pia_desktop.changes.rows import ChangeRow, add_rows, row_group
from pia_desktop.checks.docview import short_name
from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, load_form
from pia_desktop.importers.report import ImportResult

IMPORT_FILTER = "評価書ファイル (*.pdf *.xlsx *.json *.sqlite3 *.db);;PDF (*.pdf);;Excel (*.xlsx);;すべてのファイル (*)"


class YearlyDialogs:
    """The real, modal questions."""

    def ask_import_file(self, parent: QWidget | None, start: Path) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, "前年度の評価書を取り込む", str(start), IMPORT_FILTER)
        return Path(path) if path else None

    def review_import(self, parent: QWidget | None, result: ImportResult, facts: list | None = None) -> list | None:  # type: ignore[type-arg]
        """None: cancelled; otherwise the 共通項目 links the user kept ([] when none were offered)."""
        from pia_desktop.ui.import_review import ImportReviewDialog

        dlg = ImportReviewDialog(result, parent, facts)
        return dlg.accepted_links() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def choose_from_store(self, parent: QWidget | None, name: str, summaries: list[Any]) -> list[int] | None:
        from pia_desktop.ui.import_review import StoreChoiceDialog

        dlg = StoreChoiceDialog(name, summaries, parent)
        return dlg.chosen_ids() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def choose_baseline(self, parent: QWidget | None, summaries: list[Any]) -> int | None:
        labels = [f"{s.id}: {s.name or '（評価書名未記入）'}　{s.published}" for s in summaries]
        text, ok = QInputDialog.getItem(parent, "前年度版の選択", "比べる前年度版（基準）を選んでください", labels, 0, False)
        return summaries[labels.index(text)].id if ok and text in labels else None

    def review_changes(self, parent: QWidget | None, form: FormDefinition, draft: Document, rows: list[ChangeRow],
                       phrases: list[str], default_reason: str) -> list[ChangeRow] | None:
        from pia_desktop.ui.changes_dialog import ChangesDialog

        dlg = ChangesDialog(form, draft, rows, phrases, parent, default_reason=default_reason)
        return dlg.kept_rows() if dlg.exec() == QDialog.DialogCode.Accepted else None


class YearlyExtension:
    def __init__(self, window: Any, dialogs: YearlyDialogs | None = None) -> None:
        self.window = window
        self.dialogs = dialogs or YearlyDialogs()
        self.act_import = QAction("前年度の評価書を取り込む(&P)…", window)
        self.act_import.setToolTip("PDF・Excel・JSON、または他の保存ファイルから評価書を取り込みます")
        self.act_import.triggered.connect(lambda _c=False: self.import_file())
        window.menu_import.addAction(self.act_import)
        window.menu_import.aboutToShow.connect(self._sync)

        self.act_roll = QAction("新年度版を作成(&Y)", window)
        self.act_roll.setToolTip("選んだ評価書を前年度版（基準）として、今年度の作成中の評価書を作ります")
        self.act_roll.triggered.connect(lambda _c=False: self.roll_forward())
        self.act_changes = QAction("変更箇所の作成(&K)…", window)
        self.act_changes.setToolTip("前年度版との違いから（別添２）変更箇所の行を提案します")
        self.act_changes.triggered.connect(lambda _c=False: self.make_changes())
        menu = self._assessment_menu()
        menu.addSeparator()
        menu.addAction(self.act_roll)
        menu.addAction(self.act_changes)
        menu.aboutToShow.connect(self._sync)
        self._sync()

    def _assessment_menu(self) -> QMenu:
        for action in self.window.menuBar().actions():
            if action.text().startswith("評価書") and action.menu() is not None:
                return action.menu()
        return self.window.menuBar().addMenu("評価書(&A)")

    def _writable(self) -> bool:
        store = self.window.store
        return store is not None and not store.readonly

    def _sync(self) -> None:
        writable = self._writable()
        self.act_import.setEnabled(writable)
        session = self.window.current_session()
        selected = session is not None or self.window.home.selected_id() is not None
        self.act_roll.setEnabled(writable and selected)
        self.act_changes.setEnabled(writable and session is not None and not session.readonly)

    def _busy(self, on: bool) -> None:
        if on:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QGuiApplication.restoreOverrideCursor()

    # -- 取り込み ------------------------------------------------------------------------------------

    def import_file(self, path: Path | None = None) -> list[int]:
        """Import ``path`` (asked for when None); the ids added to the store."""
        from pia_desktop.domain.validation import admit
        from pia_desktop.importers.api import StoreSource, detect_kind, import_file

        w = self.window
        if not self._writable():
            return []
        if path is None:
            path = self.dialogs.ask_import_file(w, w.store.path.parent)
            if path is None:
                return []
        try:
            kind = detect_kind(Path(path))
            if kind == "store":
                with StoreSource(path) as src:
                    ids = self.dialogs.choose_from_store(w, Path(path).name, src.summaries)
                    if not ids:
                        return []
                    docs = [admit(src.load(i), f"{Path(path).name} の評価書 ID {i}") for i in ids]  # as store add
                new_ids = [w.store.add_document(d) for d in docs]
                w.home.refresh(select=new_ids[-1])
                w.statusBar().showMessage(f"{Path(path).name} から {len(new_ids)} 件の評価書を取り込みました", 8000)
                return new_ids
            self._busy(True)
            try:
                result = import_file(path)
            finally:
                self._busy(False)
        except PiaError as exc:
            w.dialogs.error(w, "取り込めません", exc.message)
            return []
        if result.conflict is not None:  # the PDF's attachment and its printed pages differ: the user picks
            use_attachment = w.dialogs.confirm(w, "添付データと印刷された内容の違い",
                                               result.conflict.message() + "\n\n添付データから取り込みますか？（いいえ：印刷された内容から取り込みます）")
            result = result.conflict.choose("attachment" if use_attachment else "pages")
        links = self.dialogs.review_import(w, result, w.store.facts())
        if links is None:
            return []
        try:
            admit(result.document, Path(path).name)  # the same check and message as store add / import --add
        except PiaError as exc:
            w.dialogs.error(w, "取り込めません", exc.message)
            return []
        aid = w.store.add_document(result.document)
        for s in links:
            w.store.link(aid, s.address, s.fact_id)
        w.home.refresh(select=aid)
        w.open_assessment(aid)
        w.statusBar().showMessage(f"{result.report.summary()}　取り込んだ評価書を保存しました", 10000)
        return [aid]

    # -- 新年度版 -------------------------------------------------------------------------------------

    def roll_forward(self, aid: int | None = None) -> int | None:
        from pia_desktop.changes.rollforward import roll_forward

        w = self.window
        if not self._writable():
            return None
        if aid is None:
            aid = w.open_or_selected_id()
        if aid is None:
            w.dialogs.inform(w, "新年度版の作成", "元にする評価書を一覧で選んでください。")
            return None
        if w.wizard is not None:
            w.wizard.flush()
        doc = w.store.load(aid)
        form = load_form(doc.form_id)
        name = doc.get(form.roles.title) or "（評価書名未記入）"
        cleared = "と".join(short_name(form, a) for a in cleared_items(doc.form_id))
        history = form.index[form.roles.changes].label.replace("　", "") if form.roles.changes else "変更箇所"
        if not w.dialogs.confirm(
            w, "新年度版の作成",
            f"「{name}」をもとに今年度の評価書（作成中）を作ります。\n元の評価書は前年度版（基準）としてそのまま残ります。\n"
            f"{cleared}は空欄になります。{history}の履歴は引き継がれます。",
            "作成する",
        ):
            return None
        new_id = roll_forward(w.store, aid)
        w.home.refresh(select=new_id)
        w.open_assessment(new_id)
        w.statusBar().showMessage("新年度版を作成しました。変更したら「変更箇所の作成」で変更箇所の行を作れます", 10000)
        return new_id

    # -- 変更箇所 --------------------------------------------------------------------------------------

    def make_changes(self) -> int:
        """Propose rows against the baseline and append the kept ones; the number appended."""
        from pia_desktop.changes import propose_changes
        from pia_desktop.changes.phrases import phrase_rules

        w = self.window
        session = w.current_session()
        if session is None or session.readonly or not self._writable():
            return 0
        if w.wizard is not None:
            w.wizard.flush()
        baseline = w.store.baseline_of(session.assessment_id)
        if baseline is None:
            others = [s for s in w.store.list_assessments() if s.id != session.assessment_id]
            if not others:
                w.dialogs.inform(w, "変更箇所の作成", "比べる前年度版がありません。前年度の評価書を取り込むか、「新年度版を作成」から始めてください。")
                return 0
            baseline = self.dialogs.choose_baseline(w, others)
            if baseline is None:
                return 0
        try:
            old = w.store.load(baseline)
        except PiaError as exc:
            w.dialogs.error(w, "変更箇所の作成", exc.message)
            return 0
        rules = phrase_rules()
        rows = propose_changes(old, session.doc, form=session.form, rules=rules)
        if not rows:
            w.dialogs.inform(w, "変更箇所の作成", "前年度版との違いはありません。")
            return 0
        kept = self.dialogs.review_changes(w, session.form, session.doc, rows, rules.texts(), rules.not_starred)
        if not kept:
            return 0
        group = row_group(session.doc.form_id)
        first = session.doc.count(group) + 1
        session.change_structure(f"変更箇所の追加（{len(kept)} 行）", lambda d: add_rows(d, kept), f"{group}[{first}].komoku")
        w.statusBar().showMessage(f"変更箇所に {len(kept)} 行を追加しました（元に戻す: Ctrl+Z）", 10000)
        return len(kept)


def install(window: Any) -> None:
    window.yearly = YearlyExtension(window)

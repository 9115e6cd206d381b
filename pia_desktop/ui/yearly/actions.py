"""The yearly review, as the main window offers it:

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
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from pia_desktop.changes.rollforward import cleared_items
from pia_desktop.changes.rows import ChangeRow, add_rows, row_group
from pia_desktop.domain.document import Document
from pia_desktop.domain.docview import short_name
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, load_form
from pia_desktop.importers.report import ImportResult

IMPORT_FILTER = "評価書ファイル (*.pdf *.xlsx *.json *.sqlite3 *.db);;PDF (*.pdf);;Excel (*.xlsx);;すべてのファイル (*)"


class YearlyDialogs:
    """The real, modal questions."""

    def ask_import_file(self, parent: QWidget | None, start: Path) -> Path | None:
        from pia_desktop.ui.shell.file_pickers import choose_file

        return choose_file(parent, "import", "前年度の評価書を取り込む", start, IMPORT_FILTER)

    def review_import(self, parent: QWidget | None, result: ImportResult, facts: list | None = None) -> list | None:  # type: ignore[type-arg]
        """None: cancelled; otherwise the 共通項目 links the user kept ([] when none were offered)."""
        from pia_desktop.ui.yearly.import_review import ImportReviewDialog

        dlg = ImportReviewDialog(result, parent, facts)
        return dlg.accepted_links() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def choose_from_store(self, parent: QWidget | None, name: str, summaries: list[Any]) -> list[int] | None:
        from pia_desktop.ui.yearly.import_review import StoreChoiceDialog

        dlg = StoreChoiceDialog(name, summaries, parent)
        return dlg.chosen_ids() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def choose_baseline(self, parent: QWidget | None, summaries: list[Any]) -> int | None:
        labels = [f"{s.id}: {s.name or '（評価書名未記入）'}　{s.published}" for s in summaries]
        text, ok = QInputDialog.getItem(parent, "前年度版の選択", "比べる前年度版（基準）を選んでください", labels, 0, False)
        return summaries[labels.index(text)].id if ok and text in labels else None

    def review_changes(self, parent: QWidget | None, form: FormDefinition, draft: Document, rows: list[ChangeRow],
                       phrases: list[str], default_reason: str) -> list[ChangeRow] | None:
        from pia_desktop.ui.yearly.changes_dialog import ChangesDialog

        dlg = ChangesDialog(form, draft, rows, phrases, parent, default_reason=default_reason)
        return dlg.kept_rows() if dlg.exec() == QDialog.DialogCode.Accepted else None


class YearlyActions:
    """The year's journey from the window: 取り込み, 新年度版, 変更箇所, 変換. The menu items are declared in
    ``menus.py``; the window enables them from its one ``UiState``."""

    def __init__(self, window: Any, dialogs: YearlyDialogs | None = None) -> None:
        self.window = window
        self.dialogs = dialogs or YearlyDialogs()

    @property
    def act_import(self) -> QAction:
        return self.window.actions["import"]

    def _writable(self) -> bool:
        store = self.window.store
        return store is not None and not store.readonly

    def _busy(self, on: bool) -> None:
        if on:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QGuiApplication.restoreOverrideCursor()

    # -- 変換 (重点 → 全項目) ----------------------------------------------------------------------------

    def conversion_target(self) -> str | None:
        """The 全項目 form the open (or selected) assessment converts to, when it is a 重点 and a mapping exists."""
        from pia_desktop.changes.convert import conversions_from
        from pia_desktop.domain.assessment_set import forms_by_kind

        form_id = self.window.session.doc.form_id if self.window.session is not None else None
        if form_id is None:
            aid = self.window.open_or_selected_id()
            try:
                form_id = self.window.store.summary(aid).form_id if self.window.store and aid else None
            except PiaError:  # a row gone meanwhile
                form_id = None
        if form_id is None:
            return None
        try:
            if load_form(form_id).roles.kind != "juten":
                return None
            zen = forms_by_kind().get("zen")
        except PiaError:
            return None
        return zen if zen in conversions_from(form_id) else None

    def zen_required(self, aid: int) -> bool:
        """Whether the assessment's しきい値判断 (its answers and the inputs kept with it) requires 全項目."""
        from pia_desktop.domain.assessment_set import threshold_result_of

        assert self.window.store is not None
        result = threshold_result_of(self.window.store.load(aid))
        return result is not None and result.wrong_form("juten") and "zen" in result.requires

    def convert_assessment(self) -> int | None:
        """重点項目評価書 → 全項目評価書: a new 全項目 linked to the same 事務 (the 重点 stays), then the list of
        what is new to fill."""
        from pia_desktop.changes.convert import convert
        from pia_desktop.domain.assessment_set import threshold_result_of

        if self.window.store is None or self.window.store.readonly:
            return None
        aid, target = self.window.open_or_selected_id(), self.conversion_target()
        if aid is None or target is None:
            self.window.dialogs.inform(self.window, "全項目評価書に変換", "変換する重点項目評価書を開くか、一覧で選んでください。")
            return None
        if self.window.wizard is not None:
            self.window.wizard.flush()
        doc = self.window.store.load(aid)
        result = threshold_result_of(doc)
        required = result is not None and result.wrong_form("juten") and "zen" in result.requires
        name = doc.get(load_form(doc.form_id).roles.title) or "（評価書名未記入）"
        why = (f"しきい値判断の結果は「{result.label}」です。{result.note}\n\n" if required and result is not None
               else "全項目評価書は任意に作成することもできます。\n\n")
        if not self.window.dialogs.confirm(
            self.window, "全項目評価書に変換",
            f"{why}「{name}」の記載を引き継いだ全項目評価書を作ります。\n重点項目評価書はそのまま残ります。", "変換する",
        ):
            return None
        try:
            converted = convert(doc, target, threshold_result=result.id if required and result is not None else None)
        except PiaError as exc:
            self.window.dialogs.error(self.window, "変換できません", exc.message)
            return None
        new_doc = converted.doc.copy(identity=None)  # another 評価書 (another form): an identity of its own
        title = load_form(doc.form_id).roles.title
        old_title = str(doc.get(title) or "")
        src_name, dst_name = load_form(doc.form_id).short_name, load_form(target).short_name
        if old_title.endswith(src_name):
            new_doc.set(load_form(target).roles.title, old_title[: -len(src_name)] + dst_name)
        for address in cleared_items(target):  # a new 評価書: not published, not yet conducted
            new_doc.set(address, None)
        from pia_desktop.shared.set_sharing import add_to_set

        new_id, fill = add_to_set(self.window.store, aid, new_doc)  # the 事務's set, 基礎 Ⅳ１ brought in line
        self._keep_todo(new_id, converted.notes, new_doc, load_form(target))
        self.window.home.refresh(select=new_id)
        form = load_form(target)
        from pia_desktop.domain.validation import describe

        source = load_form(doc.form_id)
        lines = [f"引き継げなかった記載：{describe(source, a)}（{r}）" for a, r in converted.dropped]
        lines += [f"確認が必要：{describe(form, b)}（{n}）" for _a, b, n in converted.notes]
        lines += [f"記入が必要：{describe(form, a)}" for a in converted.to_fill]
        if fill is not None:
            lines.append(f"基礎項目評価書 Ⅳ１を「{fill.value}」にしました")
        text = f"{converted.summary()}。\n新しい全項目評価書を作成しました（重点項目評価書はそのまま残っています）。"
        show = getattr(self.window.dialogs, "show_items", None)
        if show is not None:
            show(self.window, "全項目評価書に変換しました", text, lines)
        else:
            self.window.dialogs.inform(self.window, "全項目評価書に変換しました", text + "\n\n" + "\n".join(lines))
        self.window.open_assessment(new_id)
        return new_id

    def _keep_todo(self, aid: int, notes: list[tuple[str, str, str]], doc: Document, form: FormDefinition) -> None:
        """The conversion's "確認が必要" list as notes on the new 評価書, shown by 点検 until closed."""
        from pia_desktop.notes.conversion_todo import conversion_notes
        from pia_desktop.notes.merge import StoredNote
        from pia_desktop.notes.service import item_value

        todo = [(b, n, item_value(form, doc, b)) for _a, b, n in notes if b]
        if todo:
            self.window.store.put_notes(aid, [StoredNote(n) for n in conversion_notes(todo)])

    def edit_published(self, aid: int) -> int | None:
        """A 公表済 評価書 is edited through its 新年度版: open the one it has, or make it."""
        from pia_desktop.shared.copy_texts import published_edit_question

        w = self.window
        successors = w.store.successors(aid) if w.store is not None else []
        if successors:
            newest = max(successors, key=lambda s: s.id)
            if w.dialogs.confirm(w, "公表済の評価書", published_edit_question(successors), "新年度版を開く"):
                w.open_assessment(newest.id)
                return newest.id
            return None
        return self.roll_forward(aid)

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
                new_ids = []
                for d in docs:
                    existing = self._already_held(Path(path).name, d)
                    if existing is None:
                        new_ids.append(w.store.add_document(d))
                    elif existing:
                        return existing
                if not new_ids:
                    return []
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
        existing = self._already_held(Path(path).name, result.document)
        if existing is not None:
            return existing
        aid = w.store.add_document(result.document)
        for s in links:
            w.store.link(aid, s.address, s.fact_id)
        w.home.refresh(select=aid)
        w.open_assessment(aid)
        w.statusBar().showMessage(f"{result.report.summary()}　取り込んだ評価書を保存しました", 10000)
        return [aid]

    def _already_held(self, source: str, doc: Document) -> list[int] | None:
        """When the store holds a 評価書 that reads the same: None to add it anyway, [] to add nothing, or
        [id] of the existing one, opened."""
        from pia_desktop.shared.copy_texts import duplicate_question

        w = self.window
        same = w.store.find_same(doc)
        if not same:
            return None
        if w.dialogs.confirm(w, "同じ評価書があります", duplicate_question(source, same), "既存の評価書を開く"):
            newest = max(same, key=lambda s: s.id)
            w.home.refresh(select=newest.id)
            w.open_assessment(newest.id)
            w.statusBar().showMessage(f"{source} は取り込まず、保存ファイルにある評価書を開きました", 10000)
            return [newest.id]
        if w.dialogs.confirm(w, "同じ評価書があります", "同じ評価書をもう1行、別の評価書として追加しますか？", "別の行として追加"):
            return None
        return []

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
        from pia_desktop.domain.fiscal_year import nendo_text, next_nendo

        year = nendo_text(next_nendo(w.store.nendo_of(aid))) or "今年度"
        if not w.dialogs.confirm(
            w, "新年度版の作成",
            f"「{name}」をもとに{year}の評価書（作成中）を作ります。\n元の評価書は前年度版（基準）としてそのまま残ります。\n"
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



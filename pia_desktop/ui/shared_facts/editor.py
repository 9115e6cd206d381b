"""共通項目 in the GUI: the editor (every fact, where it is used, applying a change to all or the
chosen 評価書), and the wizard's item menu (make a fact, link, unlink, 定型文).

An assessment open in the editor takes the change as one undoable step on its own undo stack; the
others are saved directly, and 直前の反映を取り消す puts them back (unless edited since). Every
question goes through the window's ``Dialogs``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.document import Document, is_empty, value_text
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import ItemType
from pia_desktop.shared import facts as sf
from pia_desktop.storage.store import FactRow
from pia_desktop.ui.shell.look import COLOR_ERROR, COLOR_HELP, COLOR_SAVED, emphasize, set_text_color
from pia_desktop.ui.shell.screen_fit import fit_window

ROLE_FACT = Qt.ItemDataRole.UserRole + 1
USAGE_COLUMNS = ("反映", "評価書", "種類", "項目", "現在の記載", "状態")
_LINKS = "_shared_links"  # cached on the session: address → fact name


# -- the links of the open assessment ---------------------------------------------------------------


def session_links(session: Any) -> dict[str, str]:
    """Address → name of the fact it is linked to (facts gone or unreadable are left out)."""
    cached = getattr(session, _LINKS, None)
    if cached is None:
        try:
            cached = {a: f.name for a, f in sf.linked_facts(session.store, session.assessment_id).items() if f is not None}
        except PiaError:
            cached = {}
        setattr(session, _LINKS, cached)
    return cached


def forget_links(session: Any) -> None:
    if session is not None and hasattr(session, _LINKS):
        delattr(session, _LINKS)


def link_name_for(session: Any, address: str) -> str | None:
    """The fact the item is linked to, itself or through the entry it lies in."""
    links = session_links(session)
    if address in links:
        return links[address]
    for entry in sf.entry_addresses(address):
        if entry in links:
            return f"{links[entry]}（まとまり）"
    return None


def _refresh_pages(wizard: Any) -> None:
    forget_links(wizard.session)
    for page in wizard.pages.values():
        refresh = getattr(page, "refresh_links", None)
        if refresh is not None:
            refresh()


def _saver(window: Any) -> sf.Saver:
    """Save through the open assessment's undo stack when it is the one changed."""
    def save(aid: int, doc: Document, text: str) -> None:
        session = window.current_session()
        if session is not None and session.assessment_id == aid and not session.readonly:
            def mutate(d: Document, doc: Document = doc) -> None:
                d.values = dict(doc.values)
                d.repeat_counts = dict(doc.repeat_counts)
                d.non_public = list(doc.non_public)
            session.change_structure(text, mutate, "")
        else:
            window.store.save_document(aid, doc)
    return save


# -- the wizard's item menu ---------------------------------------------------------------------------


def row_menu(page: Any, row: Any, at: Any) -> QMenu:
    """The item's context menu: the wizard's own entries, then 共通項目 and 定型文."""
    wizard = page.wizard
    session = wizard.session
    menu = QMenu(page)
    act = menu.addAction("公表用PDFで（非公表）と印字する")
    act.setCheckable(True)
    act.setChecked(row.address in session.doc.non_public)
    act.setEnabled(not session.readonly)
    act.triggered.connect(lambda _c=False: wizard.toggle_non_public(row))
    if row.item.help:
        menu.addAction("記載要領を表示", row.toggle_help)
    writable = not session.readonly
    textarea = row.item.type == ItemType.TEXTAREA
    if textarea:
        menu.addSeparator()
        a = menu.addAction("定型文を挿入(&T)…", lambda: insert_phrase(page, row))
        a.setEnabled(writable)
        a = menu.addAction("選んだ文を定型文に登録…", lambda: save_phrase(page, row))
        a.setEnabled(writable and bool(row.editor.edit.textCursor().selectedText()))
    menu.addSeparator()
    fill_fact_menu(menu, page, row.address, writable)
    menu.popup(at)
    return menu


def fill_fact_menu(menu: QMenu, page: Any, address: str, writable: bool) -> None:
    wizard = page.wizard
    session = wizard.session
    links = session_links(session)
    store = session.store
    linked_here = [a for a in (address, *sf.entry_addresses(address)) if a in links]
    for a in linked_here:
        info = menu.addAction(f"共通項目「{links[a]}」に連結しています")
        info.setEnabled(False)
        menu.addAction("共通項目を編集…", lambda a=a: open_editor(wizard.window(), session.store.links_of(session.assessment_id).get(a)))
        un = menu.addAction("連結を解除（記載はそのまま）", lambda a=a: unlink(page, a))
        un.setEnabled(writable)
    try:
        facts = store.facts()
    except PiaError:
        facts = []
    offers = [(a, f) for a, f in sf.offers(session.form, facts, address) if a not in links]
    if offers:
        sub = menu.addMenu("共通項目に連結")
        sub.setEnabled(writable)
        for a, f in offers:
            label = f"{f.name}　— {sf.fact_text(f, limit=40)}" + ("（まとまり）" if f.kind == "entry" else "")
            sub.addAction(label, lambda a=a, f=f: link_here(page, a, f))
    item = session.form.index.get(sf.parse_address(address).template)
    if item is not None and item.type in sf.TEXT_TYPES and address not in links:
        a = menu.addAction("この項目を共通項目にする…", lambda: make_here(page, address, entry=False))
        a.setEnabled(writable and not is_empty(session.doc.get(address)))
    entries = [e for e in sf.entry_addresses(address) if e not in links]
    if entries:
        a = menu.addAction("このまとまり（システム・委託事項など）を共通項目にする…", lambda: make_here(page, entries[0], entry=True))
        a.setEnabled(writable)


def make_here(page: Any, address: str, *, entry: bool) -> int | None:
    wizard = page.wizard
    session = wizard.session
    current = sf.value_at(session.doc, address, "entry" if entry else "text")
    default = sf.fact_text(FactRow(0, "", "entry" if entry else "text", "", current, ""), limit=30) if current else ""
    name = wizard.dialogs.ask_text(wizard, "共通項目にする", "共通項目の名前（例：総務課の連絡先）", default)
    if not name or not name.strip():
        return None
    try:
        fid = sf.make_fact(session.store, session.assessment_id, address, name, entry=entry)
    except PiaError as exc:
        wizard.dialogs.error(wizard, "共通項目にできません", exc.message)
        return None
    _refresh_pages(wizard)
    return fid


def link_here(page: Any, address: str, fact: FactRow) -> bool:
    wizard = page.wizard
    session = wizard.session
    current = sf.value_at(session.doc, address, fact.kind)
    if current and not sf.same(current, fact.value) and not wizard.dialogs.confirm(
        wizard, "共通項目に連結", f"この項目の記載を共通項目「{fact.name}」の記載に置き換えます。\n（「元に戻す」で取り消せます）", "置き換える"):
        return False
    try:
        sf.link(session.store, session.assessment_id, address, fact.id, save=_saver(wizard.window()))
    except PiaError as exc:
        wizard.dialogs.error(wizard, "共通項目に連結できません", exc.message)
        return False
    _refresh_pages(wizard)
    return True


def unlink(page: Any, address: str) -> None:
    wizard = page.wizard
    session = wizard.session
    try:
        session.store.unlink(session.assessment_id, address)
    except PiaError as exc:
        wizard.dialogs.error(wizard, "連結を解除できません", exc.message)
        return
    _refresh_pages(wizard)


def insert_phrase(page: Any, row: Any) -> bool:
    from pia_desktop.shared.phrases import all_phrases
    from pia_desktop.ui.shared_facts.phrase_picker import insert_into

    wizard = page.wizard
    phrase = wizard.dialogs.pick_phrase(wizard, all_phrases(wizard.session.store))
    if phrase is None:
        return False
    insert_into(row.editor.edit, phrase.text)
    return True


def save_phrase(page: Any, row: Any) -> int | None:
    wizard = page.wizard
    text = row.editor.edit.textCursor().selectedText().replace("\u2029", "\n").strip()
    if not text:
        return None
    title = wizard.dialogs.ask_text(wizard, "定型文に登録", "定型文の名前", text.splitlines()[0][:30])
    if not title or not title.strip():
        return None
    return int(wizard.session.store.add_phrase(title.strip(), text))


# -- the editor -----------------------------------------------------------------------------------------


class SharedFactsDialog(QDialog):
    """共通項目の編集: the facts, the chosen one's value, and every 評価書 and item that uses it."""

    def __init__(self, window: Any, select: int | None = None) -> None:
        super().__init__(window)
        self.window_ = window
        self.dialogs = window.dialogs
        self.store = window.store
        self.last_applied: sf.Applied | None = None
        self.setWindowTitle("共通項目の編集")
        fit_window(self, QSize(1180, 720), "shared_facts")
        layout = QVBoxLayout(self)
        intro = QLabel("複数の評価書で同じ記載（連絡先、システム、委託先など）を共通項目として管理します。"
                       "記載を変えて「反映」すると、連結したすべての（又は選んだ）評価書が変わり、それぞれに変更箇所の行が追加されます。")
        intro.setWordWrap(True)
        set_text_color(intro, COLOR_HELP)
        layout.addWidget(intro)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        list_label = QLabel("共通項目(&L)")
        lv.addWidget(list_label)
        self.list = QListWidget()
        list_label.setBuddy(self.list)  # without a buddy the label would show the "&"
        self.list.setAccessibleName("共通項目の一覧")
        lv.addWidget(self.list, 1)
        self.delete_button = QPushButton("削除…")
        lv.addWidget(self.delete_button)
        split.addWidget(left)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("")
        emphasize(self.heading, "heading2")
        rv.addWidget(self.heading)
        name_row = QHBoxLayout()
        name_label = QLabel("名前(&N)")
        name_row.addWidget(name_label)
        self.name = QLineEdit()
        name_label.setBuddy(self.name)
        self.name.setAccessibleName("共通項目の名前")
        name_row.addWidget(self.name, 1)
        rv.addLayout(name_row)
        value_label = QLabel("記載(&V)")
        rv.addWidget(value_label)
        self.value = QPlainTextEdit()
        value_label.setBuddy(self.value)
        self.value.setAccessibleName("共通項目の記載")
        self.value.setMaximumHeight(110)
        rv.addWidget(self.value)
        self.entry_table = QTableWidget(0, 2)
        self.entry_table.setHorizontalHeaderLabels(["項目", "記載"])
        self.entry_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.entry_table.verticalHeader().hide()
        self.entry_table.setMaximumHeight(200)
        self.entry_table.setColumnWidth(0, 220)
        rv.addWidget(self.entry_table)
        self.state = QLabel("")
        self.state.setWordWrap(True)
        rv.addWidget(self.state)
        usages_label = QLabel("使っている評価書と項目(&U)")
        rv.addWidget(usages_label)
        self.usages = QTableWidget(0, len(USAGE_COLUMNS))
        usages_label.setBuddy(self.usages)
        self.usages.setHorizontalHeaderLabels(list(USAGE_COLUMNS))
        self.usages.setAccessibleName("使っている評価書と項目")
        self.usages.verticalHeader().hide()
        self.usages.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.usages.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.usages.setWordWrap(False)
        header = self.usages.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        rv.addWidget(self.usages, 1)
        self.with_rows = QCheckBox("それぞれの評価書に変更箇所（別添２）の行を追加する(&K)")
        self.with_rows.setChecked(True)
        rv.addWidget(self.with_rows)
        buttons = QHBoxLayout()
        self.rename_button = QPushButton("名前を保存")
        self.apply_button = QPushButton("チェックした評価書に反映(&A)…")
        self.undo_button = QPushButton("直前の反映を取り消す(&Z)")
        self.close_button = QPushButton("閉じる")
        for b in (self.rename_button, self.apply_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        rv.addLayout(buttons)
        split.addWidget(right)
        split.setSizes([300, 880])
        layout.addWidget(split, 1)

        self.list.currentRowChanged.connect(lambda _r: self._show())
        self.apply_button.clicked.connect(self.apply)
        self.undo_button.clicked.connect(self.undo)
        self.rename_button.clicked.connect(self.rename)
        self.delete_button.clicked.connect(self.delete)
        self.close_button.clicked.connect(self.close)
        self.value.textChanged.connect(self._sync)
        self.refresh(select)

    # -- data ------------------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        select = select if select is not None else self.fact_id()
        self.list.blockSignals(True)
        self.list.clear()
        self.facts = self.store.facts()
        for f in self.facts:
            item = QListWidgetItem(f"{f.name}" + ("（まとまり）" if f.kind == "entry" else "") + ("　※読み取れません" if f.damaged else ""))
            item.setData(ROLE_FACT, f.id)
            item.setToolTip(sf.fact_text(f, limit=200))
            self.list.addItem(item)
        self.list.blockSignals(False)
        row = next((i for i, f in enumerate(self.facts) if f.id == select), 0 if self.facts else -1)
        self.list.setCurrentRow(row)
        self._show()

    def fact_id(self) -> int | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        return int(item.data(ROLE_FACT)) if item is not None else None

    def fact(self) -> FactRow | None:
        fid = self.fact_id()
        return next((f for f in self.facts if f.id == fid), None)

    def _show(self) -> None:
        fact = self.fact()
        self.value.blockSignals(True)
        self.usages.setRowCount(0)
        self.entry_table.setRowCount(0)
        self.entry_table.setVisible(fact is not None and fact.kind == "entry")
        self.value.setVisible(fact is None or fact.kind == "text")
        if fact is None:
            self.heading.setText("共通項目はまだありません")
            self.name.setText("")
            self.value.setPlainText("")
            self.state.setText("評価書の項目を右クリックして「この項目を共通項目にする」から作ります。")
            self.value.blockSignals(False)
            self._sync()
            return
        self.heading.setText(fact.name)
        self.name.setText(fact.name)
        if fact.kind == "text":
            self.value.setPlainText(value_text(fact.value) if fact.value is not None and not isinstance(fact.value, dict) else "")
        elif isinstance(fact.value, dict):
            labels = self._entry_labels(fact)
            for suffix, v in fact.value.items():
                r = self.entry_table.rowCount()
                self.entry_table.insertRow(r)
                key = QTableWidgetItem(labels.get(suffix, suffix or "（名称）"))
                key.setFlags(key.flags() & ~Qt.ItemFlag.ItemIsEditable)
                key.setData(ROLE_FACT, suffix)
                self.entry_table.setItem(r, 0, key)
                cell = QTableWidgetItem(value_text(v))
                if not isinstance(v, str):  # choices and check sets are changed in the wizard
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.entry_table.setItem(r, 1, cell)
        self.value.blockSignals(False)
        self.uses = sf.usages(self.store, fact.id)
        for u in self.uses:
            r = self.usages.rowCount()
            self.usages.insertRow(r)
            box = QTableWidgetItem("")
            box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            box.setCheckState(Qt.CheckState.Checked if u.present else Qt.CheckState.Unchecked)
            cells = [box, QTableWidgetItem(u.title), QTableWidgetItem(u.form_short), QTableWidgetItem(u.item),
                     QTableWidgetItem(" ".join(sf.fact_text(FactRow(0, "", fact.kind, "", u.current, ""), limit=80).split()) if u.current else ""),
                     QTableWidgetItem("同じ" if u.in_sync else ("項目がありません" if not u.present else "異なる"))]
            if not u.in_sync:
                cells[5].setForeground(QBrush(QColor(COLOR_ERROR)))
            for c, cell in enumerate(cells):
                self.usages.setItem(r, c, cell)
        self.usages.setColumnWidth(1, 260)
        self.usages.setColumnWidth(3, 260)
        for r in range(self.usages.rowCount()):  # one line each; the whole text as a tooltip
            for c in (1, 3, 4):
                cell = self.usages.item(r, c)
                cell.setToolTip(cell.text())
        if fact.damaged:
            self.state.setText("この共通項目の記載を読み取れません。連結した評価書の記載はそのまま残っています。削除して作り直してください。")
            set_text_color(self.state, COLOR_ERROR)
        else:
            self.state.setText(f"{len({u.assessment_id for u in self.uses})} 件の評価書の {len(self.uses)} 項目で使っています。")
            set_text_color(self.state, COLOR_HELP)
        self._sync()

    def _entry_labels(self, fact: FactRow) -> dict[str, str]:
        """Suffix under the entry → the item's printed label, from the form of an assessment using it."""
        from pia_desktop.domain.form_definition import available_forms, load_form

        uses = self.store.usages(fact.id)
        form_ids = [self.store.load(uses[0][0]).form_id] if uses else list(available_forms())
        for form_id in form_ids:
            form = load_form(form_id)
            if fact.template in form.index:
                out = {}
                for suffix in fact.value or {}:  # type: ignore[union-attr]
                    item = form.index.get(fact.template + suffix)
                    if item is not None:
                        out[suffix] = item.label
                return out
        return {}

    def edited_value(self) -> sf.FactValue | None:
        fact = self.fact()
        if fact is None or fact.value is None:
            return None
        if fact.kind == "text":
            return self.value.toPlainText()
        assert isinstance(fact.value, dict)
        out = dict(fact.value)
        for r in range(self.entry_table.rowCount()):
            suffix = str(self.entry_table.item(r, 0).data(ROLE_FACT))
            if isinstance(out.get(suffix), str):
                out[suffix] = self.entry_table.item(r, 1).text()
        return out

    def checked_targets(self) -> list[tuple[int, str]]:
        return [(u.assessment_id, u.address) for r, u in enumerate(getattr(self, "uses", []))
                if self.usages.item(r, 0).checkState() == Qt.CheckState.Checked]

    def set_checked(self, aids: set[int]) -> None:
        for r, u in enumerate(self.uses):
            self.usages.item(r, 0).setCheckState(Qt.CheckState.Checked if u.assessment_id in aids else Qt.CheckState.Unchecked)

    def _sync(self) -> None:
        fact = self.fact()
        writable = not self.store.readonly
        ok = fact is not None and not fact.damaged and writable
        for w in (self.apply_button, self.rename_button, self.name, self.value, self.entry_table):
            w.setEnabled(ok)
        self.delete_button.setEnabled(fact is not None and writable)
        self.undo_button.setEnabled(self.last_applied is not None and writable)

    # -- actions --------------------------------------------------------------------------------------

    def _open_docs(self) -> dict[int, Document]:
        session = self.window_.current_session()
        if session is not None and self.window_.wizard is not None:
            self.window_.wizard.flush()
        return {session.assessment_id: session.doc} if session is not None else {}

    def apply(self) -> int:
        """反映: the change to the checked 評価書; the number of 評価書 changed."""
        fact = self.fact()
        new = self.edited_value()
        if fact is None or new is None:
            return 0
        targets = self.checked_targets()
        try:
            plans = sf.plan_change(self.store, fact.id, new, targets=targets, docs=self._open_docs())
        except PiaError as exc:
            self.dialogs.error(self, "反映できません", exc.message)
            return 0
        if not plans:
            if sf.same(new, fact.value):
                self.dialogs.inform(self, "共通項目の反映", "記載は変わっていません。チェックした評価書はすでに同じ記載です。")
                return 0
            self.store.update_fact(fact.id, value=new)
            self.refresh(fact.id)
            return 0
        for p in plans:
            p.add_row = self.with_rows.isChecked()
        names = "\n".join(f"・{u.title}" for u in self.uses if u.assessment_id in {p.assessment_id for p in plans})
        rows = "それぞれに変更箇所の行を1行ずつ追加します。" if self.with_rows.isChecked() else "変更箇所の行は追加しません。"
        if not self.dialogs.confirm(self, "共通項目の反映", f"共通項目「{fact.name}」の記載を次の {len(plans)} 件の評価書に反映します。{rows}\n\n{names}", "反映する"):
            return 0
        try:
            self.last_applied = sf.apply_change(self.store, fact.id, new, plans, save=_saver(self.window_))
        except PiaError as exc:
            self.dialogs.error(self, "反映できません", exc.message)
            return 0
        self._after_change()
        self.state.setText(f"{len(plans)} 件の評価書に反映しました（「直前の反映を取り消す」で戻せます）。")
        set_text_color(self.state, COLOR_SAVED)
        return len(plans)

    def undo(self) -> list[int]:
        if self.last_applied is None:
            return []
        skipped = sf.undo_change(self.store, self.last_applied, save=_saver(self.window_), docs=self._open_docs())
        self.last_applied = None
        self._after_change()
        if skipped:
            self.dialogs.inform(self, "反映の取り消し", f"その後に編集された {len(skipped)} 件の評価書はそのままにしました。")
        return skipped

    def rename(self) -> None:
        fact = self.fact()
        if fact is None or not self.name.text().strip():
            return
        self.store.update_fact(fact.id, name=self.name.text().strip())
        self._after_change()

    def delete(self) -> bool:
        fact = self.fact()
        if fact is None:
            return False
        if not self.dialogs.confirm(self, "共通項目の削除", f"共通項目「{fact.name}」を削除しますか？\n連結した評価書の記載はそのまま残ります。", "削除"):
            return False
        self.store.delete_fact(fact.id)
        self._after_change()
        return True

    def _after_change(self) -> None:
        wizard = self.window_.wizard
        if wizard is not None:
            _refresh_pages(wizard)
        self.refresh(self.fact_id())


def open_editor(window: Any, select: int | None = None) -> SharedFactsDialog | None:
    """ツール › 共通項目の編集… (a window beside the editor, not modal)."""
    if window.store is None:
        return None
    dlg = getattr(window, "shared_facts_dialog", None)
    if dlg is None:
        dlg = SharedFactsDialog(window, select)
        window.shared_facts_dialog = dlg
    else:
        dlg.store = window.store
        dlg.refresh(select)
    dlg.show()
    dlg.raise_()
    return dlg

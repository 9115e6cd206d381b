"""共通項目の編集 (ツール › 共通項目の編集…): every fact, its value, where it is used, and applying a
change to all or the chosen 評価書; renaming and deleting a fact.

The assessment open in the editor takes the change as one undoable step on its own undo stack; the
others are saved directly, and 直前の反映を取り消す puts them back (unless edited since). Every
question goes through the window's ``Dialogs``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.document import Document, value_text
from pia_desktop.domain.errors import PiaError
from pia_desktop.shared import facts as sf
from pia_desktop.storage.store import FactRow
from pia_desktop.ui.shared_facts.links import refresh_pages, saver_for
from pia_desktop.ui.shared_facts.usage_table import fill_usages, usage_table
from pia_desktop.ui.shell.look import COLOR_ERROR, COLOR_HELP, COLOR_SAVED, emphasize, set_text_color
from pia_desktop.ui.shell.screen_fit import fit_window

ROLE_FACT = Qt.ItemDataRole.UserRole + 1


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
        self.usages = usage_table()
        usages_label.setBuddy(self.usages)
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
        fill_usages(self.usages, fact.kind, self.uses)
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
            self.last_applied = sf.apply_change(self.store, fact.id, new, plans, save=saver_for(self.window_))
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
        skipped = sf.undo_change(self.store, self.last_applied, save=saver_for(self.window_), docs=self._open_docs())
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
            refresh_pages(wizard)
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

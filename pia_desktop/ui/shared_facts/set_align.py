"""組の記載をそろえる: link the 評価書 of one 事務 on demand and fill their shared answers.

For a set made before answers were shared, or 評価書 imported one by one: first (when the open 評価書
has no partner) the user picks the 評価書 to link it with (``SetLinkDialog``); then ``SetAlignDialog``
shows what would be filled from the others (each row can be unticked), which answers differ (left for
the user: the 点検 lists them too) and what is not written because the 評価書 is 確定; 記入する applies.

``align_set_of(parent, store, aid, save=…)`` runs the whole step. ``save`` writes an answer of the
open 評価書 through its session, so it is one undoable edit (``session_saver``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.document import Value, value_text
from pia_desktop.shared.set_sharing import (
    AlignReport,
    Fill,
    Member,
    align_set,
    apply_alignment,
    current_set,
    join_set,
    link_candidates,
)
from pia_desktop.storage.store import Store

ROLE_INDEX = Qt.ItemDataRole.UserRole
Save = Callable[[int, str, Value], None]


def _text(value: Value | None, limit: int = 80) -> str:
    one = " ".join(value_text(value).split()) if value is not None else ""
    return one if len(one) <= limit else one[:limit] + "…"


def _table(headers: list[str], stretch: int) -> QTableWidget:
    """A read-only table whose column ``stretch`` (the answers) takes the width left by the others."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    for c in range(len(headers)):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == stretch else QHeaderView.ResizeMode.ResizeToContents)
    table.setWordWrap(True)
    return table


def _add_row(table: QTableWidget, cells: list[str]) -> QTableWidgetItem:
    r = table.rowCount()
    table.insertRow(r)
    items = [QTableWidgetItem(c) for c in cells]
    for c, item in enumerate(items):
        item.setToolTip(cells[c])
        table.setItem(r, c, item)
    return items[0]


class SetAlignDialog(QDialog):
    """What aligning the set would do; ``chosen()`` are the fills left ticked."""

    def __init__(self, report: AlignReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("組の記載をそろえる")
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        heading = QLabel("この事務の評価書：\n" + "\n".join(f"・{m.label}" for m in report.members))
        layout.addWidget(heading)  # one line per 評価書, no wrapping (a wrapped label is cut short in a layout)

        self.fills = _table(["記入する評価書", "項目", "記入する内容", "写す元"], 2)
        self.fills.setAccessibleName("記入する項目")
        for i, fill in enumerate(report.fills):
            value = _text(fill.value) + (f"（現在：{_text(fill.replaces)}）" if fill.replaces is not None else "")
            first = _add_row(self.fills, [fill.member.short_name, fill.name, value,
                                          fill.source.short_name if fill.source else "評価書の組合せ"])
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            first.setCheckState(Qt.CheckState.Checked)
            first.setData(ROLE_INDEX, i)
        layout.addWidget(QLabel(f"記入する項目（{len(report.fills)} 件。記入しない行はチェックを外してください）"
                                if report.fills else "記入する項目はありません。"))
        self.fills.resizeRowsToContents()
        layout.addWidget(self.fills, 2)

        self.differences = _table(["項目", "評価書", "記載"], 2)
        self.differences.setAccessibleName("記載が異なる項目")
        for d in report.differences:
            for member, _address, value in d.answers:
                _add_row(self.differences, [d.name, member.short_name, _text(value)])
        layout.addWidget(QLabel(f"記載が異なる項目（{len(report.differences)} 件。どちらが正しいか確かめて、各評価書で直してください）"
                                if report.differences else "記載が異なる項目はありません。"))
        self.differences.resizeRowsToContents()
        layout.addWidget(self.differences, 1)

        self.locked = QLabel("")
        self.locked.setWordWrap(True)
        if report.locked:
            what = "、".join(f"{f.member.short_name}の{f.name}" for f in report.locked)
            self.locked.setText(f"確定・公表済の評価書（又は読み取り専用の保存ファイル）には記入しません：{what}")
        layout.addWidget(self.locked)

        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton("記入する", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(bool(report.fills))
        buttons.addButton("閉じる", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[Fill]:
        out = []
        for r in range(self.fills.rowCount()):
            item = self.fills.item(r, 0)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(self.report.fills[int(item.data(ROLE_INDEX))])
        return out


class SetLinkDialog(QDialog):
    """Pick the 評価書 to link with the open one as the 評価書 of one 事務."""

    def __init__(self, here: str, candidates: list[Member], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates = candidates
        self.setWindowTitle("同じ事務の評価書を結び付ける")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        text = QLabel(f"「{here}」と同じ事務の評価書を選んでください。結び付けると、共通の項目（評価実施機関名、"
                      "公表日、法令上の根拠、請求先など）の記載がそろい、異なる記載は点検で指摘されます。")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.list = QListWidget()
        self.list.setAccessibleName("結び付ける評価書")
        for m in candidates:
            QListWidgetItem(m.label, self.list)
        if candidates:
            self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        self.link_button = buttons.addButton("結び付ける", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("キャンセル", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        layout.addWidget(buttons)

    def chosen(self) -> Member | None:
        row = self.list.currentRow()
        return self.candidates[row] if 0 <= row < len(self.candidates) else None


# -- the whole step ----------------------------------------------------------------------------------------


def run_modal(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


@dataclass
class AlignOutcome:
    linked_with: Member | None = None  # the 評価書 just linked, if any
    report: AlignReport | None = None
    written: list[Fill] = field(default_factory=list)
    message: str = ""  # for the status line or an information box


def session_saver(store: Store, session: Any) -> Save:
    """Answers of the open 評価書 go through its session (one undoable edit each); the others to the store."""
    def save(aid: int, address: str, value: Value) -> None:
        if session is not None and aid == session.assessment_id:
            session.set_value(address, value)
        else:
            store.set_value(aid, address, value)
    return save


def align_set_of(parent: QWidget | None, store: Store, aid: int, *, save: Save | None = None,
                 run: Callable[[QDialog], bool] = run_modal) -> AlignOutcome:
    """組の記載をそろえる for assessment ``aid`` (link it first when it has no partner)."""
    out = AlignOutcome()
    members = current_set(store, aid)
    if len(members) < 2:
        candidates = link_candidates(store, aid)
        if not candidates:
            out.message = ("結び付けられる評価書がありません（同じ事務の基礎項目評価書と重点項目評価書又は全項目評価書を"
                           "保存ファイルに取り込んでから、もう一度選んでください）。")
            return out
        here = next((s.name for s in store.list_assessments() if s.id == aid), "") or "（評価書名未記入）"
        dialog = SetLinkDialog(here, candidates, parent)
        if not run(dialog) or dialog.chosen() is None:
            return out
        out.linked_with = dialog.chosen()
        assert out.linked_with is not None
        join_set(store, aid, out.linked_with.id)
    jimu = store.jimu_of(aid)
    assert jimu is not None
    report = align_set(store, jimu)
    out.report = report
    if report.empty:
        out.message = "この事務の評価書の共通の項目はそろっています。"
        return out
    dialog = SetAlignDialog(report, parent)
    if run(dialog):
        out.written = apply_alignment(store, dialog.chosen(), save=save)
        out.message = f"{len(out.written)} 項目を記入しました。" + (
            f"記載が異なる項目が {len(report.differences)} 件あります（点検結果に表示されます）。" if report.differences else "")
    elif out.linked_with is not None:
        out.message = f"{out.linked_with.label}と結び付けました。"
    return out

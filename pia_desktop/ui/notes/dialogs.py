"""The questions the 指摘 features ask (modal): a new note, a notes file to read or write, the 全項目's
review procedure. Tests replace this object with scripted answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.notes.model import KINDS
from pia_desktop.notes.process import CommentPeriod, ReviewProcess, ThirdPartyCheck

NOTES_FILTER = "指摘ファイル (*.json);;すべてのファイル (*)"
REPORT_FILTER = "Excel (*.xlsx);;PDF (*.pdf)"


@dataclass(frozen=True)
class NewNote:
    kind: str
    text: str
    by: str


class NoteDialog(QDialog):
    def __init__(self, parent: QWidget | None, item_path: str, value: str, by: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("指摘を追加")
        layout = QVBoxLayout(self)
        where = QLabel(f"項目：{item_path}")
        where.setWordWrap(True)
        layout.addWidget(where)
        now = QLabel(f"現在の記載：{value or '（未記入）'}")
        now.setWordWrap(True)
        layout.addWidget(now)
        kinds = QHBoxLayout()
        self.kind_group = QButtonGroup(self)
        for i, kind in enumerate(KINDS):
            button = QRadioButton(kind)
            button.setChecked(i == 0)
            self.kind_group.addButton(button, i)
            kinds.addWidget(button)
        kinds.addStretch(1)
        layout.addLayout(kinds)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("指摘の内容")
        layout.addWidget(self.text, 1)
        form = QFormLayout()
        self.by = QLineEdit(by)
        form.addRow("指摘者（課・氏名）", self.by)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("追加")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def result_note(self) -> NewNote:
        return NewNote(KINDS[self.kind_group.checkedId()], self.text.toPlainText().strip(), self.by.text().strip())


class ProcessDialog(QDialog):
    """意見の聴取 (period, method) and 第三者点検 (date, body, result) of a 全項目評価書."""

    def __init__(self, parent: QWidget | None, current: ReviewProcess) -> None:
        super().__init__(parent)
        self.setWindowTitle("意見の聴取・第三者点検")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        period = current.comment_period
        today = QDate.currentDate()
        self.start = QDateEdit(_qdate(period.start) if period else today)
        self.end = QDateEdit(_qdate(period.end) if period else today.addDays(29))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy年M月d日")
        self.method = QLineEdit(period.method if period else "")
        self.method.setPlaceholderText("例：市ホームページへの掲載及び窓口での閲覧")
        third = current.third_party
        self.held = QDateEdit(_qdate(third.held_on) if third else today)
        self.held.setCalendarPopup(True)
        self.held.setDisplayFormat("yyyy年M月d日")
        self.body = QLineEdit(third.body if third else "")
        self.body.setPlaceholderText("例：○○市個人情報保護審議会")
        self.result_text = QLineEdit(third.result if third else "")
        form.addRow("意見の聴取の開始日", self.start)
        form.addRow("意見の聴取の終了日", self.end)
        form.addRow("方法", self.method)
        form.addRow("第三者点検の実施日", self.held)
        form.addRow("第三者点検を行った機関", self.body)
        form.addRow("第三者点検の結果", self.result_text)
        layout.addLayout(form)
        self.days = QLabel()
        layout.addWidget(self.days)
        self.start.dateChanged.connect(self._days)
        self.end.dateChanged.connect(self._days)
        self._days()
        self.days.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _days(self) -> None:
        from pia_desktop.notes.process import period_problems

        period = CommentPeriod(start=self.start.date().toPython(), end=self.end.date().toPython())
        from pia_desktop.checks.due_dates import wareki_text

        problems = period_problems(period)
        span = f"{wareki_text(period.start)}から{wareki_text(period.end)}まで（{period.days}日間）"
        self.days.setText(problems[0] if problems else f"意見の聴取の期間：{span}")

    def process(self) -> ReviewProcess:
        period = CommentPeriod(start=self.start.date().toPython(), end=self.end.date().toPython(), method=self.method.text().strip())
        body = self.body.text().strip()
        third = ThirdPartyCheck(held_on=self.held.date().toPython(), body=body, result=self.result_text.text().strip()) if body else None
        return ReviewProcess(comment_period=period, third_party=third)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class NotesDialogs:
    def ask_note(self, parent: QWidget | None, item_path: str, value: str, by: str) -> NewNote | None:
        dlg = NoteDialog(parent, item_path, value, by)
        return dlg.result_note() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def ask_notes_file(self, parent: QWidget | None, start: Path) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, "指摘ファイルを取り込む", str(start), NOTES_FILTER)
        return Path(path) if path else None

    def ask_notes_target(self, parent: QWidget | None, suggested: Path) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, "指摘ファイルを書き出す", str(suggested), NOTES_FILTER)
        return Path(path) if path else None

    def ask_report_target(self, parent: QWidget | None, suggested: Path) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, "指摘・回答一覧を書き出す", str(suggested), REPORT_FILTER)
        return Path(path) if path else None

    def ask_process(self, parent: QWidget | None, current: ReviewProcess) -> ReviewProcess | None:
        dlg = ProcessDialog(parent, current)
        return dlg.process() if dlg.exec() == QDialog.DialogCode.Accepted else None

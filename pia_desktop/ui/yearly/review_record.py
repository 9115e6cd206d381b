"""見直しを記録: the date, who and the result (変更なし / 修正 / 再実施) of a yearly review, with the
assessment's history. Recording changes no answer and adds no 変更箇所 row; the 見直しの目安 is then
counted from it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.checks.due_dates import wareki_text
from pia_desktop.domain.document import REVIEW_RESULTS, ReviewRecord
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.wareki import parse_wareki
from pia_desktop.shared.reviews import make_record, review_line
from pia_desktop.ui.shell.look import COLOR_ERROR, COLOR_HELP, set_text_color
from pia_desktop.ui.shell.screen_fit import fit_window

RESULT_HELP = {
    "変更なし": "記載を見直した結果、変更する事項はなかった",
    "修正": "評価書を修正した（又は修正する）",
    "再実施": "評価を再実施する（しきい値判断からやり直す）",
}


class ReviewRecordDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, history: list[ReviewRecord], *, reviewer: str = "",
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("見直しを記録")
        fit_window(self, QSize(660, 520), "review_record")
        layout = QVBoxLayout(self)
        heading = QLabel(f"「{title}」の見直しを記録します。記録しても評価書の記載は変わりません。"
                         "見直しの目安は、この日から1年後になります。")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        # 和暦, as everything else the clerk writes: typed (令和7年12月1日, R7.12.1, 2025/12/1) or
        # picked from the calendar beside it.
        self.date = QLineEdit(wareki_text(today or date.today()))
        self.date.setAccessibleName("見直しを行った日")
        self.date.setPlaceholderText("例：令和7年12月1日")
        self.date.editingFinished.connect(self._normalize_date)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("カレンダー…")
        self.calendar_button.clicked.connect(self._pick_date)
        date_row = QHBoxLayout()
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.date, 1)
        date_row.addWidget(self.calendar_button)
        date_box = QWidget()
        date_box.setLayout(date_row)
        date_label = QLabel("見直しを行った日(&D)")
        date_label.setBuddy(self.date)
        form.addRow(date_label, date_box)
        self.today = today or date.today()
        self.reviewer = QLineEdit(reviewer)
        self.reviewer.setPlaceholderText("例：子育て支援課 山田")
        self.reviewer.setAccessibleName("見直しを行った者")
        form.addRow("見直しを行った者(&W)", self.reviewer)
        row = QHBoxLayout()
        self.results = QButtonGroup(self)
        self.buttons_by_result: dict[str, QRadioButton] = {}
        for i, result in enumerate(REVIEW_RESULTS):
            b = QRadioButton(result)
            b.setToolTip(RESULT_HELP[result])
            self.results.addButton(b, i)
            self.buttons_by_result[result] = b
            row.addWidget(b)
        row.addStretch(1)
        self.buttons_by_result["変更なし"].setChecked(True)
        box = QWidget()
        box.setLayout(row)
        form.addRow("結果(&R)", box)
        self.note = QLineEdit()
        self.note.setAccessibleName("備考")
        form.addRow("備考(&M)", self.note)
        layout.addLayout(form)
        self.error = QLabel("")
        set_text_color(self.error, COLOR_ERROR)
        layout.addWidget(self.error)
        past = QLabel("これまでの見直し")
        set_text_color(past, COLOR_HELP)
        layout.addWidget(past)
        self.history = QListWidget()
        self.history.setAccessibleName("これまでの見直し")
        lines = [review_line(r) + (f"　（{r.note}）" if r.note else "") for r in reversed(history)]
        self.history.addItems(lines or ["（記録なし）"])
        self.history.setMaximumHeight(140)
        layout.addWidget(self.history)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("記録する")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def reviewed_on(self) -> date:
        parsed = parse_wareki(self.date.text())
        if parsed is None:
            raise PiaError(f"見直しを行った日「{self.date.text().strip()}」は日付として読めません（例：令和7年12月1日）")
        return parsed.to_date()

    def _normalize_date(self) -> None:
        parsed = parse_wareki(self.date.text())
        if parsed is not None:
            self.date.setText(wareki_text(parsed.to_date()))

    def _pick_date(self) -> None:
        """A calendar under the date field (dates after today cannot be picked)."""
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setMaximumDate(QDate(self.today.year, self.today.month, self.today.day))
        try:
            current = self.reviewed_on()
            popup.setSelectedDate(QDate(current.year, current.month, current.day))
        except PiaError:
            pass

        def chosen(d: QDate) -> None:
            self.date.setText(wareki_text(date(d.year(), d.month(), d.day())))
            popup.close()

        popup.clicked.connect(chosen)
        popup.activated.connect(chosen)
        popup.move(self.date.mapToGlobal(self.date.rect().bottomLeft()))
        popup.show()
        self.calendar = popup

    def record(self) -> ReviewRecord:
        result = REVIEW_RESULTS[max(0, self.results.checkedId())]
        return make_record(self.reviewed_on(), self.reviewer.text(), result, self.note.text(), today=self.today)

    def _accept(self) -> None:
        try:
            self.record()
        except PiaError as exc:
            self.error.setText(exc.message)
            return
        self.accept()


def record_review_for(window, aid: int | None = None) -> int | None:  # type: ignore[no-untyped-def]
    """評価書 › 見直しを記録…: for the open assessment or the one selected in the list; the record's id."""
    from pia_desktop.shared.reviews import record_review

    store = window.store
    if store is None or store.readonly:
        return None
    session = window.current_session()
    if aid is None:
        aid = window.open_or_selected_id()
    if aid is None:
        window.dialogs.inform(window, "見直しを記録", "見直しを記録する評価書を一覧で選んでください。")
        return None
    try:
        doc = store.load(aid)
        from pia_desktop.domain.form_definition import load_form

        title = str(doc.get(load_form(doc.form_id).roles.title) or "（評価書名未記入）")
        record = window.dialogs.ask_review_record(window, title, list(doc.reviews))
        if record is None:
            return None
        rid = record_review(store, aid, record)
    except PiaError as exc:
        window.dialogs.error(window, "見直しを記録できません", exc.message)
        return None
    if session is not None and session.assessment_id == aid:
        session.doc.reviews = [*session.doc.reviews, record]  # the open document exports it too
    window.home.refresh(select=aid if session is None else None)
    window.statusBar().showMessage(f"見直し（{record.result}）を記録しました。見直しの目安はこの日から数えます", 8000)
    return rid

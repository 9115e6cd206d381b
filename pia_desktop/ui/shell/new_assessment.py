"""新規作成: what it makes (``NewAssessment``: one form, or the set of 評価書 the しきい値判断 requires)
and the dialog that asks for it (``NewAssessmentDialog``: 事務の名称, the しきい値判断 with its result
shown live, the set preselected, the number of 特定個人情報ファイル).

``Dialogs.ask_new_assessment`` (``ui/shell/dialogs.py``) opens the dialog; tests answer with a
``NewAssessment`` of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.assessment_set import SetChoice, ThresholdAnswers, preselected, set_choices, taisho_brackets
from pia_desktop.domain.document import MAX_FILES
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.threshold.decision import row_condition
from pia_desktop.domain.threshold.table import ThresholdResultDef, threshold_rules
from pia_desktop.ui.shell.look import COLOR_ERROR, COLOR_HELP, emphasize, set_text_color
from pia_desktop.ui.shell.screen_fit import fit_window, scrolling
from pia_desktop.ui.wizard.editors.wheel import wheel_scrolls_page


@dataclass(frozen=True)
class NewAssessment:
    """What 新規作成 makes: one form (``form_id``), or the set ``form_ids`` the しきい値判断 chose."""

    form_id: str
    file_count: int
    form_ids: tuple[str, ...] = ()  # the 評価書 of one 事務, in the order they are made (empty: form_id alone)
    jimu_name: str = ""  # 事務の名称: the 評価書名 become "<事務の名称>　<様式>"
    answers: ThresholdAnswers | None = None  # the しきい値判断 given in the dialog (prefills the forms)

    def all_forms(self) -> tuple[str, ...]:
        return self.form_ids or (self.form_id,)


class NewAssessmentDialog(QDialog):
    """新規作成: 事務の名称, the しきい値判断 (対象人数・取扱者数・重大事故) with its result shown live, the
    set of 評価書 it requires preselected (a voluntary fuller one may be chosen, a too simple one is
    refused with the reason); or 様式を選んで作成 for one form without the calculator. Then the number
    of 特定個人情報ファイル."""

    def __init__(self, parent: QWidget | None, forms: dict[str, str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("評価書の新規作成")
        self.rules = threshold_rules()
        self.offered = set(forms)  # the sets are made of these forms only
        self.result: ThresholdResultDef | None = None
        self.choices: list[SetChoice] = []
        layout, bottom = scrolling(self)  # a low screen scrolls the questions; 作成 stays in view

        top = QFormLayout()
        self.jimu = QLineEdit()
        self.jimu.setPlaceholderText("例：児童手当に関する事務")
        self.jimu.setAccessibleName("事務の名称")
        top.addRow("事務の名称(&J)", self.jimu)
        layout.addLayout(top)
        hint = QLabel("評価書名は「事務の名称　基礎項目評価書」のように記入されます（後から変更できます）。")
        hint.setWordWrap(True)
        set_text_color(hint, COLOR_HELP)
        layout.addWidget(hint)

        mode_row = QHBoxLayout()
        self.by_threshold = QRadioButton("しきい値判断から作成(&T)")
        self.by_form = QRadioButton("様式を選んで作成(&Y)")
        mode = QButtonGroup(self)
        for b in (self.by_threshold, self.by_form):
            mode.addButton(b)
            mode_row.addWidget(b)
        mode_row.addStretch(1)
        layout.addLayout(mode_row)

        # -- しきい値判断 --------------------------------------------------------------------------
        self.threshold_box = QGroupBox("しきい値判断")
        tl = QVBoxLayout(self.threshold_box)
        tf = QFormLayout()
        self.taisho = QComboBox()
        self.taisho.setAccessibleName("対象人数")
        self.taisho.addItems(taisho_brackets())
        tf.addRow("対象人数(&1)", self.taisho)
        b = self.rules.toriatsukai_boundary
        self.handlers_ge = QRadioButton(f"{b:,}人以上")
        self.handlers_lt = QRadioButton(f"{b:,}人未満")
        tf.addRow("取扱者数(&2)", self._pair(self.handlers_ge, self.handlers_lt))
        self.jiko_ari = QRadioButton("発生あり")
        self.jiko_nashi = QRadioButton("発生なし")
        jiko_label = QLabel("重大事故(&3)")
        jiko_label.setToolTip(self.rules.jiko_label)
        jiko_label.setBuddy(self.jiko_ari)
        tf.addRow(jiko_label, self._pair(self.jiko_ari, self.jiko_nashi))
        tl.addLayout(tf)
        jiko_note = QLabel(f"重大事故：{self.rules.jiko_label}")
        jiko_note.setWordWrap(True)
        set_text_color(jiko_note, COLOR_HELP)
        tl.addWidget(jiko_note)
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName("しきい値判断の結果")
        tl.addWidget(self.result_label)
        self.basis_label = QLabel("")
        self.basis_label.setWordWrap(True)
        set_text_color(self.basis_label, COLOR_HELP)
        tl.addWidget(self.basis_label)

        sets = QGroupBox("作成する評価書(&S)")
        sl = QVBoxLayout(sets)
        self.set_group = QButtonGroup(self)
        self.set_buttons: list[QRadioButton] = []
        self.set_reasons: list[QLabel] = []
        for i in range(3):  # 基礎のみ / 基礎＋重点 / 基礎＋全項目
            button = QRadioButton("")
            reason = QLabel("")
            reason.setWordWrap(True)
            reason.setIndent(24)
            set_text_color(reason, COLOR_ERROR)
            self.set_group.addButton(button, i)
            self.set_buttons.append(button)
            self.set_reasons.append(reason)
            sl.addWidget(button)
            sl.addWidget(reason)
        tl.addWidget(sets)
        layout.addWidget(self.threshold_box)

        # -- one form --------------------------------------------------------------------------------
        self.form_box_group = QGroupBox("様式")
        fl = QFormLayout(self.form_box_group)
        self.form_box = QComboBox()
        for form_id, title in forms.items():
            self.form_box.addItem(title, form_id)
        fl.addRow("様式(&F)", self.form_box)
        layout.addWidget(self.form_box_group)

        files = QFormLayout()
        self.files = QSpinBox()
        self.files.setRange(1, MAX_FILES)
        self.files.setValue(1)
        self.files.setSuffix(" ファイル")
        files.addRow("特定個人情報ファイルの数(&N)", self.files)
        layout.addLayout(files)
        note = QLabel("ファイルの数は後から「評価書」メニューで増減できます。")
        note.setWordWrap(True)
        set_text_color(note, COLOR_HELP)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("作成")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.buttons)
        layout.addStretch(1)

        for box in (self.taisho, self.form_box, self.files):
            wheel_scrolls_page(box)  # scrolling the questions must not change an answer
        self.handlers_lt.setChecked(True)
        self.jiko_nashi.setChecked(True)
        self.by_threshold.setChecked(True)
        self.taisho.currentIndexChanged.connect(lambda _i: self.recompute())
        for g in (self.handlers_ge, self.handlers_lt, self.jiko_ari, self.jiko_nashi):
            g.toggled.connect(lambda on: on and self.recompute())
        self.set_group.idToggled.connect(lambda _i, on: on and self._sync())
        self.by_threshold.toggled.connect(lambda _on: self._sync())
        if not self.taisho.count() or not any(self._offered(c) for c in set_choices(self.rules.results[0].id)):
            # no 基礎 form offered (or none gives the brackets): only the single form path
            self.by_threshold.setEnabled(False)
            self.by_form.setChecked(True)
        self.recompute()
        fit_window(self, QSize(820, 760), "new_assessment")

    def _pair(self, a: QRadioButton, b: QRadioButton) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(box)
        for button in (a, b):
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        return box

    # -- the しきい値判断 ------------------------------------------------------------------------------

    def _offered(self, choice: SetChoice) -> bool:
        try:
            return all(f in self.offered for f in choice.form_ids())
        except PiaError:
            return False

    def threshold_answers(self) -> ThresholdAnswers | None:
        if not self.taisho.currentText():
            return None
        return ThresholdAnswers(self.taisho.currentText(), self.handlers_ge.isChecked(), self.jiko_ari.isChecked())

    def recompute(self) -> None:
        answers = self.threshold_answers()
        judgement = answers.judgement() if answers is not None else None
        self.result = judgement.result if judgement is not None else None
        if self.result is None:
            self.result_label.setText("")
            self.basis_label.setText("")
            self.choices = []
        else:
            self.result_label.setText(f"結果：{self.result.label}")
            emphasize(self.result_label, "heading2")
            assert judgement is not None
            b = self.rules.toriatsukai_boundary
            self.basis_label.setText("適用した基準：" + "、".join(f"{r.id}（{row_condition(r, b)}）" for r in judgement.rows))
            self.choices = [c if self._offered(c) or not c.allowed else SetChoice(c.kinds, "unavailable", "この様式は選べません")
                            for c in set_choices(self.result.id)]
        chosen = preselected(self.choices)
        for i, button in enumerate(self.set_buttons):
            choice = self.choices[i] if i < len(self.choices) else None
            button.setVisible(choice is not None)
            self.set_reasons[i].setVisible(bool(choice and choice.reason))
            if choice is None:
                continue
            suffix = {"required": "（義務）", "voluntary": "（任意に実施）", "refused": "（作成できません）", "unavailable": "（様式がありません）"}
            button.setText(choice.label + suffix[choice.status])
            button.setEnabled(choice.allowed)
            button.setToolTip(choice.reason)
            self.set_reasons[i].setText(choice.reason)
            if choice is chosen:
                button.setChecked(True)
        self._sync()
        self._fit()

    def _fit(self) -> None:
        """Wrapped labels changed their text: let the layout give them their height again (the window
        keeps its size; the body scrolls when it no longer fits)."""
        body = self.body_scroll.widget()  # type: ignore[attr-defined]
        for widget in (body, self):
            layout = widget.layout()
            if layout is not None:
                layout.invalidate()
                layout.activate()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self._fit()

    def chosen_set(self) -> SetChoice | None:
        i = self.set_group.checkedId()
        if 0 <= i < len(self.choices) and self.choices[i].allowed:
            return self.choices[i]
        return None

    def _sync(self) -> None:
        threshold = self.by_threshold.isChecked()
        self.threshold_box.setEnabled(threshold)
        self.form_box_group.setEnabled(not threshold)
        self.ok_button.setEnabled(not threshold or self.chosen_set() is not None)

    def answer(self) -> NewAssessment | None:
        files = self.files.value()
        name = self.jimu.text().strip()
        if self.by_form.isChecked():
            return NewAssessment(str(self.form_box.currentData()), files, jimu_name=name)
        chosen = self.chosen_set()
        if chosen is None:
            return None
        ids = tuple(chosen.form_ids())
        return NewAssessment(ids[0], files, ids, name, self.threshold_answers())

"""The しきい値判断 page: the three inputs of the 指針's test, the computation, and Ⅴ１② compared.

Inputs: 対象人数 (an exact count, or the bracket of Ⅰ１③), 取扱者数 (an exact count, or the sum of the
brackets of Ⅱ３④使用者数 and each 委託事項②), and whether a 重大事故 on 特定個人情報 occurred in the
past year — not Ⅲ７②, which asks about 個人情報 over three years. The page shows the inputs, the
rule(s) of forms/rules/thresholds.yaml applied and the result, and says clearly when the 重点項目評価書
is the wrong form. ``apply_v12(option text)`` asks the owner to write the result into Ⅴ１②. What it
says — the computation, the notes, the items' names — is written by ``ui/checks/threshold_report.py``.

What the user gives beyond the 評価書 is kept with it (``Document.threshold``): ``set_document``
restores it and every change is announced by ``inputs_changed`` for the owner to save.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.brackets import Range, parse_bracket
from pia_desktop.domain.conversion import convert
from pia_desktop.domain.document import Document, ThresholdInputs
from pia_desktop.domain.docview import DocView, short_name
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.threshold.decision import Judgement, decide
from pia_desktop.domain.threshold.document_judgement import jiko_addresses, jiko_from_iii7
from pia_desktop.domain.threshold.staff import StaffEstimate, estimate_staff
from pia_desktop.domain.threshold.table import threshold_rules
from pia_desktop.domain.wareki import normalize_wareki
from pia_desktop.ui.checks.threshold_report import (
    COLOR_ERROR,
    COLOR_OK,
    estimate_text,
    item_mark,
    jiko_name,
    jiko_note,
    judgement_html,
    recheck_text,
    required_names,
    result_name,
    stated_result,
)
from pia_desktop.ui.wizard.editors.wheel import wheel_scrolls_page

OVER_300K = "30万人以上"
MAX_COUNT = 2_000_000_000


class ThresholdPage(QWidget):
    apply_v12 = Signal(str)  # the Ⅴ１② option text that states the computed result
    inputs_changed = Signal(object)  # ThresholdInputs | None: the user changed an input

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = threshold_rules()
        self.form: FormDefinition | None = None
        self.doc: Document | None = None
        self.estimate: StaffEstimate | None = None
        self._judgement: Judgement | None = None
        self._loading = False
        self.today: Callable[[], date] = date.today  # the 判断日 of a change (tests replace it)
        self._saved: ThresholdInputs | None = None  # the inputs as last restored or announced
        self._default_kubun = ""  # the bracket the 評価書 gives (Ⅰ１③)
        self._inferred_jiko: bool | None = None  # what Ⅲ７② tells about ③

        # The page lives in a dock beside the 評価書: it scrolls rather than widen or heighten the window.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.banner = QLabel("")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setAccessibleName("しきい値判断の注意")
        layout.addWidget(self.banner)

        # 対象人数
        box, form = self._box("① 対象人数", "事務のすべての特定個人情報ファイルに記録される本人の数")
        self.taisho_exact = QRadioButton("人数を入力(&N)")
        self.taisho_bracket = QRadioButton("評価書の区分から(&B)")  # the item is named once a 評価書 is set
        self.taisho_group = QButtonGroup(self)
        for b in (self.taisho_exact, self.taisho_bracket):
            self.taisho_group.addButton(b)
        self.taisho_spin = QSpinBox()
        self.taisho_spin.setRange(0, MAX_COUNT)
        self.taisho_spin.setGroupSeparatorShown(True)
        self.taisho_spin.setSuffix(" 人")
        self.taisho_combo = QComboBox()
        self.taisho_combo.setAccessibleName("対象人数の区分")
        form.addRow(self.taisho_exact, self.taisho_spin)
        form.addRow(self.taisho_bracket, self.taisho_combo)
        layout.addWidget(box)

        # 取扱者数
        box, form = self._box("② 取扱者数", "職員及び委託先の従業者のうち、特定個人情報ファイルを取り扱う者の数")
        self.staff_exact = QRadioButton("人数を入力(&S)")
        self.staff_estimate = QRadioButton("評価書の記載から(&E)")
        self.staff_group = QButtonGroup(self)
        for b in (self.staff_exact, self.staff_estimate):
            self.staff_group.addButton(b)
        self.staff_spin = QSpinBox()
        self.staff_spin.setRange(0, MAX_COUNT)
        self.staff_spin.setGroupSeparatorShown(True)
        self.staff_spin.setSuffix(" 人")
        self.staff_detail = QLabel("")
        self.staff_detail.setWordWrap(True)
        form.addRow(self.staff_exact, self.staff_spin)
        form.addRow(self.staff_estimate, self.staff_detail)
        layout.addWidget(box)

        # 重大事故
        box = QGroupBox("③ 重大事故")
        v = QVBoxLayout(box)
        question = QLabel(self.rules.jiko_label)
        question.setWordWrap(True)
        v.addWidget(question)
        self.jiko_note = note = QLabel(self.jiko_note_for(None))
        note.setWordWrap(True)
        v.addWidget(note)
        row = QHBoxLayout()
        self.jiko_ari = QRadioButton("発生あり(&A)")
        self.jiko_nashi = QRadioButton("発生なし(&K)")
        self.jiko_unknown = QRadioButton("未確認(&U)")
        self.jiko_group = QButtonGroup(self)
        for b in (self.jiko_ari, self.jiko_nashi, self.jiko_unknown):
            self.jiko_group.addButton(b)
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        self.jiko_hint = QLabel("")
        self.jiko_hint.setWordWrap(True)
        v.addWidget(self.jiko_hint)
        layout.addWidget(box)

        self.result_view = QTextBrowser()
        self.result_view.setAccessibleName("しきい値判断の計算")
        self.result_view.setOpenLinks(False)
        self.result_view.setMinimumHeight(160)
        layout.addWidget(self.result_view, 1)
        buttons = QHBoxLayout()
        self.saved_label = QLabel("")
        self.saved_label.setAccessibleName("保存した入力の判断日")
        buttons.addWidget(self.saved_label)
        buttons.addStretch(1)
        self.apply_button = QPushButton("この結果をⅤ１②に記載(&W)")
        self.apply_button.clicked.connect(self._apply)
        buttons.addWidget(self.apply_button)
        outer.addLayout(buttons)

        for box in (self.taisho_spin, self.taisho_combo, self.staff_spin, self.result_view):
            wheel_scrolls_page(box)
        for signal in (self.taisho_group.buttonToggled, self.staff_group.buttonToggled, self.jiko_group.buttonToggled):
            # an exclusive group reports the old button going off, then the new one on: act once
            signal.connect(lambda _b, checked: checked and self._edited())
        self.taisho_spin.valueChanged.connect(lambda _v: self._prefer(self.taisho_exact))
        self.staff_spin.valueChanged.connect(lambda _v: self._prefer(self.staff_exact))
        self.taisho_combo.currentIndexChanged.connect(lambda _i: self._prefer(self.taisho_bracket))
        self.taisho_bracket.setChecked(True)
        self.staff_estimate.setChecked(True)
        self.jiko_unknown.setChecked(True)
        self.recompute()

    def sizeHint(self) -> QSize:  # type: ignore[override]
        """A dock's width beside the 評価書 (the content wraps and scrolls)."""
        return QSize(400, 600)

    def _box(self, title: str, explanation: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        note = QLabel(explanation)
        note.setWordWrap(True)
        form.addRow(note)
        return box, form

    def _mark(self, address: str | None) -> str:
        """The printed number of an item of the open form (Ⅰ１③, Ⅱ１, Ⅴ１②…), or ""."""
        if self.form is None or not address:
            return ""
        return item_mark(short_name(self.form, address))

    def jiko_note_for(self, form: FormDefinition | None) -> str:
        """The note on ③, naming the open form's own 3-year 個人情報 question (重点 Ⅲ７②, 全項目 Ⅲ７⑨) or
        saying that the 基礎's own Ⅱ３ is this very question."""
        return jiko_note(self.rules, form)

    def _name_items(self) -> None:
        """The labels that point into the 評価書 name the open form's own items."""
        roles = self.form.roles if self.form is not None else None
        taisho = self._mark(roles.target_count if roles else None)
        self.taisho_bracket.setText(f"区分から（{taisho}）(&B)" if taisho else "評価書の区分から(&B)")
        if roles is not None and roles.handlers:
            self.staff_estimate.setText(f"{self._mark(roles.handlers)}の回答から(&E)")
        elif roles is not None and roles.users:
            self.staff_estimate.setText("使用者数・委託先の取扱者数の区分から見積もる(&E)")
        result = self._mark(roles.threshold_result if roles else None)
        self.apply_button.setText(f"この結果を{result}に記載(&W)" if result else "この結果を評価書に記載(&W)")
        self.jiko_note.setText(self.jiko_note_for(self.form))

    # -- input --------------------------------------------------------------------------------------------

    def set_document(self, form: FormDefinition, doc: Document) -> None:
        """Take the inputs the 評価書 gives (Ⅰ１③, the staff brackets, Ⅲ７② where it rules an accident
        out), then those the user gave before (``doc.threshold``), which take precedence."""
        saved = doc.threshold
        self._loading = True
        try:
            self.form, self.doc = form, doc
            self._name_items()
            view = DocView(form, doc)
            self.taisho_combo.clear()
            taisho_item = form.index[form.roles.target_count] if form.roles.target_count else None
            options = [o.text for o in taisho_item.options] if taisho_item else []
            self.taisho_combo.addItems(options + ([OVER_300K] if not any(parse_bracket(o).hi is None for o in options) else []))
            current = view.text(form.roles.target_count or "")
            if current:
                self.taisho_combo.setCurrentText(current)
            self._default_kubun = self.taisho_combo.currentText()
            if saved is not None and saved.taisho_kubun and self.taisho_combo.findText(saved.taisho_kubun) >= 0:
                self.taisho_combo.setCurrentText(saved.taisho_kubun)
            taisho_ninzu = saved.taisho_ninzu if saved is not None else None
            self.taisho_spin.setValue(taisho_ninzu or 0)
            (self.taisho_bracket if taisho_ninzu is None else self.taisho_exact).setChecked(True)
            self.estimate = estimate_staff(view)
            self.staff_detail.setText(estimate_text(self.estimate))
            staff_ninzu = saved.toriatsukai_ninzu if saved is not None else None
            self.staff_spin.setValue(staff_ninzu or 0)
            (self.staff_estimate if staff_ninzu is None else self.staff_exact).setChecked(True)
            self._inferred_jiko = inferred = jiko_from_iii7(view)
            given = saved.jiko if saved is not None else None
            if given is not None:
                (self.jiko_ari if given else self.jiko_nashi).setChecked(True)
                self.jiko_hint.setText("")
            elif inferred is False:
                self.jiko_nashi.setChecked(True)
                self.jiko_hint.setText(f"{jiko_name(form, doc)}が「発生なし」のため、「発生なし」としています。")
            else:
                self.jiko_unknown.setChecked(True)
                ari = any(view.text(a) == "発生あり" for a in jiko_addresses(view))
                self.jiko_hint.setText(f"{jiko_name(form, doc)}が「発生あり」です。そのうち過去1年以内の特定個人情報に関する重大事故があるか確認してください。" if ari else "")
            self._saved = saved
            self._show_saved()
        finally:
            self._loading = False
        self.recompute()

    def _prefer(self, button: QRadioButton) -> None:
        if not self._loading and not button.isChecked():
            button.setChecked(True)
        else:
            self._edited()

    def inputs(self) -> ThresholdInputs | None:
        """What the page shows beyond what the 評価書 gives; None when it shows only that."""
        jiko = self.jiko_input()
        kubun = "" if self.taisho_exact.isChecked() else self.taisho_combo.currentText()
        given = {
            "taisho_ninzu": self.taisho_spin.value() if self.taisho_exact.isChecked() else None,
            "taisho_kubun": kubun if kubun and kubun != self._default_kubun else None,
            "toriatsukai_ninzu": self.staff_spin.value() if self.staff_exact.isChecked() else None,
            "jiko": None if jiko is False and self._inferred_jiko is False else jiko,
        }
        if all(v is None for v in given.values()):
            return None
        return convert({**given, "handan_bi": self.today()}, ThresholdInputs)

    def _edited(self) -> None:
        """An input changed: recompute, and announce the inputs when the user changed them."""
        self.recompute()
        if self._loading or self.doc is None:
            return
        inputs = self.inputs()
        unchanged = self._saved is None if inputs is None else inputs.same_inputs(self._saved)
        if unchanged:
            return
        self._saved = inputs
        self._show_saved()
        self.inputs_changed.emit(inputs)

    def _show_saved(self) -> None:
        saved = self._saved
        day = normalize_wareki(saved.handan_bi.isoformat()) if saved is not None else None
        self.saved_label.setText(f"入力は評価書とともに保存されます（{day}の判断）" if day else "")

    def taisho_input(self) -> Range | None:
        if self.taisho_exact.isChecked():
            return Range.exact(self.taisho_spin.value())
        text = self.taisho_combo.currentText()
        if text == OVER_300K:
            return Range(300_000, None)
        return parse_bracket(text) if text else None

    def staff_input(self) -> Range | None:
        if self.staff_exact.isChecked():
            return Range.exact(self.staff_spin.value())
        if self.estimate is None or self.estimate.total is None:
            return None
        total = self.estimate.total
        return Range(total.lo, None) if self.estimate.missing else total

    def jiko_input(self) -> bool | None:
        if self.jiko_ari.isChecked():
            return True
        if self.jiko_nashi.isChecked():
            return False
        return None

    # -- output --------------------------------------------------------------------------------------------

    def judgement(self) -> Judgement | None:
        return self._judgement

    def recompute(self) -> None:
        if self._loading:
            return
        taisho, staff = self.taisho_input(), self.staff_input()
        if taisho is None or staff is None:
            self._judgement = None
            missing = "対象人数" if taisho is None else "取扱者数"
            self.result_view.setHtml(f"<p>{missing}を入力すると、しきい値判断の結果を表示します。</p>")
            self._set_banner("")
            self.apply_button.setEnabled(False)
            return
        j = decide(taisho, staff, self.jiko_input(), self.rules)
        self._judgement = j
        kind = self._kind()
        stated = stated_result(self.form, self.doc)
        name = result_name(self.form, self.doc) if self.doc is not None else None
        self.result_view.setHtml(judgement_html(j, self.rules, kind, stated, name))
        result = j.result
        wanted = result.stated_on(kind) if result is not None else None
        if result is not None and result.wrong_form(kind):
            self._set_banner(f"{required_names(result)}が必要です。{result.note}", COLOR_ERROR)
        elif recheck := recheck_text(self.form, self.doc, self.rules, self.jiko_input()):
            self._set_banner(recheck, COLOR_ERROR)
        elif result is not None and stated and wanted != stated:
            self._set_banner(f"{result_name(self.form, self.doc)}の記載（{stated}）が計算結果（{result.label}）と異なります。", COLOR_ERROR)
        else:
            self._set_banner("")
        self.apply_button.setEnabled(bool(wanted and wanted != stated and self.doc is not None))

    def _kind(self) -> str:
        return self.form.roles.kind if self.form is not None else "juten"

    def _set_banner(self, text: str, color: str = COLOR_OK) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(f"color: {color}; font-weight: bold;" if text else "")
        self.banner.setVisible(bool(text))

    def result_text(self) -> str:
        return self.result_view.toPlainText()

    def _apply(self) -> None:
        j = self._judgement
        wanted = j.result.stated_on(self._kind()) if j is not None and j.result is not None else None
        if wanted:
            self.apply_v12.emit(wanted)

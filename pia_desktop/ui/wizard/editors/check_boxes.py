"""Check-box editors: a set of boxes in the form's grid (with free-text and 件数 details, and
exclusive options), and the single box of a heading row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from pia_desktop.domain.document import CheckValue, Value
from pia_desktop.domain.form_definition import Item, Option
from pia_desktop.ui.wizard.editors.base import ItemEditor, Suggestion
from pia_desktop.ui.wizard.editors.history_keys import FieldEdit
from pia_desktop.ui.wizard.editors.number_and_date import ascii_digits
from pia_desktop.ui.wizard.editors.option_grid import GridEditor, ReflowGrid


class ChecksEditor(GridEditor):
    """A set of check boxes in the form's grid, under its printed group labels (・識別情報 …).

    Options with a free text ("その他 （ … ）") or a count ("（ n ） 件") get a box that is enabled
    only while ticked; an exclusive option ("行っていない") clears the others and vice versa.
    """

    def __init__(self, item: Item, parent: QWidget | None = None, suggestions: dict[str, Suggestion] | None = None) -> None:
        super().__init__(item, parent)
        self.boxes: dict[str, QCheckBox] = {}
        self.details: dict[str, QLineEdit] = {}
        self.offers: dict[str, QToolButton] = {}
        self.suggestions = suggestions or {}
        self._order: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.grids = []
        for group_label, options in self._grouped(item.options):
            if group_label:
                layout.addWidget(QLabel(group_label))
            host = QWidget()
            grid = ReflowGrid(host, item.columns or 1, indent=16 if group_label else 0)
            for option in options:
                grid.add(self._option_widget(option), whole_row=option.free_text)  # "その他 （ … ）" takes a row, as printed
            grid.place(grid.max_columns)
            self.grids.append(grid)
            layout.addWidget(host)
        self.refresh_suggestion()

    @staticmethod
    def _grouped(options: list[Option]) -> list[tuple[str | None, list[Option]]]:
        groups: list[tuple[str | None, list[Option]]] = []
        for option in options:
            if not groups or groups[-1][0] != option.group:
                groups.append((option.group, []))
            groups[-1][1].append(option)
        return groups

    def _option_widget(self, option: Option) -> QWidget:
        cell = QWidget()
        h = QHBoxLayout(cell)
        h.setContentsMargins(0, 0, 0, 0)
        h.setSpacing(4)
        box = QCheckBox(option.printed)
        box.setAccessibleName(f"{self.item.label}：{option.text}")
        box.toggled.connect(lambda checked, o=option: self._ticked(o, checked))
        self.boxes[option.text] = box
        h.addWidget(box)
        self._order.append(box)
        if option.free_text or option.count:
            edit = FieldEdit()
            edit.setEnabled(False)
            edit.setAccessibleName(f"{self.item.label}：{option.text}の{'件数' if option.count else '内容'}")
            if option.count:
                edit.setMaximumWidth(70)
                edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            edit.textChanged.connect(self._detail_changed)
            self.details[option.text] = edit
            h.addWidget(QLabel("（"))
            h.addWidget(edit, 1 if option.free_text else 0)
            h.addWidget(QLabel("）件" if option.count else "）"))
            self._order.append(edit)
            if option.count and option.text in self.suggestions:
                offer = QToolButton()
                offer.setVisible(False)
                offer.clicked.connect(lambda _=False, o=option: self._take_offer(o))
                self.offers[option.text] = offer
                h.addWidget(offer)
                self._order.append(offer)
        if not option.free_text:
            h.addStretch(1)
        return cell

    def _ticked(self, option: Option, checked: bool) -> None:
        if self._loading:
            return
        with self.loading():
            if checked:
                for other in self.item.options:
                    if other is not option and (option.exclusive or other.exclusive):
                        self.boxes[other.text].setChecked(False)
            self._sync_details()
        if checked and option.count and not self.details[option.text].text() and option.text in self.suggestions:
            n = self.suggestions[option.text]()
            if n:
                with self.loading():
                    self.details[option.text].setText(str(n))
        self._commit(self.value(), False)
        self.refresh_suggestion()

    def _detail_changed(self) -> None:
        self._commit(self.value(), True)
        self.refresh_suggestion()

    def _take_offer(self, option: Option) -> None:
        n = self.suggestions[option.text]()
        if n is not None:
            self.details[option.text].setText(str(n))

    def _sync_details(self) -> None:
        for text, edit in self.details.items():
            edit.setEnabled(self.boxes[text].isChecked() and self.isEnabled())

    def refresh_suggestion(self) -> None:
        for text, offer in self.offers.items():
            n = self.suggestions[text]()
            current = ascii_digits(self.details[text].text()).strip()
            show = n is not None and self.boxes[text].isChecked() and current != str(n)
            if show:
                offer.setText(f"{n} を記入")
                offer.setToolTip(f"登録されている件数（{n}件）を記入します")
            offer.setVisible(show)
            self.details[text].setPlaceholderText(str(n) if n is not None else "")

    def _show(self, value: Value | None) -> None:
        cv = value if isinstance(value, CheckValue) else CheckValue()
        for text, box in self.boxes.items():
            box.setChecked(text in cv.checked)
        for text, edit in self.details.items():
            detail = cv.details.get(text, "")
            if edit.text() != detail:
                edit.setText(detail)
        self._sync_details()
        self.refresh_suggestion()

    def value(self) -> Value | None:
        checked = [o.text for o in self.item.options if self.boxes[o.text].isChecked()]
        details = {}
        for text in checked:
            edit = self.details.get(text)
            if edit is None:
                continue
            option = self.item.option(text)
            detail = ascii_digits(edit.text()).strip() if option is not None and option.count else edit.text()
            if detail.strip():
                details[text] = detail
        value = CheckValue(checked=checked, details=details)
        return None if value.is_empty() else value

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._sync_details()

    def focus_widgets(self) -> list[QWidget]:
        return list(self._order)


class CheckboxEditor(ItemEditor):
    """One box in a heading row ("委託しない")."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(item.label)
        self.box.toggled.connect(lambda checked: self._commit(checked, False))
        layout.addWidget(self.box)
        layout.addStretch(1)
        self.setFocusProxy(self.box)

    def _show(self, value: Value | None) -> None:
        self.box.setChecked(value is True)

    def value(self) -> Value | None:
        return True if self.box.isChecked() else None

    def focus_widgets(self) -> list[QWidget]:
        return [self.box]

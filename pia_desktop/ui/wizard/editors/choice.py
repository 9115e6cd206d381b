"""The single-choice editor: radio buttons with the official option texts, and a way back to
"not chosen" (選択を解除, Delete)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QHBoxLayout, QRadioButton, QToolButton, QWidget

from pia_desktop.domain.document import Value
from pia_desktop.domain.form_definition import Item
from pia_desktop.ui.wizard.editors.option_grid import GridEditor, ReflowGrid

RADIO_LINE_CHARS = 30  # a radio button's text does not wrap: longer option texts are broken into lines


def wrapped_option(text: str, width: int = RADIO_LINE_CHARS) -> str:
    """The option text in lines of at most ``width`` characters, broken after 、 or before （ where possible
    (基礎 Ⅳ11's and 重点 Ⅴ１②'s options are longer than the page is wide)."""
    lines: list[str] = []
    rest = text
    while len(rest) > width:
        cut = max(rest.rfind("、", 0, width) + 1, rest.rfind("（", 0, width + 1))
        cut = cut if cut > width // 2 else width
        lines.append(rest[:cut])
        rest = rest[cut:]
    return "\n".join([*lines, rest])


class ClearableRadio(QRadioButton):
    """Delete or Backspace on a choice clears it (a choice can always be undone to "not chosen")."""

    def __init__(self, text: str, editor: ChoiceEditor) -> None:
        super().__init__(text)
        self.editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.editor.isEnabled():
            self.editor.clear_choice()
            return
        super().keyPressEvent(event)


class ChoiceEditor(GridEditor):
    """Radio buttons with the official option texts ("1） 十分である"), and a way to clear the choice."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        grid_host = QWidget()
        self.grids = [ReflowGrid(grid_host, item.columns or (2 if len(item.options) > 1 else 1))]
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for i, option in enumerate(item.options):
            button = ClearableRadio(wrapped_option(option.printed), self)
            button.setAccessibleName(f"{item.label}：{option.text}")
            self.group.addButton(button, i)
            self.buttons[option.text] = button
            self.grids[0].add(button)
        self.grids[0].place(self.grids[0].max_columns)
        outer.addWidget(grid_host, 1)
        self.clear_button = QToolButton()
        self.clear_button.setText("選択を解除")
        self.clear_button.setToolTip("選択を取り消して未選択に戻します（Delete キーでも解除できます）")
        self.clear_button.clicked.connect(self.clear_choice)
        outer.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        self.reserve = self.clear_button.sizeHint().width() + outer.spacing()
        self.group.buttonToggled.connect(self._toggled)
        self._sync_clear()
        self.setFocusProxy(next(iter(self.buttons.values())))

    def _toggled(self, button: QAbstractButton, checked: bool) -> None:
        self._sync_clear()
        if checked:
            self._commit(self.value(), False)

    def _sync_clear(self) -> None:
        self.clear_button.setEnabled(self.group.checkedButton() is not None)

    def _uncheck_all(self) -> None:
        self.group.setExclusive(False)
        for b in self.buttons.values():
            b.setChecked(False)
        self.group.setExclusive(True)

    def clear_choice(self) -> None:
        if self.group.checkedButton() is None:
            return
        focus_was_here = any(b.hasFocus() for b in self.buttons.values())
        self._uncheck_all()
        self._sync_clear()
        self._commit(None, False)
        if focus_was_here:
            next(iter(self.buttons.values())).setFocus()

    def _show(self, value: Value | None) -> None:
        button = self.buttons.get(value) if isinstance(value, str) else None
        if button is None:
            self._uncheck_all()
        elif not button.isChecked():
            button.setChecked(True)
        self._sync_clear()

    def value(self) -> Value | None:
        checked = self.group.checkedButton()
        if checked is None:
            return None
        return self.item.options[self.group.id(checked)].text

    def focus_widgets(self) -> list[QWidget]:
        return [*self.buttons.values(), self.clear_button]

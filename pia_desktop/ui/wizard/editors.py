"""One editor widget per item type, built from the item's definition (labels and options as printed).

Editors only show values and report the user's changes (``committed``); saving, undo and
conditions are the session's and the page's business. A change made by the program (loading,
undo) never echoes back as a commit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.document import CheckValue, Value
from pia_desktop.domain.form_definition import Item, ItemType, Option
from pia_desktop.domain.wareki import normalize_wareki, parse_wareki
from pia_desktop.ui.shell.look import COLOR_HELP, set_text_color

COLOR_LINKED = "#1f5f99"  # the ［共通］ marker of an item linked to a 共通項目

_ASCII_DIGITS = str.maketrans("０１２３４５６７８９，", "0123456789,")
Suggestion = Callable[[], int | None]  # the number of entries a 件数 field should state


def ascii_digits(text: str) -> str:
    """IME input is often full-width: "２０" → "20"."""
    return text.translate(_ASCII_DIGITS)


def route_history_key(widget: QWidget, event: QKeyEvent) -> bool:
    """Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y in a text field undo and redo across all items (the window's
    history), not only inside the field. Text widgets claim these keys before shortcuts see them."""
    combo = QKeySequence(event.keyCombination())
    if event.matches(QKeySequence.StandardKey.Undo):
        action = "undo"
    elif event.matches(QKeySequence.StandardKey.Redo) or combo in (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")):
        action = "redo"
    else:
        return False
    handler = getattr(widget.window(), action, None)
    if not callable(handler):
        return False
    handler()
    return True


class _WheelToPage(QObject):
    """Sends the wheel to the page's scroll area while the box under the mouse is not being edited:
    a clerk scrolling the page must not change a 区分 or scroll inside a long answer by accident."""

    def __init__(self, box: QWidget) -> None:
        super().__init__(box)
        self.box = box

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or self.box.hasFocus():
            return False
        page = enclosing_scroll_area(self.box)
        if page is None:
            event.ignore()  # nothing to scroll: at least do not change the value
            return True
        QApplication.sendEvent(page.viewport(), event)
        return True


def enclosing_scroll_area(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def wheel_scrolls_page(box: QWidget) -> QWidget:
    """Let the wheel over ``box`` (a combo box, spin box or text box) scroll the page unless the box has
    the focus; such boxes take the focus by click or Tab only, not by the wheel."""
    if box.findChild(_WheelToPage) is not None:
        return box
    guard = _WheelToPage(box)
    box.installEventFilter(guard)
    if isinstance(box, QAbstractScrollArea):
        box.viewport().installEventFilter(guard)  # a text box gets the wheel on its viewport
    if isinstance(box, (QComboBox, QAbstractSpinBox)):
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return box


class FieldEdit(QLineEdit):
    """A one-line field whose Ctrl+Z belongs to the window's undo history."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not route_history_key(self, event):
            super().keyPressEvent(event)


class ItemEditor(QWidget):
    """Base: ``set_value`` shows a stored value; ``committed(value, mergeable)`` reports a user change."""

    committed = Signal(object, bool)

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self._loading = False

    @contextmanager
    def loading(self) -> Iterator[None]:
        self._loading = True
        try:
            yield
        finally:
            self._loading = False

    def set_value(self, value: Value | None) -> None:
        with self.loading():
            self._show(value)

    def _commit(self, value: Value | None, mergeable: bool) -> None:
        if not self._loading:
            self.committed.emit(value, mergeable)

    def _show(self, value: Value | None) -> None:
        raise NotImplementedError

    def value(self) -> Value | None:
        raise NotImplementedError

    def focus_widgets(self) -> list[QWidget]:
        """The widgets Tab visits, in order."""
        return [self]

    def set_read_only(self, readonly: bool) -> None:
        self.setEnabled(not readonly)

    def refresh_suggestion(self) -> None:
        """Re-read the number of entries offered to a 件数 field (only some editors have one)."""

    def set_linked(self, name: str | None) -> None:
        """Show (or hide, with None) that the item is linked to the 共通項目 ``name``; created on first use."""
        label: QLabel | None = getattr(self, "_linked_label", None)
        if name is None:
            if label is not None:
                label.hide()
            return
        if label is None:
            layout = self.layout()
            if layout is None:
                return
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            set_text_color(label, COLOR_LINKED)
            label.setToolTip("共通項目に連結しています。右クリックで共通項目の編集・連結の解除ができます")
            layout.addWidget(label)
            self._linked_label = label
        label.setText(f"［共通］{name}")
        label.setAccessibleName(f"共通項目「{name}」に連結")
        label.show()

    def linked_text(self) -> str | None:
        label: QLabel | None = getattr(self, "_linked_label", None)
        return label.text() if label is not None and not label.isHidden() else None


# -- one-line text ---------------------------------------------------------------------------------


class LineEditor(ItemEditor):
    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = FieldEdit()
        self.edit.setAccessibleName(item.label)
        layout.addWidget(self.edit)
        # textChanged carries committed text only: an IME composition in progress is not in text().
        self.edit.textChanged.connect(self._changed)
        self.setFocusProxy(self.edit)

    def _changed(self, text: str) -> None:
        self._commit(text, True)

    def _show(self, value: Value | None) -> None:
        text = value if isinstance(value, str) else ""
        if self.edit.text() != text:
            self.edit.setText(text)

    def value(self) -> Value | None:
        return self.edit.text() or None

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit]

    def set_read_only(self, readonly: bool) -> None:
        self.edit.setReadOnly(readonly)


class NumberEditor(LineEditor):
    """Digits (commas allowed). A 件数 field also offers the number of entries of its group."""

    def __init__(self, item: Item, parent: QWidget | None = None, suggestion: Suggestion | None = None) -> None:
        super().__init__(item, parent)
        self.edit.setMaximumWidth(160)
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.suggestion = suggestion
        self.offer = QToolButton()
        self.offer.clicked.connect(self._take_offer)
        self.offer.setVisible(False)
        self.layout().addWidget(self.offer)
        self.layout().addStretch(1)  # type: ignore[attr-defined]
        self.edit.editingFinished.connect(self._tidy)

    def _changed(self, text: str) -> None:
        self._commit(ascii_digits(text).strip(), True)
        self.refresh_suggestion()

    def _tidy(self) -> None:
        tidy = ascii_digits(self.edit.text()).strip()
        if tidy != self.edit.text():
            with self.loading():
                self.edit.setText(tidy)

    def _take_offer(self) -> None:
        n = self.suggestion() if self.suggestion else None
        if n is not None:
            self.edit.setText(str(n))

    def _show(self, value: Value | None) -> None:
        super()._show(value)
        self.refresh_suggestion()

    def value(self) -> Value | None:
        return ascii_digits(self.edit.text()).strip() or None

    def refresh_suggestion(self) -> None:
        n = self.suggestion() if self.suggestion else None
        self.edit.setPlaceholderText(str(n) if n is not None else "")
        show = n is not None and self.value() != str(n)
        if show:
            self.offer.setText(f"{n} を記入")
            self.offer.setToolTip(f"登録されている件数（{n}件）をこの欄に記入します")
        self.offer.setVisible(show)

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit, self.offer]


class DateEditor(LineEditor):
    """和暦: accepts 令和7年5月30日, R7.5.30, 2025/5/30 (also full-width) and shows the 和暦 form."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.edit.setMaximumWidth(240)
        self.edit.setPlaceholderText("例：令和7年5月30日、R7.5.30")
        self.hint = QLabel()
        set_text_color(self.hint, COLOR_HELP)
        self.layout().addWidget(self.hint)
        self.layout().addStretch(1)  # type: ignore[attr-defined]
        self.edit.editingFinished.connect(self._tidy)

    def _normal(self, text: str) -> str:
        return normalize_wareki(text, partial=self.item.date_partial) or text.strip()

    def _changed(self, text: str) -> None:
        self._commit(self._normal(text), True)
        self._update_hint(text)

    def _update_hint(self, text: str) -> None:
        parsed = parse_wareki(text, partial=self.item.date_partial) if text.strip() else None
        if not text.strip():
            self.hint.setText("")
        elif parsed is None:
            self.hint.setText("日付として読めません")
        else:
            western = parsed.to_date()
            shown = f"{western.year}年" + (f"{parsed.month}月" if parsed.month else "") + (f"{parsed.day}日" if parsed.day else "")
            self.hint.setText(f"{parsed.format()}（西暦{shown}）")

    def _tidy(self) -> None:
        normal = self._normal(self.edit.text())
        if normal != self.edit.text():
            with self.loading():
                self.edit.setText(normal)

    def _show(self, value: Value | None) -> None:
        super()._show(value)
        self._update_hint(self.edit.text())

    def value(self) -> Value | None:
        return self._normal(self.edit.text()) or None


# -- long text ---------------------------------------------------------------------------------------


class GrowingTextEdit(QTextEdit):
    """A plain-text editor that grows with its content (2 to MAX_LINES lines, then scrolls)."""

    MIN_LINES = 2
    MAX_LINES = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)  # the window's undo history covers every item
        self.setTabChangesFocus(True)  # Tab moves to the next item; Ctrl+Tab would insert a tab
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.document().setDocumentMargin(3)
        self.document().contentsChanged.connect(self.fit)
        self._width = -1
        self.fit()

    def fit(self) -> None:
        doc = self.document()
        doc.setTextWidth(max(50, self.viewport().width()))
        line = self.fontMetrics().lineSpacing()
        margins = 2 * self.frameWidth() + 2 * int(doc.documentMargin()) + 2
        lo = self.MIN_LINES * line + margins
        hi = self.MAX_LINES * line + margins
        height = max(lo, min(hi, int(doc.size().height()) + 2 * self.frameWidth() + 2))
        if height != self.height():
            self.setFixedHeight(height)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not route_history_key(self, event):
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if self.viewport().width() != self._width:
            self._width = self.viewport().width()
            self.fit()


class TextAreaEditor(ItemEditor):
    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = GrowingTextEdit()
        self.edit.setAccessibleName(item.label)
        wheel_scrolls_page(self.edit)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self._last = ""
        self.edit.textChanged.connect(self._changed)

    def _changed(self) -> None:
        # During an IME composition the preedit is not part of toPlainText(): nothing new is committed.
        text = self.edit.toPlainText()
        if text != self._last:
            self._last = text
            self._commit(text, True)

    def _show(self, value: Value | None) -> None:
        text = value if isinstance(value, str) else ""
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)
        self._last = text

    def value(self) -> Value | None:
        return self.edit.toPlainText() or None

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit]

    def set_read_only(self, readonly: bool) -> None:
        self.edit.setReadOnly(readonly)


# -- grids of options ----------------------------------------------------------------------------------


class ReflowGrid:
    """Options in the form's columns, falling back to fewer columns when the window is narrow
    (a 1366×768 screen at 125 % leaves little room), so a page never needs sideways scrolling."""

    H_SPACING = 18

    def __init__(self, host: QWidget, columns: int, indent: int = 0) -> None:
        self.grid = QGridLayout(host)
        self.grid.setContentsMargins(indent, 0, 0, 0)
        self.grid.setHorizontalSpacing(self.H_SPACING)
        self.grid.setVerticalSpacing(2)
        self.indent = indent
        self.max_columns = max(1, columns)
        self.columns = 0
        self.cells: list[tuple[QWidget, bool]] = []  # (widget, takes a whole row)

    def add(self, widget: QWidget, *, whole_row: bool = False) -> None:
        self.cells.append((widget, whole_row))

    def place(self, columns: int) -> None:
        if columns == self.columns:
            return
        for widget, _ in self.cells:
            self.grid.removeWidget(widget)
        if self.columns:
            self.grid.setColumnStretch(self.columns, 0)
        self.columns = columns
        row = col = 0
        for widget, whole in self.cells:
            if whole:
                if col:
                    row, col = row + 1, 0
                self.grid.addWidget(widget, row, 0, 1, columns + 1)  # through the stretch column: a wide text box
                row += 1
                continue
            self.grid.addWidget(widget, row, col)
            col += 1
            if col == columns:
                row, col = row + 1, 0
        self.grid.setColumnStretch(columns, 1)

    def _cell_width(self) -> int:
        return max((w.sizeHint().width() for w, whole in self.cells if not whole), default=0)

    def needed(self, columns: int) -> int:
        return self.indent + columns * self._cell_width() + (columns - 1) * self.H_SPACING

    def min_width(self) -> int:
        return self.needed(1)

    def fit(self, width: int) -> None:
        columns = self.max_columns
        while columns > 1 and self.needed(columns) > width:
            columns -= 1
        self.place(columns)


# -- single choice -------------------------------------------------------------------------------------


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


class GridEditor(ItemEditor):
    """An editor laid out in ReflowGrids: it may shrink to one column and re-flows on resize."""

    grids: list[ReflowGrid]
    reserve = 0  # width beside the grids (the 選択を解除 button)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(g.min_width() for g in self.grids) + self.reserve, hint.height())

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        for grid in self.grids:
            grid.fit(event.size().width() - self.reserve)


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


# -- check boxes ---------------------------------------------------------------------------------------


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


def make_editor(item: Item, *, title: bool = False, suggestions: dict[str, Suggestion] | None = None) -> ItemEditor:
    """The editor for an item (``title``: the value carried by a titled entry header)."""
    if title:
        return LineEditor(item)
    t = item.type
    if t == ItemType.TEXT:
        return LineEditor(item)
    if t == ItemType.NUMBER:
        return NumberEditor(item, suggestion=(suggestions or {}).get(""))
    if t == ItemType.DATE:
        return DateEditor(item)
    if t == ItemType.TEXTAREA:
        return TextAreaEditor(item)
    if t == ItemType.CHOICE:
        return ChoiceEditor(item)
    if t == ItemType.CHECKS:
        return ChecksEditor(item, suggestions=suggestions)
    if t == ItemType.CHECKBOX:
        return CheckboxEditor(item)
    raise ValueError(f"{item.id}: no editor for {t}")


def normalize_nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()

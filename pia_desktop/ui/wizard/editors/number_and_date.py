"""One-line editors that tidy what is typed: numbers (a 件数 field offers the number of entries of
its group) and 和暦 dates. IME input is often full-width; both accept it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from pia_desktop.domain.document import Value
from pia_desktop.domain.form_definition import Item
from pia_desktop.domain.wareki import normalize_wareki, parse_wareki
from pia_desktop.ui.shell.look import COLOR_HELP, set_text_color
from pia_desktop.ui.wizard.editors.base import Suggestion
from pia_desktop.ui.wizard.editors.text import LineEditor

_ASCII_DIGITS = str.maketrans("０１２３４５６７８９，", "0123456789,")


def ascii_digits(text: str) -> str:
    """IME input is often full-width: "２０" → "20"."""
    return text.translate(_ASCII_DIGITS)


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

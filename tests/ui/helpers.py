"""Driving the wizard's real widgets the way a user does (clicks, typing, keys)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from pia_desktop.ui.wizard.editors.check_boxes import ChecksEditor
from pia_desktop.ui.wizard.editors.choice import ChoiceEditor
from pia_desktop.ui.wizard.editors.number_and_date import DateEditor
from pia_desktop.ui.wizard.editors.text import LineEditor, TextAreaEditor
from pia_desktop.ui.wizard.rows import ItemRow


def row(wizard: Any, address: str) -> ItemRow:
    widget = wizard.go_to(address)
    assert isinstance(widget, ItemRow), f"{address}: {widget!r}"
    return widget


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def choose(wizard: Any, address: str, option_text: str) -> None:
    editor = row(wizard, address).editor
    assert isinstance(editor, ChoiceEditor)
    click(editor.buttons[option_text])


def send_text(target: QWidget, text: str) -> None:
    """Type ``text``: ASCII as key presses, Japanese as an IME would deliver it (a committed string)."""
    run = ""

    def flush_ascii() -> None:
        nonlocal run
        if run:
            QTest.keyClicks(target, run)
            run = ""

    for ch in text:
        if ch == "\n":
            flush_ascii()
            QTest.keyClick(target, Qt.Key.Key_Return)
        elif ch.isascii():
            run += ch
        else:
            flush_ascii()
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(target, event)
    flush_ascii()
    QApplication.processEvents()


def type_into(wizard: Any, address: str, text: str, *, replace: bool = True) -> None:
    editor = row(wizard, address).editor
    target = editor.edit if isinstance(editor, (LineEditor, TextAreaEditor, DateEditor)) else editor
    target.setFocus()
    if replace:
        QTest.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(target, Qt.Key.Key_Delete)
    send_text(target, text)


def tick(wizard: Any, address: str, option_text: str) -> ChecksEditor:
    editor = row(wizard, address).editor
    assert isinstance(editor, ChecksEditor)
    click(editor.boxes[option_text])
    return editor


def key(widget: QWidget | None, key_: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = widget or QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key_, modifiers)
    QApplication.processEvents()


def shortcut(window: QWidget, sequence: str) -> None:
    """Press a key sequence on the focused widget of ``window`` (so widget shortcut overrides apply)."""
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(sequence)[0]
    QApplication.processEvents()  # let focus and activation settle first
    target = QApplication.focusWidget() or window
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())
    QApplication.processEvents()

"""Driving the main window as a clerk does: by the menu bar's visible items and the dialogs' answers."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

from pia_desktop.ui.wizard.editors.text import TextAreaEditor
from tests.ui.helpers import row


def menu_action(window: Any, *path: str) -> QAction:
    """The action at ``path`` of menu texts without their mnemonics ("評価書", "新年度版を作成")."""

    def plain(text: str) -> str:
        return text.split("(&")[0].split("\t")[0].rstrip("…").strip()

    actions = window.menuBar().actions()
    for depth, name in enumerate(path):
        found = next((a for a in actions if plain(a.text()) == name), None)
        assert found is not None, f"no menu item {' › '.join(path[: depth + 1])}: {[plain(a.text()) for a in actions]}"
        if depth == len(path) - 1:
            return found
        menu = found.menu()
        assert isinstance(menu, QMenu)
        menu.aboutToShow.emit()  # what opening the menu does: its items recompute their state
        actions = menu.actions()
    raise AssertionError("empty path")


def enabled(window: Any, *path: str) -> bool:
    return menu_action(window, *path).isEnabled()


def choose_menu(window: Any, *path: str) -> None:
    """Click a menu item; it must be enabled, as the user could not click it otherwise."""
    action = menu_action(window, *path)
    assert action.isEnabled(), f"{' › '.join(path)} is greyed out"
    action.trigger()
    QApplication.processEvents()


def paste_into(wizard: Any, address: str, text: str) -> None:
    """Replace a text box's content as a paste does (one change, not a keystroke per character)."""
    editor = row(wizard, address).editor
    target = editor.edit
    target.setFocus()
    if isinstance(editor, TextAreaEditor):
        target.selectAll()
        target.insertPlainText(text)
    else:
        target.selectAll()
        target.insert(text)
    QApplication.processEvents()

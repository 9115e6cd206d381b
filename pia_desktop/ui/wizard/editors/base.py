"""The editor every item type builds on: shows a stored value, reports the user's change
(``committed``) but never the program's own (loading, undo), and can show its ［共通］ link."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from pia_desktop.domain.document import Value
from pia_desktop.domain.form_definition import Item
from pia_desktop.ui.shell.look import set_text_color

COLOR_LINKED = "#1f5f99"  # the ［共通］ marker of an item linked to a 共通項目
Suggestion = Callable[[], int | None]  # the number of entries a 件数 field should state


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

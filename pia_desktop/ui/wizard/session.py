"""One open assessment: the document in memory, saving every change to the store, undo/redo.

Every answer goes to the store the moment it changes (``Store.set_value``, one transaction);
structural changes (entries added, removed, moved; files added or removed) save the whole document
(``Store.save_document``). Both kinds are commands on one QUndoStack, so Ctrl+Z works across items.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from pia_desktop.domain.document import Document, ThresholdInputs, Value, is_empty
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.storage.store import Store

MERGE_WINDOW_S = 2.0  # typing pauses longer than this start a new undo step
_MERGE_ID = 0x5049  # any constant: QUndoStack only merges commands that report the same id


def same_value(a: Value | None, b: Value | None) -> bool:
    if is_empty(a) and is_empty(b):
        return True
    return a == b


class ValueCommand(QUndoCommand):
    """One answer changed. Consecutive typing in the same field merges into one step."""

    def __init__(self, session: EditSession, address: str, old: Value | None, new: Value | None, *, mergeable: bool) -> None:
        super().__init__(f"「{session.describe(address)}」の変更")
        self.session = session
        self.address = address
        self.old = old
        self.new = new
        self.mergeable = mergeable
        self.stamp = time.monotonic()
        self.first = True

    def id(self) -> int:
        return _MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ValueCommand) or other.address != self.address or not other.mergeable:
            return False
        if other.stamp - self.stamp > MERGE_WINDOW_S:
            return False
        self.new = other.new
        self.stamp = other.stamp
        if same_value(self.old, self.new):
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        # The first redo happens on push: the widget already shows the value, only the store needs it.
        self.session._apply_value(self.address, self.new, from_history=not self.first)
        self.first = False

    def undo(self) -> None:
        self.session._apply_value(self.address, self.old, from_history=True)


class StructureCommand(QUndoCommand):
    """Entries or files added, removed or reordered: the whole document before and after."""

    def __init__(self, session: EditSession, text: str, before: Document, after: Document, focus: str) -> None:
        super().__init__(text)
        self.session = session
        self.before = before
        self.after = after
        self.focus = focus  # an address to show after undo/redo

    def redo(self) -> None:
        self.session._apply_document(self.after.copy(), self.focus)

    def undo(self) -> None:
        self.session._apply_document(self.before.copy(), self.focus)


class EditSession(QObject):
    """The assessment being edited. Widgets call ``set_value``; they listen to the signals."""

    value_changed = Signal(str, bool)  # address, from undo/redo
    document_replaced = Signal(str)  # structure changed: an address to show ("" for none)
    saved = Signal(str)  # "HH:MM:SS"
    save_failed = Signal(str)  # the message to show

    def __init__(
        self, store: Store, assessment_id: int, form: FormDefinition, doc: Document, *, readonly: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)  # owned by the window: deleted on the GUI thread, never by a collector elsewhere
        self.store = store
        self.assessment_id = assessment_id
        self.form = form
        self.doc = doc
        self.readonly = readonly
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self.last_saved: str | None = None

    @classmethod
    def open(cls, store: Store, assessment_id: int, parent: QObject | None = None) -> EditSession:
        from pia_desktop.domain.form_definition import load_form

        doc = store.load(assessment_id)
        return cls(store, assessment_id, load_form(doc.form_id), doc, readonly=store.readonly, parent=parent)

    def dispose(self) -> None:
        """The assessment was closed: drop the history (its commands refer back here) and let Qt
        delete the object on the GUI thread."""
        self.undo_stack.blockSignals(True)
        self.undo_stack.clear()
        self.deleteLater()

    def describe(self, address: str) -> str:
        from pia_desktop.domain.validation import describe

        return describe(self.form, address).split(" › ")[-1]

    # -- answers ---------------------------------------------------------------------------------

    def set_value(self, address: str, value: Value | None, *, mergeable: bool = False) -> None:
        """The user changed an answer: save it now and make it undoable."""
        if self.readonly:
            return
        old = self.doc.get(address)
        if same_value(old, value):
            return
        self.undo_stack.push(ValueCommand(self, address, old, value, mergeable=mergeable))

    def _apply_value(self, address: str, value: Value | None, *, from_history: bool) -> None:
        self.doc.set(address, value)
        try:
            stamp = self.store.set_value(self.assessment_id, address, None if is_empty(value) else value)
        except (PiaError, OSError) as exc:
            self._failed(exc)
        else:
            self._saved(stamp)
        self.value_changed.emit(address, from_history)

    # -- structure ---------------------------------------------------------------------------------

    def change_structure(self, text: str, mutate: Callable[[Document], None], focus: str = "") -> None:
        """Apply ``mutate`` to a copy of the document, save it, and make it undoable."""
        if self.readonly:
            return
        before = self.doc.copy()
        after = self.doc.copy()
        mutate(after)
        self.undo_stack.push(StructureCommand(self, text, before, after, focus))

    def _apply_document(self, doc: Document, focus: str) -> None:
        doc.status = self.doc.status  # the 状況 is not part of the history
        doc.threshold = self.doc.threshold  # nor are the しきい値判断 inputs
        doc.reviews = self.doc.reviews  # nor the 見直し records
        self.doc = doc
        try:
            stamp = self.store.save_document(self.assessment_id, doc)
        except (PiaError, OSError) as exc:
            self._failed(exc)
        else:
            self._saved(stamp)
        self.document_replaced.emit(focus)

    def set_status(self, status: str) -> None:
        """作成中 / 確認中 / 確定: a property of the assessment, not an answer (not on the undo stack)."""
        if self.readonly or status == self.doc.status:
            return
        self.doc.status = status  # type: ignore[assignment]
        try:
            self.store.set_status(self.assessment_id, status)
        except (PiaError, OSError) as exc:
            self._failed(exc)
        else:
            self._saved(datetime.now().isoformat())

    def set_threshold(self, inputs: ThresholdInputs | None) -> None:
        """The しきい値判断 inputs: saved at once, like the 状況 not on the undo stack (they are not answers)."""
        if self.readonly or inputs == self.doc.threshold:
            return
        self.doc.threshold = inputs
        try:
            stamp = self.store.set_threshold(self.assessment_id, inputs)
        except (PiaError, OSError) as exc:
            self._failed(exc)
        else:
            self._saved(stamp)

    # -- 版 (snapshots) ------------------------------------------------------------------------------

    def snapshot(self, name: str) -> int:
        return self.store.snapshot(self.assessment_id, name)

    def restore_snapshot(self, snapshot_id: int) -> None:
        """Restore a 版; the store keeps the current state as a 版 first. Undo history starts afresh."""
        self.store.restore_snapshot(snapshot_id)
        self.doc = self.store.load(self.assessment_id)
        self.undo_stack.clear()
        self._saved(datetime.now().isoformat())
        self.document_replaced.emit("")

    # -- status line ---------------------------------------------------------------------------------

    def _saved(self, iso_time: str) -> None:
        self.last_saved = iso_time[11:19]
        self.saved.emit(self.last_saved)

    def _failed(self, exc: Exception) -> None:
        message = exc.message if isinstance(exc, PiaError) else str(exc)
        self.save_failed.emit(f"保存できませんでした：{message}")

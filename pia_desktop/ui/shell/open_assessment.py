"""The one owner of "the open 評価書": its edit session and its wizard page.

Every change of document — open, close, 新年度版, 変換, 取り込み, 版の復元, a new set, another store — goes
through ``open`` or ``close`` here, which leaves exactly one live session (or none) and then emits
``changed`` once. Nothing else keeps a session: the menus, the docks and the status line ask this object
and recompute themselves on ``changed``. A closed session is disconnected before it is disposed, so its
late deletion can never touch the one that replaced it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget

from pia_desktop.storage.store import Store
from pia_desktop.ui.shell.dialogs import Dialogs
from pia_desktop.ui.wizard.assessment_wizard import WizardView
from pia_desktop.ui.wizard.session import EditSession


class OpenAssessment(QObject):
    changed = Signal()  # after every open or close: ask ``session`` / ``wizard`` for the new state
    closing = Signal(int)  # the assessment id about to close (its wizard is still there)

    def __init__(self, stack: QStackedWidget, dialogs: Dialogs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = stack
        self.dialogs = dialogs
        self.session: EditSession | None = None
        self.wizard: WizardView | None = None

    @property
    def assessment_id(self) -> int | None:
        return self.session.assessment_id if self.session is not None else None

    def open(self, store: Store, aid: int, *, readonly: bool | None = None,
             connect: Callable[[EditSession, WizardView], None] | None = None) -> WizardView:
        """Open ``aid`` in place of whatever is open. Loading comes first: if it fails (PiaError), the
        open 評価書 stays as it was."""
        session = EditSession.open(store, aid, parent=self)
        if readonly is not None:
            session.readonly = session.readonly or readonly
        self._close_current()
        wizard = WizardView(session, self.dialogs)
        self.session, self.wizard = session, wizard
        if connect is not None:
            connect(session, wizard)
        self.stack.addWidget(wizard)
        self.stack.setCurrentWidget(wizard)
        self.changed.emit()
        return wizard

    def close(self) -> int | None:
        """Close the open 評価書 (everything is already saved); the id that was open."""
        aid = self._close_current()
        if aid is not None:
            self.changed.emit()
        return aid

    def _close_current(self) -> int | None:
        session, wizard = self.session, self.wizard
        if session is None or wizard is None:
            return None
        aid = session.assessment_id
        wizard.flush()
        self.closing.emit(aid)
        self.session = self.wizard = None
        wizard.shutdown()
        self.stack.removeWidget(wizard)
        wizard.hide()
        wizard.deleteLater()
        for signal in (session.value_changed, session.document_replaced, session.saved, session.save_failed):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect()
        session.dispose()
        return aid

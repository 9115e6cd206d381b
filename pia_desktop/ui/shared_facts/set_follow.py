"""The open 評価書's answers reach the other 評価書 of its 事務 as they are saved.

``SetFollower`` listens to an ``EditSession``: after each saved answer (typing, undo, redo) it calls
``propagate_shared`` with the answer replaced, so copies still in step follow undo and redo too, and a
sibling whose item says something else keeps it (the set check reports it). ``copied`` tells the window
what was written, for the status line.

Wiring (main window, when a session is opened)::

    follower = SetFollower(session, parent=session)   # dies with the session
    follower.copied.connect(lambda text: self.statusBar().showMessage(text, 8000))
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from pia_desktop.domain.document import Value, is_empty
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import load_form
from pia_desktop.domain.set_items import SetTableError, set_table
from pia_desktop.shared.set_sharing import propagate_shared


class SetFollower(QObject):
    copied = Signal(str)  # 「重点項目評価書にも反映しました：評価実施機関名」

    def __init__(self, session: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        try:
            rows = set_table().items
        except SetTableError as exc:  # a broken table must not stop editing: say it once
            self.shared: set[str] = set()
            self.error = exc.message
            return
        self.error = ""
        self.shared = {a for r in rows for f, a in r.items.items() if f == session.form.form_id}
        self.known: dict[str, Value | None] = {a: session.doc.get(a) for a in self.shared}
        session.value_changed.connect(self._changed)
        session.document_replaced.connect(self._replaced)

    def _replaced(self, _focus: str) -> None:
        """A structure change or a restored 版: start again from what the document says now."""
        self.known = {a: self.session.doc.get(a) for a in self.shared}

    def _changed(self, address: str, _from_history: bool) -> None:
        if address not in self.shared or self.session.readonly:
            return
        previous, value = self.known.get(address), self.session.doc.get(address)
        self.known[address] = value
        store, aid = self.session.store, self.session.assessment_id
        try:
            saved = store.answer(aid, address)
            if not (saved == value or (is_empty(saved) and is_empty(value))):
                return  # the answer itself was not saved: copy nothing
            written = propagate_shared(store, aid, address, value, previous=previous)
        except (PiaError, OSError) as exc:
            self.copied.emit(f"同じ事務の評価書に写せませんでした：{exc.message if isinstance(exc, PiaError) else exc}")
            return
        if written:
            names = "・".join(dict.fromkeys(_short_name(store, a) for a, _addr in written))
            label = next((r.name for r in set_table().items if r.items.get(self.session.form.form_id) == address), address)
            self.copied.emit(f"{names}にも反映しました：{label}")


def _short_name(store: Any, aid: int) -> str:
    summary = next((s for s in store.linked(aid) if s.id == aid), None)
    return load_form(summary.form_id).short_name if summary is not None else f"ID {aid}"

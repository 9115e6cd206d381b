"""共通項目 and the 評価書 open in the editor: which of its items are linked to a fact (cached on its
session), the wizard's pages refreshed when a link changes, and a change saved through its undo stack.

Both the item menu (``ui/shared_facts/editor.py``) and the 共通項目 editor window
(``ui/shared_facts/dialog.py``) change links and values of the open 評価書 through these.
"""

from __future__ import annotations

from typing import Any

from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.shared import facts as sf

_LINKS = "_shared_links"  # cached on the session: address → fact name


def session_links(session: Any) -> dict[str, str]:
    """Address → name of the fact it is linked to (facts gone or unreadable are left out)."""
    cached = getattr(session, _LINKS, None)
    if cached is None:
        try:
            cached = {a: f.name for a, f in sf.linked_facts(session.store, session.assessment_id).items() if f is not None}
        except PiaError:
            cached = {}
        setattr(session, _LINKS, cached)
    return cached


def forget_links(session: Any) -> None:
    if session is not None and hasattr(session, _LINKS):
        delattr(session, _LINKS)


def refresh_pages(wizard: Any) -> None:
    """The links changed: forget the cached ones and let every page of the wizard mark its items again."""
    forget_links(wizard.session)
    for page in wizard.pages.values():
        refresh = getattr(page, "refresh_links", None)
        if refresh is not None:
            refresh()


def saver_for(window: Any) -> sf.Saver:
    """Save through the open assessment's undo stack when it is the one changed."""
    def save(aid: int, doc: Document, text: str) -> None:
        session = window.current_session()
        if session is not None and session.assessment_id == aid and not session.readonly:
            def mutate(d: Document, doc: Document = doc) -> None:
                d.values = dict(doc.values)
                d.repeat_counts = dict(doc.repeat_counts)
                d.non_public = list(doc.non_public)
            session.change_structure(text, mutate, "")
        else:
            window.store.save_document(aid, doc)
    return save

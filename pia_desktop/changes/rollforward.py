"""新年度版を作成: a new draft from an assessment, which stays as the draft's baseline.

The 公表日 and the 基礎項目評価 実施日 (Ⅴ１①) are cleared for re-entry; everything else, the
(別添２) history included, is carried over as it is.
"""

from __future__ import annotations

from typing import Protocol

from pia_desktop.domain.document import Document

CLEARED = ("cover.kohyo_bi", "V.1.1")


class _Store(Protocol):
    def load(self, aid: int) -> Document: ...
    def add_document(self, doc: Document, *, baseline_id: int | None = None) -> int: ...


def rolled_forward(doc: Document) -> Document:
    """The new year's draft made from ``doc`` (``doc`` itself is not changed)."""
    new = doc.model_copy(deep=True)
    new.status = "作成中"
    for address in CLEARED:
        new.set(address, None)
    new.non_public = [a for a in new.non_public if a not in CLEARED]
    return new


def roll_forward(store: _Store, aid: int) -> int:
    """Create the draft in ``store`` with ``aid`` as its baseline; returns the draft's id."""
    return store.add_document(rolled_forward(store.load(aid)), baseline_id=aid)

"""新年度版を作成: a new draft from an assessment, which stays as the draft's baseline.

The 公表日 and the 評価の実施日 (重点 Ⅴ１①, 全項目 Ⅵ１①; the form's roles say which) are cleared for
re-entry; everything else, the 変更箇所 history included, is carried over as it is. The draft is
作成中 (even from a 公表済 baseline) and belongs to the 年度 after its baseline's (``next_nendo``).
"""

from __future__ import annotations

import uuid
from typing import Protocol

from pia_desktop.domain.document import Document, Identity
from pia_desktop.domain.fiscal_year import next_nendo
from pia_desktop.domain.form_definition import load_form


def cleared_items(form_id: str) -> tuple[str, ...]:
    roles = load_form(form_id).roles
    return tuple(a for a in (roles.published, roles.conducted) if a)


class _Store(Protocol):
    def load(self, aid: int) -> Document: ...
    def add_document(self, doc: Document, *, baseline_id: int | None = None, jimu: str | None = None,
                     nendo: int | None = None) -> int: ...
    def jimu_of(self, aid: int) -> str | None: ...
    def nendo_of(self, aid: int) -> int | None: ...
    def links_of(self, aid: int) -> dict[str, int]: ...
    def link(self, aid: int, address: str, fid: int) -> None: ...


def rolled_forward(doc: Document) -> Document:
    """The new year's draft made from ``doc`` (``doc`` itself is not changed)."""
    new = doc.copy()
    new.status = "作成中"
    cleared = cleared_items(doc.form_id)
    for address in cleared:
        new.set(address, None)
    new.non_public = [a for a in new.non_public if a not in cleared]
    if doc.identity is not None:  # the same 評価書, a new version: last year's notes stay with last year's
        new.identity = Identity(uid=doc.identity.uid, version=uuid.uuid4().hex)
    return new


def roll_forward(store: _Store, aid: int) -> int:
    """Create the draft in ``store`` with ``aid`` as its baseline; returns the draft's id. The draft stays
    linked with the 評価書 of the same 事務 (the baseline's key), so a 事務's 基礎 and 重点/全項目 rolled
    forward one after the other are shown together again. Its 年度 is the year after the baseline's (not
    before the current one), and its items stay linked to the baseline's 共通項目 (a 公表済 baseline no
    longer follows them: the draft does)."""
    new_id = store.add_document(rolled_forward(store.load(aid)), baseline_id=aid, jimu=store.jimu_of(aid),
                                nendo=next_nendo(store.nendo_of(aid)))
    cleared = set(cleared_items(store.load(new_id).form_id))
    for address, fid in store.links_of(aid).items():
        if address not in cleared:
            store.link(new_id, address, fid)
    return new_id

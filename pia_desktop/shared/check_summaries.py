"""A 評価書's 点検 summary from the store's kept one when it is current, else checked now and kept."""

from __future__ import annotations

import contextlib
from datetime import date

from pia_desktop.checks.summary import CheckSummary, summarize, summary_key
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import load_form
from pia_desktop.storage.store import Store, StoreError


def summary_of(store: Store, aid: int, today: date | None = None) -> CheckSummary:
    today = today or date.today()
    kept = store.kept_summary(aid)
    if kept is None:
        raise StoreError(f"評価書 ID {aid} は保存ファイル {store.path} にありません")
    key = summary_key(kept.form_id, today)
    if kept.data is not None and kept.kept_revision == kept.revision and kept.kept_key == key:
        try:
            return CheckSummary.from_data(kept.data)
        except (KeyError, TypeError):
            pass  # an older or damaged entry: check again
    doc = store.load(aid)
    summary = summarize(load_form(doc.form_id), doc, today)
    with contextlib.suppress(PiaError, OSError):  # keeping it is only a saving of time
        store.keep_summary(aid, kept.revision, key, summary.to_data())
    return summary

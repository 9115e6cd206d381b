"""前年度から変更: in a 新年度版, the items whose answer differs from last year's (the baseline the
新年度版 was made from, ``Store.baseline_of``), with last year's answer to hand.

The 変更箇所 are written from the same differences; marking them while editing lets the clerk see what
this year's version changes before 変更箇所の作成.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pia_desktop.domain.document import Document, Value, is_empty
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.validation import display_value

EMPTY_TEXT = "（未記入）"


def same_answer(a: Value | None, b: Value | None) -> bool:
    if is_empty(a) and is_empty(b):
        return True
    return a == b


class BaselineMarks:
    """Last year's answers of an open 新年度版 (none for any other 評価書)."""

    def __init__(self, baseline: Document | None, current: Callable[[], Document], form: Any) -> None:
        """``current`` gives the open document (a restored 版 replaces it)."""
        self.baseline = baseline if baseline is not None and baseline.form_id == current().form_id else None
        self.current = current
        self.form = form

    @classmethod
    def for_session(cls, session: Any) -> BaselineMarks:
        store = getattr(session, "store", None)
        baseline = None
        try:
            bid = store.baseline_of(session.assessment_id) if store is not None else None
            baseline = store.load(bid) if bid is not None else None
        except PiaError:  # the baseline was purged or is damaged: no marks, editing goes on
            baseline = None
        return cls(baseline, lambda: session.doc, session.form)

    @property
    def active(self) -> bool:
        return self.baseline is not None

    def old_text(self, address: str, doc: Document | None = None) -> str | None:
        """Last year's answer as shown ("（未記入）" when there was none) if this year's differs, else None."""
        if self.baseline is None:
            return None
        old = self.baseline.get(address)
        if same_answer(old, (doc or self.current()).get(address)):
            return None
        return display_value(self.form, address, old) if not is_empty(old) else EMPTY_TEXT

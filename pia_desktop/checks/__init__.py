"""Checks a reviewer makes: consistency between items, しきい値判断, stale statute citations and due dates.

No Qt here. Entry points:
- ``review(form, doc, today=None) -> list[Finding]``: validation plus every rule (pia_desktop.checks.review)
- ``run_review(...) -> Review``: the same with the due dates
- ``counts_by_section(findings)``: (errors, warnings) per section instance, for the wizard's navigation
- ``due_dates(form, doc)`` / ``compute_due_dates(kohyo_bi, …)``: 見直し and 5-year 再実施 due dates
- ``threshold.decide(...)``: the しきい値判断 calculator; ``threshold.judge_document(...)``
"""

from pia_desktop.checks.due_dates import DueDates, compute_due_dates, due_dates
from pia_desktop.checks.review import Review, counts_by_section, review, run_review

__all__ = ["DueDates", "Review", "compute_due_dates", "counts_by_section", "due_dates", "review", "run_review"]

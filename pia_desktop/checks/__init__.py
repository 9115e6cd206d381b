"""Checks a reviewer makes: consistency between items, しきい値判断, stale statute citations and due dates.

No Qt here. Entry points:
- ``review.review(form, doc, today=None) -> list[Finding]``: validation plus every rule
- ``review.run_review(...) -> Review``: the same with the due dates
- ``review.counts_by_section(findings)``: (errors, warnings) per section instance, for the wizard's navigation
- ``due_dates.due_dates(form, doc)`` / ``due_dates.compute_due_dates(kohyo_bi, …)``: 見直し and 5-year 再実施 due dates
- ``threshold.threshold_findings(...)``: the しきい値判断 findings (the calculator is ``domain.threshold``)

The rules register with ``registry.rule`` and run through ``rulebook``. The package imports none of its
modules, so importing one (``due_dates`` for its 和暦 text) does not load the rest.
"""

"""Lint of (別添２)変更箇所 rows: the mistakes the rules name (a ※ item explained as
「重要な変更項目でないため」, a 事後 row without an explanation, 「法令改正等」 for a change that cites
no law, a risk-reduction reason on an addition …).

The rules themselves live in the review checks (pia_desktop.checks, forms/rules/review-rules.yaml)
so that 点検 and the 変更箇所 dialog always agree; this module picks out the (別添２) findings, for the
existing history and for proposed rows before they are added.
"""

from __future__ import annotations

import re
from datetime import date

from pia_desktop.changes.rows import ChangeRow, append_rows, row_group
from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.validation import Finding

_ENTRY = re.compile(r"^\[(\d+)\]")


def _findings(form: FormDefinition, doc: Document, today: date | None) -> list[Finding]:
    try:
        from pia_desktop.checks.review import review
    except ImportError:  # review checks not installed: the form's own conditions still apply
        from pia_desktop.domain.validation import validate

        return [f for f in validate(form, doc) if f.address.startswith(row_group(form.form_id))]
    return [f for f in review(form, doc, today) if f.address.startswith(row_group(form.form_id))]


def lint_existing(form: FormDefinition, doc: Document, today: date | None = None) -> list[Finding]:
    """Findings on the rows already in the document's (別添２)."""
    return _findings(form, doc, today)


def lint_proposed(form: FormDefinition, doc: Document, rows: list[ChangeRow], today: date | None = None) -> dict[int, list[Finding]]:
    """Findings on proposed rows, by their index in ``rows``, as if they were appended to ``doc``."""
    group = row_group(form.form_id)
    first_new = doc.count(group) + 1
    out: dict[int, list[Finding]] = {}
    for f in _findings(form, append_rows(doc, rows), today):
        m = _ENTRY.match(f.address[len(group):])
        if m and int(m.group(1)) >= first_new:
            out.setdefault(int(m.group(1)) - first_new, []).append(f)
    return out

"""A 評価書's 点検 in brief — counts, due dates, 記入率 — kept per revision so that lists of a thousand
評価書 (the home screen, the 取りまとめ portfolio) read them instead of checking every document again.

What depends on the day is kept apart: the due-date findings are counted at reading from the kept
dates, and the key names the statute changes already in force, so a summary stays right across days
until the document, the program, a rule table or the law changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from typing import Any

from pia_desktop import __version__
from pia_desktop.checks.due_dates import DueDates, timing_rules
from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.resources import forms_dir

DUE_RULES = ("due-review", "due-rerun")


@dataclass(frozen=True)
class CheckSummary:
    errors: int  # findings that do not depend on the day
    warnings: int
    percent: int  # 記入率
    kohyo: str | None  # the due dates (ISO), from which the day's due findings are counted
    review_due: str | None
    rerun_due: str | None
    jimu_name: str = ""  # Ⅰ１①事務の名称 (or the 評価書名), for lists that group by 事務

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> CheckSummary:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__})

    def counts(self, today: date) -> tuple[int, int]:
        """(errors, warnings) as 点検 gives them today: plus the 見直し and 再実施 due warnings."""
        if not (self.kohyo and self.review_due and self.rerun_due) or date.fromisoformat(self.kohyo) > today:
            return self.errors, self.warnings
        warn = timing_rules().warn_days
        due = sum(1 for d, days in ((self.review_due, warn.review), (self.rerun_due, warn.rerun))
                  if (date.fromisoformat(d) - today).days <= days)
        return self.errors, self.warnings + due


def summarize(form: FormDefinition, doc: Document, today: date | None = None) -> CheckSummary:
    from pia_desktop.checks.review import run_review
    from pia_desktop.domain.validation import overall_completeness

    last = doc.last_review()
    result = run_review(form, doc, today, last_review=last.reviewed_on if last else None)
    steady = [f for f in result.findings if f.rule not in DUE_RULES]
    errors = sum(1 for f in steady if f.severity == "error")
    due: DueDates | None = result.due

    def iso(d: date | None) -> str | None:
        return d.isoformat() if d else None

    name = next((str(v).strip() for a in (form.roles.jimu_name, form.roles.title) if a
                 for v in [doc.get(a)] if isinstance(v, str) and v.strip()), "")
    return CheckSummary(errors, len(steady) - errors, overall_completeness(form, doc),
                        iso(due.kohyo) if due else None, iso(due.review_due) if due else None, iso(due.rerun_due) if due else None,
                        name)


@cache
def _rules_digest(form_id: str) -> str:
    """The program version and the bytes of the form and every rule table: a change to any re-checks."""
    h = hashlib.sha256(__version__.encode())
    for path in [*sorted((forms_dir() / "rules").glob("*.yaml")), forms_dir() / f"{form_id}.yaml"]:
        if path.exists():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:32]


def summary_key(form_id: str, today: date) -> str:
    """Also the number of stale-citation rules in force today: a summary made before a statute's
    renumbering took effect is not reused after it."""
    from pia_desktop.checks.rules_data import citation_rules

    in_force = sum(1 for r in citation_rules().rules if r.effective <= today)
    return f"{_rules_digest(form_id)}:{in_force}"

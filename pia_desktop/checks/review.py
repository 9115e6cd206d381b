"""One report of everything a reviewer would check: ``validate`` plus the rules of this package.

``review`` is what ``pia-desktop check``, the 点検 page and the wizard's per-section counts use, so
they always agree. Findings carry the address of the item, for the jump to it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from pia_desktop.checks import rulebook
from pia_desktop.checks.citations import citation_findings
from pia_desktop.checks.due_dates import DueDates, due_findings
from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.threshold import threshold_findings
from pia_desktop.domain.document import Document
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.validation import Finding, validate
from pia_desktop.domain.wareki import parse_wareki


@dataclass(frozen=True, slots=True)
class Review:
    findings: list[Finding]
    due: DueDates | None
    today: date

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def run_review(form: FormDefinition, doc: Document, today: date | None = None, *, last_review: date | None = None) -> Review:
    today = today or date.today()
    findings = validate(form, doc)
    if any(f.rule == "form-mismatch" for f in findings):
        return Review(findings, None, today)
    view = DocView(form, doc)
    emit = Emitter(view)
    rulebook.run(view, emit)
    threshold_findings(view, emit)
    due = due_findings(view, emit, today, last_review=last_review)
    findings.extend(emit.findings)
    findings.extend(citation_findings(view, _citation_date(view, today)))
    return Review(_in_document_order(form, doc, findings), due, today)


def review(form: FormDefinition, doc: Document, today: date | None = None) -> list[Finding]:
    """Every finding: the form's validation, consistency, しきい値判断, citations and due dates."""
    return run_review(form, doc, today).findings


def _citation_date(view: DocView, today: date) -> date:
    """Citations are judged as of the 公表日 (the content speaks as of that day); drafts as of today."""
    text = view.text(view.form.roles.published)
    parsed = parse_wareki(text) if text else None
    return parsed.to_date() if parsed else today


def section_key(address: str) -> str:
    """The section instance a finding belongs to: "cover", "I", "II(1)", "annex2" …"""
    return address.split(".", 1)[0] if address else ""


def counts_by_section(findings: list[Finding]) -> dict[str, tuple[int, int]]:
    """Section instance → (errors, warnings), for the wizard's navigation."""
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for f in findings:
        (errors if f.severity == "error" else warnings)[section_key(f.address)] += 1
    return {k: (errors[k], warnings[k]) for k in sorted(set(errors) | set(warnings))}


def _in_document_order(form: FormDefinition, doc: Document, findings: list[Finding]) -> list[Finding]:
    """Errors and warnings sorted as the items appear in the document, so the list reads like the form."""
    from pia_desktop.domain.traversal import walk

    order = {slot.address: i for i, slot in enumerate(walk(form, doc))}
    big = len(order) + 1

    def key(f: Finding) -> tuple[int, int]:
        pos = order.get(f.address)
        if pos is None:
            # group keys ("II(1).4.itaku") and unknown addresses: next to their first entry, else last
            pos = order.get(f.address + "[1]", big)
        return (pos, 0 if f.severity == "error" else 1)

    return sorted(findings, key=key)

"""Turn a rule hit into a ``Finding`` with the severity and message template of forms/rules/review-rules.yaml."""

from __future__ import annotations

from pia_desktop.checks.rules_data import RuleMeta, review_rules
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.validation import Finding


class _Keep(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, params: dict[str, object]) -> str:
    return template.format_map(_Keep({k: str(v) for k, v in params.items()}))


class Emitter:
    """Collects findings; a rule that is disabled in, or missing from, the rule file emits nothing."""

    def __init__(self, view: DocView, meta: dict[str, RuleMeta] | None = None) -> None:
        self.view = view
        self.meta = meta if meta is not None else review_rules().by_id()
        self.findings: list[Finding] = []
        self._seen: set[tuple[str, str, str]] = set()

    def __call__(self, rule_id: str, address: str, **params: object) -> None:
        meta = self.meta.get(rule_id)
        if meta is None or not meta.enabled or not meta.applies_to(self.view.form.roles.kind):
            return  # removed from (or switched off in, or not for this form in) forms/rules/review-rules.yaml
        message = render(meta.message, params)
        key = (rule_id, address, message)
        if key in self._seen:
            return
        self._seen.add(key)
        path = self.view.path(address) if address else ""
        self.findings.append(Finding(meta.severity, rule_id, address, path, message))

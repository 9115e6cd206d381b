"""The registry of rule functions: each is registered with the rule ids it may emit.

Modules holding rules (consistency, annex2_lint) register on import; ``all_rules`` imports them.
"""

from __future__ import annotations

from collections.abc import Callable

from pia_desktop.checks.docview import DocView
from pia_desktop.checks.emit import Emitter

RuleFn = Callable[[DocView, Emitter], None]
RULES: list[tuple[tuple[str, ...], RuleFn]] = []


def rule(*ids: str) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        RULES.append((ids, fn))
        return fn

    return register


def all_rules() -> list[tuple[tuple[str, ...], RuleFn]]:
    from pia_desktop.checks import annex2_lint, consistency, printable  # noqa: F401  (registration on import)

    return RULES


def rule_ids() -> list[str]:
    return list(dict.fromkeys(i for ids, _ in all_rules() for i in ids))


def run(view: DocView, emit: Emitter) -> None:
    for ids, fn in all_rules():
        kind = view.form.roles.kind
        if any(emit.meta.get(i) is not None and emit.meta[i].enabled and emit.meta[i].applies_to(kind) for i in ids):
            fn(view, emit)

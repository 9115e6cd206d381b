"""The registry of rule functions: each is registered with the rule ids it may emit.

Modules holding rules (annex2_lint, consistency/*, printable) register with ``@rule`` on import;
``checks.rulebook`` imports them and runs what is registered. This module imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable

from pia_desktop.checks.emit import Emitter
from pia_desktop.domain.docview import DocView

RuleFn = Callable[[DocView, Emitter], None]
RULES: list[tuple[tuple[str, ...], RuleFn]] = []


def rule(*ids: str) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        RULES.append((ids, fn))
        return fn

    return register

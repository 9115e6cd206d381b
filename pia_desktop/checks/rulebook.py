"""Every rule of the 点検: the modules that hold them (they register with ``registry.rule`` on import), the
rule ids they may emit, and one run of them over a document.
"""

from __future__ import annotations

from pia_desktop.checks import annex2_lint, printable
from pia_desktop.checks.consistency import across_files, basics, dates, entries, itaku, measures, teikyo
from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.registry import RULES, RuleFn
from pia_desktop.domain.docview import DocView

# The order the rules run in, module by module (each module's rules as written): findings at one place
# come in this order.
RULE_MODULES = (annex2_lint, itaku, teikyo, across_files, dates, entries, basics, measures, printable)
_RANK = {m.__name__: i for i, m in enumerate(RULE_MODULES)}


def all_rules() -> list[tuple[tuple[str, ...], RuleFn]]:
    return sorted(RULES, key=lambda r: _RANK.get(r[1].__module__, len(_RANK)))


def rule_ids() -> list[str]:
    return list(dict.fromkeys(i for ids, _ in all_rules() for i in ids))


def run(view: DocView, emit: Emitter) -> None:
    for ids, fn in all_rules():
        kind = view.form.roles.kind
        if any(emit.meta.get(i) is not None and emit.meta[i].enabled and emit.meta[i].applies_to(kind) for i in ids):
            fn(view, emit)

"""The conditions between items (委託しない ⇒ 委託事項 not applicable, 発生あり ⇒ その内容 required …).

One evaluator serves the wizard (disable and explain), validation (required / should be blank) and
the PDF (print nothing for items that do not apply).
"""

from __future__ import annotations

from dataclasses import dataclass

from pia_desktop.domain.addresses import Address, bind, parse_address
from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.form_definition import Condition, FormDefinition


@dataclass(frozen=True, slots=True)
class Effect:
    condition: Condition
    source: str  # the concrete address of the controlling item


_BY_TARGET: dict[int, dict[str, tuple[Condition, ...]]] = {}


def _conditions_by_target(form: FormDefinition) -> dict[str, tuple[Condition, ...]]:
    """Template id → the conditions whose targets are that item or one of its ancestors."""
    cached = _BY_TARGET.get(id(form))
    if cached is None:
        table: dict[str, tuple[Condition, ...]] = {}
        for item_id in form.index:
            chain = {a.id for a in form.ancestors(item_id)}
            conds = tuple(c for c in form.conditions if chain.intersection(c.targets))
            if conds:
                table[item_id] = conds
        cached = _BY_TARGET[id(form)] = table
    return cached


def _holds(cond: Condition, doc: Document, source: str) -> bool:
    value = doc.get(source)
    when = cond.when
    if when.equals is not None:
        return value == when.equals
    if when.includes is not None:
        return isinstance(value, CheckValue) and when.includes in value.checked
    if when.checked is not None:
        return bool(value is True) == when.checked
    return False


def active_effects(form: FormDefinition, doc: Document, address: str | Address) -> list[Effect]:
    addr = parse_address(address) if isinstance(address, str) else address
    conds = _conditions_by_target(form).get(addr.template, ())
    out = []
    for cond in conds:
        per_file = form.section_of(cond.when.item).per_file
        source = str(bind(cond.when.item, addr, per_file))
        if _holds(cond, doc, source):
            out.append(Effect(cond, source))
    return out


def not_applicable_reason(form: FormDefinition, doc: Document, address: str | Address) -> str | None:
    """Why the item does not apply (shown in the wizard's tooltip), or None when it applies."""
    for eff in active_effects(form, doc, address):
        if eff.condition.effect == "not_applicable":
            return eff.condition.reason
    return None


def required_by_condition(form: FormDefinition, doc: Document, address: str | Address) -> Effect | None:
    for eff in active_effects(form, doc, address):
        if eff.condition.effect == "required":
            return eff
    return None


def expectations(form: FormDefinition, doc: Document, address: str | Address) -> list[Effect]:
    return [e for e in active_effects(form, doc, address) if e.condition.effect == "expect"]

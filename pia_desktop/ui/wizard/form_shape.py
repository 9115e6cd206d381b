"""What the wizard's pages read from the form's shape alone, worked out once per form definition:
the items a condition can switch, the items conditions read, and the 件数 fields with the
repeating groups whose entries they count."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from pia_desktop.domain.form_definition import FormDefinition, ItemType

T = TypeVar("T")


def per_form(fn: Callable[[FormDefinition], T]) -> Callable[[FormDefinition], T]:
    """Cache a function of the (immutable, unhashable) form definition by identity."""
    cache: dict[int, tuple[FormDefinition, T]] = {}

    def wrapper(form: FormDefinition) -> T:
        hit = cache.get(id(form))
        if hit is None or hit[0] is not form:
            hit = cache[id(form)] = (form, fn(form))
        return hit[1]

    wrapper.__doc__ = fn.__doc__
    return wrapper


@per_form
def conditioned_ids(form: FormDefinition) -> frozenset[str]:
    """Items a condition can switch off or make required (the targets and everything under them)."""
    targets = {t for c in form.conditions for t in c.targets}
    return frozenset(i for i in form.index if any(a.id in targets for a in form.ancestors(i)))


@per_form
def condition_sources(form: FormDefinition) -> frozenset[str]:
    return frozenset(c.when.item for c in form.conditions)


@per_form
def count_links(form: FormDefinition) -> dict[str, dict[str, str]]:
    """件数 fields and the repeating groups whose entries they count, read from the form's shape.

    A number item beside exactly one repeating group counts that group (委託の有無 （ ）件 → 委託事項);
    a check item whose "（ n ） 件" options are as many as the groups beside it counts them in order
    (提供を行っている → 提供先, 移転を行っている → 移転先). Key "" is the number item's own value.
    """
    links: dict[str, dict[str, str]] = {}
    for parent in form.iter_items():
        groups = [c.id for c in parent.children if c.type == ItemType.GROUP]
        if not groups:
            continue
        for child in parent.children:
            if child.type == ItemType.NUMBER and len(groups) == 1:
                links[child.id] = {"": groups[0]}
            elif child.type == ItemType.CHECKS:
                counted = [o.text for o in child.options if o.count]
                if counted and len(counted) == len(groups):
                    links[child.id] = dict(zip(counted, groups, strict=True))
    return links

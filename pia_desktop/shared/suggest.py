"""Links an imported 評価書 could take: an item (or entry) whose value equals a 共通項目.

``suggest_links(doc, facts)`` only proposes; the import review screen shows them and the caller
links the accepted ones after saving the document (``Store.link``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pia_desktop.domain.addresses import format_address, parse_address
from pia_desktop.domain.document import Document, is_empty
from pia_desktop.shared.facts import entry_value, same
from pia_desktop.storage.store import FactRow


@dataclass(frozen=True)
class LinkSuggestion:
    address: str
    fact_id: int
    fact_name: str
    kind: str  # "text" or "entry"


def _entries(doc: Document, template: str) -> list[str]:
    """Addresses of the document's entries of the group ``template`` ("I.2.system[]")."""
    depth = template.count("[]")
    seen: dict[str, None] = {}
    for key in doc.values:
        addr = parse_address(key)
        if addr.template.startswith(template) and len(addr.slots) >= depth:
            seen.setdefault(format_address(template, addr.file, addr.slots[:depth]), None)
    return list(seen)


def suggest_links(doc: Document, facts: Iterable[FactRow]) -> list[LinkSuggestion]:
    """Every (address, fact) where the document's value equals the fact's, in document order; a text
    fact made from an item is only matched at the same item of the form, one made without one anywhere."""
    out: list[LinkSuggestion] = []
    for fact in facts:
        if fact.value is None or fact.damaged:
            continue
        if fact.kind == "entry":
            for entry in _entries(doc, fact.template):
                if same(entry_value(doc, entry), fact.value):
                    out.append(LinkSuggestion(entry, fact.id, fact.name, "entry"))
            continue
        for address, value in doc.values.items():
            if is_empty(value) or (fact.template and parse_address(address).template != fact.template):
                continue
            if not fact.template and not isinstance(value, str):
                continue
            if same(value, fact.value):
                out.append(LinkSuggestion(address, fact.id, fact.name, "text"))
    keys = list(doc.values)

    def position(s: LinkSuggestion) -> int:
        return next((i for i, k in enumerate(keys) if k == s.address or k.startswith(s.address + ".")), len(keys))

    return sorted(out, key=lambda s: (position(s), s.fact_id))

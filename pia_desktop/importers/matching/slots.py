"""Slot headers of repeat groups: "システム2" or "委託事項3 │ title" starts that entry of the group
(its title is the entry's value when the group is titled), and "委託事項1~5" — the form's heading
over a printed range of entries — is the form's own text.
"""

from __future__ import annotations

import re

from pia_desktop.importers.folding import fold
from pia_desktop.importers.matching.found import Found, RawValue
from pia_desktop.importers.matching.fragments import FragmentLedger
from pia_desktop.importers.matching.position import Position
from pia_desktop.importers.source import SourceRow


class SlotHeaders:
    def __init__(self, at: Position, found: Found, ledger: FragmentLedger) -> None:
        self.at = at
        self.found = found
        self.ledger = ledger

    def try_row(self, row: SourceRow, texts: list[str]) -> bool:
        at, ledger = self.at, self.ledger
        head = fold(texts[0])
        for g in at.section.groups:
            if g.print_group.match(head):
                at.open = None
                ledger.form(ledger.frag(0), "slot")
                for t in range(1, len(texts)):
                    ledger.form_or_left(t, "slot")
                return True
            m = g.header.match(head)
            title: str | None = None
            if not m and g.item.repeat and g.item.repeat.titled and len(texts) == 1:
                # "委託事項1　福祉システム保守業務": the slot header and its title in one cell
                first = texts[0].strip()
                parts = re.split(r"\s+", first, maxsplit=1)
                if len(parts) == 2:
                    m = g.header.match(fold(parts[0]))
                    title = parts[1] if m else None
            if not m:
                continue
            n = int(m.group(1))
            if g.item.repeat and g.item.repeat.max and n > g.item.repeat.max:
                return False
            at.slots[g.item.id] = n
            at.reset_inner_slots(g.item)
            at.cursor = at.section.pos[g.item.id]
            at.progress = True
            address = at.address(g.item)
            self.found.labels_seen.setdefault(address, row.where)
            self.found.labels_matched += 1
            ledger.form(ledger.frag(0), "slot")
            if g.item.repeat and g.item.repeat.titled:
                self.found.items[address] = g.item
                self.found.raw.setdefault(address, RawValue(where=row.where))
                if title is not None:
                    self.found.put(g.item, address, title, row.where)
                    ledger.placed(ledger.frag(0), address)
                for t, text in enumerate(texts[1:], start=1):
                    self.found.put(g.item, address, text, row.where)
                    ledger.placed(ledger.frag(t), address)
                at.open = (g.item, address)
            else:
                at.open = None
                for t in range(1, len(texts)):
                    ledger.form_or_left(t, "slot")
            return True
        return False

"""Where a row's value text goes: into the item whose label matched (a "（ ）件" count into the count
item beside it, a ＜選択肢＞ list marked as the form's own text), or — for a row without a label of
the form — into the item still open above it (values split over several rows, full-width label rows
with the value underneath, stacked labels taking their value rows in turn).
"""

from __future__ import annotations

import re

from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.importers.catalog import is_count_item
from pia_desktop.importers.folding import fold, squash
from pia_desktop.importers.matching.found import Found, RawValue
from pia_desktop.importers.matching.fragments import FragmentLedger
from pia_desktop.importers.matching.position import Position
from pia_desktop.importers.review import FormTexts
from pia_desktop.importers.source import SourceRow

_CAPTION = re.compile(r"^<選択肢>")
_OPTION_LINE = re.compile(r"^(<選択肢>)?\d\)")
_COUNT_CELL = re.compile(r"^\([0-9,]*\)件$")
_COUNT_IN = re.compile(r"\([0-9,]*\)件$")


class ValueCells:
    def __init__(self, form: FormDefinition, texts: FormTexts, at: Position, found: Found, ledger: FragmentLedger) -> None:
        self.form = form
        self.texts = texts
        self.at = at
        self.found = found
        self.ledger = ledger

    def assign(self, item: Item, address: str, cells: list[str], where: str, idx: list[int] | None = None) -> None:
        """``cells`` into ``item`` (``idx``: their texts indices in the current row, for the accounting;
        -1 for text that is not in the row)."""
        counts = [c for c in (self.form.index.get(s.id) for s in self._siblings(item)) if c and is_count_item(c)]
        if idx is None:
            idx = list(range(len(cells)))
        for t, cell in zip(idx, cells, strict=False):
            frag = self.ledger.frag(t) if t >= 0 else None
            folded = fold(cell)
            if item.type == ItemType.CHOICE and _CAPTION.match(folded):
                count = _COUNT_IN.search(folded)
                if counts and count:
                    cell, folded = count.group(0), count.group(0)
                else:
                    if self.texts.is_option_list(item, cell):
                        self.ledger.form(frag, "option")
                    else:
                        self.ledger.unplaced([frag], "選択肢の一覧に、様式にない記載があります")
                    continue
            if counts and _COUNT_CELL.match(folded):
                count_address = self.at.address(counts[0])
                self.found.items[count_address] = counts[0]
                self.found.labels_seen.setdefault(count_address, where)
                self.found.raw.setdefault(count_address, RawValue(where=where))
                self.found.put(counts[0], count_address, cell, where)
                self.ledger.placed(frag, count_address)
                continue
            self.found.put(item, address, cell, where)
            self.ledger.placed(frag, address)

    def _siblings(self, item: Item) -> list[Item]:
        parent_id = self.form.parents.get(item.id)
        return self.form.index[parent_id].children if parent_id else []

    def continuation(self, row: SourceRow, texts: list[str]) -> None:
        """A row that matched no label: more of the open item's value (or left unplaced)."""
        at, ledger = self.at, self.ledger
        if at.open is None and not at.queue:
            return  # left unplaced
        if row.cells[0].strip() and len(texts) >= 2 and not at.queue:
            # a label of its own that the form does not know, and a value beside it: not the open item's
            note = f"様式にない項目名「{squash(texts[0])[:40]}」の行です"
            if not row.loose:
                ledger.unplaced([ledger.frag(t) for t in range(len(texts))], note)
                return
            self.found.glue_notes.setdefault(at.open[1], note + "（前の項目に続けて取り込みました）")
        if at.queue and not row.cells[0].strip():
            nxt = at.queue.pop(0)
            at.cursor = at.section.pos[nxt.id]
            address = at.address(nxt)
            self.found.labels_seen.setdefault(address, row.where)
            if nxt.type == ItemType.FIXED:
                self.found.fixed_seen.setdefault(address, (" ".join(texts), row.where))
                for t in range(len(texts)):
                    ledger.form(ledger.frag(t), "fixed")
                at.open = None
                return
            self.found.items[address] = nxt
            self.found.raw.setdefault(address, RawValue(where=row.where))
            at.open = (nxt, address)
        item, address = at.open
        if item.type == ItemType.CHOICE and _OPTION_LINE.match(fold(texts[0])):
            # the ＜選択肢＞ list printed under the value
            if self.texts.is_option_list(item, " ".join(texts)):
                for t in range(len(texts)):
                    ledger.form(ledger.frag(t), "option")
            else:
                ledger.unplaced([ledger.frag(t) for t in range(len(texts))], "選択肢の一覧に、様式にない記載があります")
            return
        self.assign(item, address, [" ".join(texts)], row.where, [-1])
        for t in range(len(texts)):
            ledger.placed(ledger.frag(t), address)

"""Rows that start with the form's labels: the cursor moves to the item, the row's other cells are
its value. A chain of headings ("Ⅱ │ ３．… │ ⑤…") narrows the search label by label; a heading's
own cells hold its "[ ] 委託しない" boxes; labels side by side take their values from the next row;
a value printed on the page before its label (cut by the page break) waits for it.
"""

from __future__ import annotations

from pia_desktop.domain.form_definition import Item, ItemType
from pia_desktop.importers.folding import fold, label_key, squash
from pia_desktop.importers.matching.found import Found, RawValue
from pia_desktop.importers.matching.fragments import FragmentLedger
from pia_desktop.importers.matching.lookup import LabelLookup
from pia_desktop.importers.matching.position import Position
from pia_desktop.importers.matching.value_cells import ValueCells
from pia_desktop.importers.report import Fragment
from pia_desktop.importers.source import SourceRow
from pia_desktop.importers.values import box_segments

ORPHAN_NOTE = "ページの区切りで項目名と離れた記載"


class LabelRows:
    def __init__(self, lookup: LabelLookup, values: ValueCells, at: Position, found: Found, ledger: FragmentLedger) -> None:
        self.lookup = lookup
        self.values = values
        self.at = at
        self.found = found
        self.ledger = ledger
        self.orphan: tuple[str, str] | None = None  # a value printed on the page before its label
        self.orphan_frags: list[Fragment] = []

    def try_row(self, row: SourceRow, texts: list[str]) -> bool:
        """The row's leading cells as labels (the nearest matching items at or after the cursor)."""
        at, ledger, lookup = self.at, self.ledger, self.lookup
        n_before = len(texts)
        texts = lookup.split_heading_boxes(texts)
        split = len(texts) - n_before  # 1 when the first cell was cut in two

        def orig(k: int) -> int:
            return 0 if k <= split else k - split
        chain: list[Item] = []
        queue: list[Item] = []
        parent: Item | None = None
        idx = 0
        rest_text: str | None = None
        while idx < len(texts):
            p = lookup.choose(lookup.within(lookup.positions(texts[idx]), parent), row.where)
            if p is None and idx == 0 and "\n" in texts[idx].strip():
                stacked = lookup.stacked(texts[idx])
                if stacked:
                    p, queue = stacked[0], [at.section.flat[q] for q in stacked[1:]]
            if p is None and idx == 0:
                prefixed = lookup.prefix(texts[idx], parent)
                if prefixed is not None:
                    p, rest_text = prefixed
                else:
                    p = lookup.fuzzy(texts[idx])
            if p is None:
                break
            item = at.section.flat[p]
            at.cursor = p
            chain.append(item)
            idx += 1
            if rest_text is not None or item.type != ItemType.HEADING:
                break
            parent = item
        if not chain:
            return False
        at.queue = queue
        at.progress = True
        self.found.labels_matched += len(chain)
        last = chain[-1]
        address = at.address(last)
        self.found.labels_seen.setdefault(address, row.where)
        label_cells = {orig(k) for k in range(idx)}
        for t in sorted(label_cells):
            ledger.form(ledger.frag(t), "label")
        rest = ([rest_text] if rest_text else []) + texts[idx:]
        rest_idx = ([orig(idx - 1)] if rest_text else []) + [orig(k) for k in range(idx, len(texts))]
        if last.type == ItemType.FIXED:
            self.found.fixed_seen.setdefault(address, (" ".join(rest), row.where))
            for t in rest_idx:
                ledger.form(ledger.frag(t), "fixed")
            at.open = None
            return True
        if last.type == ItemType.HEADING:
            self._heading_values(last, rest, row, rest_idx)
            at.open = None
            return True
        if rest and lookup.is_label_row(rest):
            for t in rest_idx:
                ledger.form(ledger.frag(t), "label")
            self._start_columns(last, address, rest)
            return True
        self.found.items[address] = last
        self.found.raw.setdefault(address, RawValue(where=row.where))
        if self.orphan is not None and last.type in (ItemType.TEXT, ItemType.TEXTAREA):
            rest = [self.orphan[0], *rest]
            rest_idx = [-1, *rest_idx]
            self.found.raw[address].where = self.orphan[1]
            for frag in self.orphan_frags:
                ledger.placed(frag, address)
            self.orphan_frags = []
        self.orphan = None
        self.values.assign(last, address, rest, row.where, rest_idx)
        at.open = (last, address)
        return True

    def _heading_values(self, heading: Item, cells: list[str], row: SourceRow, idx: list[int]) -> None:
        """A heading row's own cells: "[ ] 委託しない" boxes at the right end, or stray text."""
        if not cells:
            return
        ledger = self.ledger
        boxes = [c for c in heading.children if c.type == ItemType.CHECKBOX]
        text = " ".join(cells)
        frags = [ledger.frag(t) for t in idx]
        if boxes and box_segments(text):
            unknown = []
            for checked, label in box_segments(text):
                target = next((b for b in boxes if fold(label).startswith(label_key(b.label))), None)
                if target is None:
                    unknown.append(label)
                    continue
                address = self.at.address(target)
                self.found.labels_seen.setdefault(address, row.where)
                self.found.items[address] = target
                self.found.raw.setdefault(address, RawValue(where=row.where))
                self.found.put(target, address, f"[{'○' if checked else ' '}] {label.strip()}", row.where)
                for frag in frags:
                    if frag is not None and fold(label.strip()) in fold(frag.text):
                        ledger.placed(frag, address)
            if unknown:
                ledger.unplaced(frags, f"見出しの欄にない選択肢: {'、'.join(squash(u) for u in unknown)}")
            return
        for t in idx:
            if t > 0:
                ledger.form_or_left(t, "label")
        ledger.unplaced(frags, "見出しの行にある、どの項目にも当てはまらない記載")

    def _start_columns(self, first: Item, address: str, cells: list[str]) -> None:
        at = self.at
        columns = [(first, address)]
        for cell in cells:
            p = min(p for p in self.lookup.positions(cell) if p > at.cursor)
            at.cursor = p
            item = at.section.flat[p]
            columns.append((item, at.address(item)))
        for item, addr in columns:
            self.found.labels_seen.setdefault(addr, "")
            self.found.items[addr] = item
        at.pending_columns = columns
        at.open = None

    def fill_columns(self, row: SourceRow, texts: list[str]) -> bool:
        """The row under labels side by side: one value per label, when the cells line up."""
        columns, self.at.pending_columns = self.at.pending_columns or [], None
        if len(texts) != len(columns) or any(self.lookup.positions(t) for t in texts):
            return False
        for t, ((item, address), text) in enumerate(zip(columns, texts, strict=True)):
            self.found.raw.setdefault(address, RawValue(where=row.where))
            self.found.put(item, address, text, row.where)
            self.ledger.placed(self.ledger.frag(t), address)
        self.at.open = columns[-1]
        return True

    def orphan_row(self, row: SourceRow, texts: list[str], nxt: SourceRow | None) -> bool:
        """The last row of a page with an empty label cell, and the next page opening with the
        next item's label: the row was cut by the page break and its label printed on the rest."""
        if not row.label_blank or nxt is None or nxt.where == row.where or not nxt.texts:
            return False
        after = [p for p in self.lookup.positions(nxt.texts[0]) if p > self.at.cursor]
        if not after or self.at.section.flat[min(after)].type not in (ItemType.TEXT, ItemType.TEXTAREA):
            return False
        self.orphan = (" ".join(texts), row.where)
        self.ledger.unplaced(self.orphan_frags, ORPHAN_NOTE)
        self.orphan_frags = [self.ledger.frag(t) for t in range(len(texts))]  # type: ignore[misc]
        return True

    def close(self) -> None:
        """A value still waiting for its label at the end of the file."""
        self.ledger.unplaced(self.orphan_frags, ORPHAN_NOTE)

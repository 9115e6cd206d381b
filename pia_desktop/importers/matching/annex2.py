"""(別添2) 変更箇所: a table of 6 columns (変更日, 項目, 変更前の記載, 変更後の記載,
提出時期, 提出時期に係る説明).

The header row (three or more column names) tells which cell is which column, by position on the
page where the reader knows it. Without a header, a row of four or more cells is read left to
right. A row with a date or a 提出時期 starts the next entry; other rows continue the entry above.
"""

from __future__ import annotations

import re

from pia_desktop.domain.form_definition import Item, ItemType
from pia_desktop.importers.folding import label_key
from pia_desktop.importers.matching.found import Found, RawValue
from pia_desktop.importers.matching.fragments import FragmentLedger
from pia_desktop.importers.matching.position import Position
from pia_desktop.importers.source import SourceRow

_DATEISH = re.compile(r"(令和|平成|昭和|R|H)\s*\S{1,2}\s*[年.]|\d{4}[/.\-年]\d{1,2}")


class Annex2Table:
    def __init__(self, at: Position, found: Found, ledger: FragmentLedger) -> None:
        self.at = at
        self.found = found
        self.ledger = ledger
        self.cols: dict[int, Item] | None = None  # cell index → column, from the header row
        self.spans: dict[int, tuple[float, float]] = {}  # cell index → the header cell's left and right edge
        self.entry = 0  # the 変更箇所 entry being read

    def read(self, row: SourceRow) -> None:
        at, found, ledger = self.at, self.found, self.ledger
        group = next(i for i in at.section.flat if i.type == ItemType.GROUP)
        columns = group.children
        keys = {label_key(c.label): c for c in columns}
        folded = [label_key(c) for c in row.cells]
        header_hits = [k for k in folded if k in keys]
        if len(header_hits) >= 3:
            self.cols = {i: keys[k] for i, k in enumerate(folded) if k in keys}
            self.spans = {i: row.spans[i] for i in self.cols if i < len(row.spans) and row.spans[i][1] > 0}
            found.labels_matched += len(header_hits)
            for i, k in enumerate(folded):
                if k in keys:
                    ledger.form(ledger.cur.get(i), "label")
            return
        cols = self.cols
        if cols is None:
            filled = [c for c in row.cells if c.strip()]
            if len(filled) < 4:
                return  # left unplaced
            cols = {i: c for i, c in enumerate(columns)}
            cells = filled
            cell_index = ledger.tmap
        else:
            cells = list(row.cells)
            cell_index = list(range(len(cells)))
        values: dict[str, str] = {}
        value_cells: dict[str, list[int]] = {}
        starts = sorted(cols)
        use_spans = bool(self.spans) and self.cols is not None
        for i, cell in enumerate(cells):
            if not cell.strip():
                continue
            # the header cell above it (by position on the page), or the one to its left
            owner = max((k for k in starts if k <= i), default=starts[0])
            if use_spans and i < len(row.spans) and row.spans[i][1] > 0:
                mid = (row.spans[i][0] + row.spans[i][1]) / 2
                over = [k for k, (x0, x1) in self.spans.items() if x0 - 1 <= mid <= x1 + 1]
                if over:
                    owner = over[0]
            item = cols[owner]
            values[item.id] = values[item.id] + "\n" + cell if item.id in values else cell
            value_cells.setdefault(item.id, []).append(cell_index[i])
        if not values:
            return
        date_id, timing_id = columns[0].id, next(c.id for c in columns if c.type == ItemType.CHOICE)
        continues = self.entry > 0 and date_id not in values and timing_id not in values
        if not continues:
            if date_id in values and not _DATEISH.search(values[date_id]) and len(values) == 1:
                return  # left unplaced
            self.entry += 1
        at.slots[group.id] = self.entry
        for item in columns:
            found.labels_seen.setdefault(at.address(item), row.where)
            if item.id in values:
                address = at.address(item)
                found.items[address] = item
                found.raw.setdefault(address, RawValue(where=row.where))
                found.put(item, address, values[item.id], row.where)
                for c in value_cells[item.id]:
                    ledger.placed(ledger.cur.get(c), address)

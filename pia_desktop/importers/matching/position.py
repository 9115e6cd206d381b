"""Where the walk is in the form: the section and its 特定個人情報ファイル number, the cursor in the
section's item order, the repeat slots open (システム2, 委託事項3), and where the next value rows go
(the open item, labels waiting for their values). An item's address follows from these.
"""

from __future__ import annotations

from pia_desktop.domain.addresses import format_address
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.importers.catalog import Catalog, SectionInfo


class Position:
    def __init__(self, form: FormDefinition, cat: Catalog) -> None:
        self.form = form
        self.section: SectionInfo = cat.sections[0]
        self.section_index = 0
        self.visited: set[str] = {self.section.id}
        self.files: dict[str, int] = {}  # per-file section id → the file number being read
        self.progress = False  # a label matched since the current section heading
        self.cursor = -1  # position in ``section.flat`` of the last item matched
        self.slots: dict[str, int] = {}  # repeat group id → its entry being read
        self.open: tuple[Item, str] | None = None  # the item (and address) a row without a label continues
        self.pending_columns: list[tuple[Item, str]] | None = None  # labels side by side, values on the next row
        self.queue: list[Item] = []  # stacked labels in one merged cell, waiting for their value rows
        self._groups_of: dict[str, list[Item]] = {}

    def file(self) -> int | None:
        if not self.section.item.per_file:
            return None
        return self.files.setdefault(self.section.id, 1)

    def groups(self, item: Item) -> list[Item]:
        """The repeat groups ``item`` is inside, outermost first."""
        cached = self._groups_of.get(item.id)
        if cached is None:
            cached = [a for a in self.form.ancestors(item.id) if a.type == ItemType.GROUP]
            self._groups_of[item.id] = cached
        return cached

    def address(self, item: Item) -> str:
        slots = tuple(self.slots.setdefault(g.id, 1) for g in self.groups(item))
        return format_address(item.id, self.file(), slots)

    def reset_inner_slots(self, group: Item) -> None:
        """A new entry of ``group``: the groups inside it start again at their first entry."""
        lo, hi = self.section.pos[group.id], self.section.end[group.id]
        for it in self.section.flat[lo + 1 : hi + 1]:
            if it.type == ItemType.GROUP:
                self.slots.pop(it.id, None)

    def enter(self, target: SectionInfo, idx: int) -> None:
        """A section heading: the walk starts over at the top of ``target``."""
        self.section = target
        self.section_index = idx
        self.visited.add(target.id)
        self.cursor = -1
        self.slots = {}
        self.open = None
        self.pending_columns = None
        self.progress = False

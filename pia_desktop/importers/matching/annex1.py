"""(別添1) 特定個人情報ファイル記録項目: the section's rows are collected and placed as a whole when
the section ends, because whether a short line is a group heading or part of an item list depends
on the lines around it (``annex1_lines``). Each file's heading, each group's heading and its items
go to the file's and the group entry's addresses.
"""

from __future__ import annotations

from pia_desktop.domain.form_definition import FormDefinition, ItemType
from pia_desktop.importers.catalog import Catalog
from pia_desktop.importers.matching.annex1_lines import Annex1Unit, classify_annex1
from pia_desktop.importers.matching.found import Found, RawValue
from pia_desktop.importers.matching.fragments import FragmentLedger
from pia_desktop.importers.matching.position import Position
from pia_desktop.importers.source import SourceRow


class Annex1Groups:
    def __init__(self, form: FormDefinition, cat: Catalog, at: Position, found: Found, ledger: FragmentLedger) -> None:
        self.form = form
        self.cat = cat
        self.at = at
        self.found = found
        self.ledger = ledger
        self.units: list[Annex1Unit | int] = []  # (別添1) rows of the current file; an int: a new file number

    def collect(self, row: SourceRow, row_no: int) -> None:
        """A (別添1) row, kept until the section ends (``flush``)."""
        for t, text in enumerate(row.texts):
            frag = self.ledger.frag(t)
            if frag is not None:
                self.units.append(Annex1Unit(text, row.where, frag, t, len(row.texts), row_no))

    def next_file(self, file_no: int) -> None:
        """(別添1) printed again with another file's number: the groups after it are that file's."""
        self.units.append(file_no)

    def flush(self) -> None:
        """The collected rows read as files, group headings and item lists, into their addresses."""
        units, self.units = self.units, []
        if not units:
            return
        at, found = self.at, self.found
        sec = self.cat.by_id[self.form.roles.record_items or ""]
        saved = (at.section, at.slots)
        at.section, at.slots = sec, {}
        heading_item = next(i for i in sec.flat if i.id.endswith(".file_heading"))
        group = next(i for i in sec.flat if i.type == ItemType.GROUP)
        group_heading, group_items = group.children[0], group.children[1]
        n_group = 0
        for step in classify_annex1(units):
            if step.kind == "file":
                if step.file != at.files.get(sec.id, 1) or n_group:
                    at.files[sec.id] = step.file
                    n_group = 0
                    at.slots = {}
                if not step.units:
                    continue
                item = heading_item
            elif step.kind == "continued":  # a group's heading printed again on the next page
                for unit in step.units:
                    self.ledger.form(unit.frag, "heading")
                continue
            elif step.kind == "heading":
                n_group += 1
                at.slots[group.id] = n_group
                item = group_heading
            else:
                if n_group == 0:
                    n_group = 1
                    at.slots[group.id] = 1
                item = group_items
            where = step.units[0].where
            address = at.address(item)
            found.items[address] = item
            found.raw.setdefault(address, RawValue(where=where))
            found.put(item, address, step.text, where)
            for unit in step.units:
                self.ledger.placed(unit.frag, address)
            found.labels_matched += step.kind != "items"
            if step.note:
                found.a1_notes.setdefault(address, step.note)
        at.section, at.slots = saved

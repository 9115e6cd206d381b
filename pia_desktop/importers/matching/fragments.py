"""The report's accounting of every cell read from the file.

Every non-empty cell of every row becomes a ``Fragment``, marked as the walk handles it: placed (in
an item's value), the form's own text (label, option list, heading, stamp) or unplaced, with a note
saying why. A cell no handler claims stays unplaced, so a layout the matcher does not know shows up
in the report instead of disappearing. ``result`` later marks the placed fragments of an uncertain
value as to review.
"""

from __future__ import annotations

from pia_desktop.importers.report import Fragment
from pia_desktop.importers.review import FormTexts
from pia_desktop.importers.source import SourceRow


class FragmentLedger:
    """All fragments of the file, the current row's by cell, and each address's fragments."""

    def __init__(self, texts: FormTexts) -> None:
        self.texts = texts
        self.fragments: list[Fragment] = []
        self.cur: dict[int, Fragment] = {}  # the current row's fragments by cell index
        self.tmap: list[int] = []  # the current row's texts index → cell index
        self.addr_frags: dict[str, list[Fragment]] = {}

    def begin(self, row: SourceRow) -> None:
        """The row's non-empty cells as new fragments, all unplaced until a handler marks them."""
        self.cur = {}
        self.tmap = []
        for i, cell in enumerate(row.cells):
            if cell and cell.strip():
                frag = Fragment(cell.strip(), row.cell_where(i))
                self.fragments.append(frag)
                self.cur[i] = frag
                self.tmap.append(i)

    def frag(self, t: int) -> Fragment | None:
        """The fragment of the current row's ``t``-th non-empty cell."""
        return self.cur.get(self.tmap[t]) if 0 <= t < len(self.tmap) else None

    def placed(self, frag: Fragment | None, address: str) -> None:
        if frag is None:
            return
        if frag.status in ("unplaced", "form"):
            frag.status = "placed"
            frag.kind = ""
            frag.note = ""
        if address not in frag.addresses:
            frag.addresses.append(address)
            self.addr_frags.setdefault(address, []).append(frag)

    def form(self, frag: Fragment | None, kind: str) -> None:
        if frag is not None and frag.status == "unplaced":
            frag.status = "form"
            frag.kind = kind

    def form_or_left(self, t: int, kind: str) -> None:
        """A cell printed beside a heading: the form's own text when it is one, else left unplaced."""
        frag = self.frag(t)
        if frag is not None and self.texts.is_form_text(frag.text):
            self.form(frag, kind)

    def unplaced(self, frags: list[Fragment | None], note: str) -> None:
        for frag in frags:
            if frag is not None and frag.status == "unplaced" and not frag.note:
                frag.note = note

    def add_furniture(self, rows: list[SourceRow]) -> None:
        """The page numbers and running heads the reader dropped: the form's own text."""
        for row in rows:
            for i, cell in enumerate(row.cells):
                if cell.strip():
                    self.fragments.append(Fragment(cell.strip(), row.cell_where(i), "form", kind="furniture"))

    def close(self) -> None:
        """What is still unplaced without a reason fits no item."""
        for frag in self.fragments:
            if frag.status == "unplaced" and not frag.note:
                frag.note = "どの項目にも当てはまりません"

"""What every reader hands to the label matcher: the file as rows of cells, in reading order.

A row is what a reader sees on one line of the printed form: a table row (PDF), a worksheet row
(xlsx) or a text line (PDF without ruling). Cells keep their position ("" where empty) so the
(別添2) table can be read column by column; the matcher itself looks at the non-empty texts only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pia_desktop.domain.errors import PiaError


class ImportFailure(PiaError):
    """The file cannot be imported at all (damaged, encrypted, empty, not a 評価書, too large)."""


@dataclass(frozen=True)
class SourceRow:
    cells: tuple[str, ...]
    where: str  # "Ⅰ基本情報!A4", "p.3"
    loose: bool = False  # PDF text outside any table (headings, page headers and footers)
    label_blank: bool = False  # PDF: the first cell is drawn but empty (not covered by a merged label)
    wheres: tuple[str, ...] = ()  # xlsx: each cell's own address ("Ⅰ基本情報!C9"); empty: ``where`` for all
    spans: tuple[tuple[float, float], ...] = ()  # PDF tables: each cell's left and right edge (() if unknown)

    def cell_where(self, i: int) -> str:
        return self.wheres[i] if i < len(self.wheres) else self.where

    @property
    def texts(self) -> list[str]:
        return [c for c in self.cells if c and c.strip()]

    @property
    def text(self) -> str:
        return " ".join(self.texts)


@dataclass
class SourceDocument:
    """A file read into rows, with what the reader learnt about it on the way."""

    name: str  # the file name, for messages
    kind: str  # "xlsx" | "pdf"
    rows: list[SourceRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # reader remarks for the report (page caps, text route …)
    furniture: list[SourceRow] = field(default_factory=list)  # dropped page numbers and running heads

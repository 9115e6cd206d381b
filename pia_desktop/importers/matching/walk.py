"""The walk over the rows: each row goes to the first handler that claims it.

In order: a section heading (``sections``), the 様式 stamp, the 項目一覧, the rows of (別添2) and
(別添1) (``annex2``, ``annex1``), the value row under labels side by side, a repeat group's slot
header (``slots``), a row starting with the form's labels (``label_rows``), a value cut from its
label by a page break, and last a row that continues the open item's value (``value_cells``).
``match_rows`` is the entry point: rows in, document and report out.
"""

from __future__ import annotations

import re

from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.importers.catalog import Catalog, catalog_for
from pia_desktop.importers.folding import fold
from pia_desktop.importers.matching.annex1 import Annex1Groups
from pia_desktop.importers.matching.annex2 import Annex2Table
from pia_desktop.importers.matching.found import Found
from pia_desktop.importers.matching.fragments import FragmentLedger
from pia_desktop.importers.matching.label_rows import LabelRows
from pia_desktop.importers.matching.lookup import LabelLookup
from pia_desktop.importers.matching.position import Position
from pia_desktop.importers.matching.result import build_document, build_report
from pia_desktop.importers.matching.sections import SectionHeadings
from pia_desktop.importers.matching.slots import SlotHeaders
from pia_desktop.importers.matching.value_cells import ValueCells
from pia_desktop.importers.report import ImportReport
from pia_desktop.importers.review import FormTexts, form_texts
from pia_desktop.importers.source import ImportFailure, SourceDocument, SourceRow

_STAMP = re.compile(r"^\[?(令和|平成)\d+年\d+月様式\d+\]?$")
MIN_LABELS = 12  # fewer matched labels than this and the file is not a 評価書


class LabelMatcher:
    def __init__(self, form: FormDefinition, source: SourceDocument) -> None:
        self.form = form
        self.cat: Catalog = catalog_for(form)
        self.src = source
        self.texts: FormTexts = form_texts(form)
        self.at = Position(form, self.cat)
        self.found = Found()
        self.ledger = FragmentLedger(self.texts)
        self.annex1 = Annex1Groups(form, self.cat, self.at, self.found, self.ledger)
        self.annex2 = Annex2Table(self.at, self.found, self.ledger)
        self.sections = SectionHeadings(form, self.cat, self.at, self.ledger, self.annex1)
        self.slots = SlotHeaders(self.at, self.found, self.ledger)
        self.values = ValueCells(form, self.texts, self.at, self.found, self.ledger)
        self.labels = LabelRows(LabelLookup(form, self.at, self.found), self.values, self.at, self.found, self.ledger)

    def run(self) -> None:
        rows = [r for r in self.src.rows if r.texts]
        for i, row in enumerate(rows):
            self.ledger.begin(row)
            self._row(row, rows, i)
        self.annex1.flush()
        self.labels.close()
        self.ledger.add_furniture(self.src.furniture)
        self.ledger.close()

    def _row(self, row: SourceRow, rows: list[SourceRow], i: int) -> None:
        texts = row.texts
        at, ledger = self.at, self.ledger
        if self.sections.try_row(row, texts, rows, i):
            return
        if _STAMP.match(fold(texts[0])):
            self.found.stamp = self.found.stamp or texts[0].strip()
            ledger.form(ledger.frag(0), "stamp")
            for t in range(1, len(texts)):
                ledger.form_or_left(t, "label")
            return
        sid = at.section.id
        if sid == "toc":
            for t in range(len(texts)):
                ledger.form_or_left(t, "toc")
            return
        if sid == self.form.roles.changes:
            self.annex2.read(row)
            return
        if sid == self.form.roles.record_items:
            self.annex1.collect(row, i)
            return
        if at.pending_columns is not None and self.labels.fill_columns(row, texts):
            return
        if self.slots.try_row(row, texts):
            return
        if self.labels.try_row(row, texts):
            return
        if self.labels.orphan_row(row, texts, rows[i + 1] if i + 1 < len(rows) else None):
            return
        self.values.continuation(row, texts)

    def document(self) -> tuple[Document, dict[str, str]]:
        """The document built from what was found, and the notes on uncertain values."""
        return build_document(self.form, self.cat, self.texts, self.found, self.at.files, self.ledger)

    def report(self, doc: Document, notes: dict[str, str], kind: str) -> ImportReport:
        return build_report(self.form, self.src, self.found, self.ledger, doc, notes, kind)

    def check_is_assessment(self, min_labels: int = MIN_LABELS) -> None:
        sections = len(self.at.visited - {"cover", "toc"})
        if self.found.labels_matched < min_labels or sections < 1:
            raise ImportFailure(
                f"{self.src.name} は{self.form.name}として読み取れませんでした"
                f"（様式の項目名が {self.found.labels_matched} 個しか見つかりません）。評価書の PDF または Excel ファイルを指定してください。"
            )


def match_rows(form: FormDefinition, source: SourceDocument, *, min_labels: int = MIN_LABELS) -> tuple[Document, ImportReport]:
    """The document and report for ``source``; ImportFailure when fewer than ``min_labels`` of the
    form's labels are found (not a 評価書)."""
    matcher = LabelMatcher(form, source)
    matcher.run()
    matcher.check_is_assessment(min_labels)
    doc, notes = matcher.document()
    return doc, matcher.report(doc, notes, source.kind)

"""Flowables that break across pages: tables that split a row rather than give up, and headings kept
with the start of what follows them."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Table

SPLIT_MIN = 28  # points: a row is split across pages only if both pieces get at least this much
KEEP_MIN = 40.0  # points of the following row that must fit under a heading


class SplittingTable(Table):
    """A table that never gives up on a row taller than a page.

    Rows split inside (``splitInRow``) only where both pieces get SPLIT_MIN points, so no piece is a
    sliver. A row that cannot be placed otherwise (at the top of a page, or taller than a page) is
    split with no minimum: a short piece beats ReportLab's "too large" error, which would lose the
    whole export.
    """

    keep_rows = False  # rows move to the next page whole unless taller than a page (別添2)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", True))
        self._calc(availWidth, availHeight)
        first = sum(self._rowHeights[: self.repeatRows + 1])
        oversize = first > getattr(frame, "_height", availHeight)
        if self.keep_rows:
            pieces = self._splitRows(availHeight, doInRowSplit=False)
            if not pieces and (at_top or oversize):
                pieces = self._splitRows(availHeight, doInRowSplit=True)
        else:
            pieces = super().split(availWidth, availHeight)
        if not pieces and (at_top or oversize) and self.splitInRow > 1:
            keep, self.splitInRow = self.splitInRow, 1
            try:
                pieces = self.split(availWidth, availHeight)
            finally:
                self.splitInRow = keep
        return pieces


class RowKeepingTable(SplittingTable):
    """Rows move to the next page whole (a short row split at the foot of a page leaves its cells'
    pieces interleaved across the break, and the table header repeated in mid-page)."""

    keep_rows = True


class KeepHeadingWithStart(KeepTogether):
    """Keeps heading rows with the start of the row after them, not with all of it: that row may be
    pages long, and moving it whole would leave most of a page blank."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        heights = [f.wrapOn(self.canv, aW, 0xFFFFFF)[1] for f in self._content]
        need = sum(heights[:-1]) + min(heights[-1], KEEP_MIN)
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        content = list(self._content)
        if need > aH and not at_top:
            content.insert(0, self.FrameBreak())
        return content

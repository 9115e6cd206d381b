"""Section headings (Ⅰ, Ⅱ, 別添1, Ⅲ …) and the 特定個人情報ファイル they start.

A heading moves the walk to the top of its section. A per-file section's heading printed again
starts the next file — "(2)" or "⑵" after it names the file — unless nothing was read since (a page
header). The 項目一覧 lists the headings one after another, so a heading followed by a heading is
not a start; a heading already read is taken as text further down ("Ⅱ 特定個人情報ファイルの概要"
quoted in a value).
"""

from __future__ import annotations

import re

from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.importers.catalog import Catalog
from pia_desktop.importers.folding import fold
from pia_desktop.importers.matching.annex1 import Annex1Groups
from pia_desktop.importers.matching.fragments import FragmentLedger
from pia_desktop.importers.matching.position import Position
from pia_desktop.importers.source import SourceRow

_FILE_MARK = re.compile(r"^(?:\((\d{1,2})\)|([⑴-⒇]))")


class SectionHeadings:
    def __init__(self, form: FormDefinition, cat: Catalog, at: Position, ledger: FragmentLedger, annex1: Annex1Groups) -> None:
        self.form = form
        self.cat = cat
        self.at = at
        self.ledger = ledger
        self.annex1 = annex1

    def section_of_row(self, texts: list[str]) -> tuple[int, int | None] | None:
        """(section index, explicit file number) when the row is a section heading."""
        folded = fold(texts[0])
        best: tuple[int, int | None, int] | None = None
        for idx, sec in enumerate(self.cat.sections):
            for key in sec.keys:
                if not key or not folded.startswith(key):
                    continue
                rest = folded[len(key):]
                m = _FILE_MARK.match(rest)
                if rest and not m and not rest.startswith("※"):
                    continue
                if len(rest) > 40:
                    continue
                file_no = None
                if m:
                    file_no = int(m.group(1)) if m.group(1) else ord(m.group(2)) - ord("⑴") + 1
                if best is None or len(key) > best[2]:
                    best = (idx, file_no, len(key))
        if best is None:
            return None
        return best[0], best[1]

    def try_row(self, row: SourceRow, texts: list[str], rows: list[SourceRow], i: int) -> bool:
        at = self.at
        if len(texts) > 2:
            return False
        if at.section.id == self.form.roles.changes and len(texts) > 1:
            return False
        hit = self.section_of_row(texts)
        if hit is None:
            return False
        idx, file_no = hit
        target = self.cat.sections[idx]
        # 項目一覧 lists the headings one after another: a heading followed by a heading is not a start.
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if target.id != "toc" and nxt is not None and self.section_of_row(nxt.texts) is not None:
            self._frags(len(texts), "toc")
            return True
        if target.id == at.section.id and not target.item.per_file:
            self._frags(len(texts), "heading")
            return True  # repeated heading (page header), same section
        if target.id in at.visited and target.id != at.section.id and not (target.item.per_file and file_no):
            return False  # e.g. "Ⅱ 特定個人情報ファイルの概要" as a value further down
        self._frags(len(texts), "heading")
        if target.id == at.section.id == self.form.roles.record_items:
            # (別添1) printed again (next page, or the next file's table): the groups read on
            if file_no is not None and file_no != at.files.get(target.id, 1):
                self.annex1.next_file(file_no)
            return True
        self.annex1.flush()
        if target.item.per_file:
            current = at.files.get(target.id, 0)
            if file_no is not None:
                new_file = file_no
            elif target.id == at.section.id and not at.progress:
                new_file = max(current, 1)
            else:
                new_file = current + 1
            at.files[target.id] = new_file
        at.enter(target, idx)
        return True

    def _frags(self, n: int, kind: str) -> None:
        self.ledger.form(self.ledger.frag(0), kind)
        for t in range(1, n):
            self.ledger.form_or_left(t, kind)

"""Finding a printed label in the current section: its positions in the section's item order (by
folded label, or without its numbering), the one the walk takes next, and the looser finds — a
label at the start of a longer cell, labels stacked in one cell, a near spelling.

A label seen again inside a repeat group starts the group's next entry (システム1 → システム2).
"""

from __future__ import annotations

import difflib
import re

from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.importers.folding import fold_with_map, label_key, unnumbered
from pia_desktop.importers.matching.found import Found
from pia_desktop.importers.matching.position import Position


def _page(where: str) -> str:
    return where if where.startswith("p.") else ""


class LabelLookup:
    def __init__(self, form: FormDefinition, at: Position, found: Found) -> None:
        self.form = form
        self.at = at
        self.found = found

    def positions(self, text: str) -> list[int]:
        key = label_key(text)
        if not key:
            return []
        sec = self.at.section
        hits = sec.by_key.get(key)
        if hits:
            return hits
        return sec.by_unnumbered.get(unnumbered(key), [])

    def within(self, positions: list[int], parent: Item | None) -> list[int]:
        if parent is None:
            return positions
        lo, hi = self.at.section.pos[parent.id], self.at.section.end[parent.id]
        return [p for p in positions if lo < p <= hi]

    def choose(self, positions: list[int], where: str = "") -> int | None:
        """The nearest position at or after the cursor; a label seen again inside a repeat group
        starts the group's next entry; otherwise a step back inside the same numbered heading."""
        at = self.at
        if not positions:
            return None
        if at.open is not None and at.cursor in positions:
            raw = self.found.raw.get(at.open[1])
            in_group = bool(at.groups(at.section.flat[at.cursor]))
            if not in_group or (raw is not None and _page(raw.where) and _page(raw.where) != _page(where)):
                return at.cursor  # the label printed again on the next page: the same item
        after = [p for p in positions if p > at.cursor]
        if after:
            return min(after)
        flat = at.section.flat
        if 0 <= at.cursor < len(flat):
            for p in sorted(positions, reverse=True):
                for g in at.groups(flat[p]):
                    gp = at.section.pos.get(g.id)
                    if gp is not None and gp < p and at.section.end[g.id] >= at.cursor:
                        at.slots[g.id] = at.slots.get(g.id, 1) + 1
                        at.reset_inner_slots(g)
                        return p
            top = self._top_heading(at.cursor)
            back = [p for p in positions if self._top_heading(p) == top]
            if back:
                return max(back)
        return None

    def _top_heading(self, p: int) -> str:
        return self.form.ancestors(self.at.section.flat[p].id)[1].id if p >= 0 else ""

    def fuzzy(self, text: str) -> int | None:
        """A label spelt a little differently (a conversion slip), among the next items."""
        key = label_key(text)
        if len(key) < 10:
            return None
        best, best_ratio = None, 0.88
        flat = self.at.section.flat
        for p in range(self.at.cursor + 1, min(len(flat), self.at.cursor + 40)):
            item = flat[p]
            if item.type == ItemType.GROUP:
                continue
            cand = label_key(item.label)
            if abs(len(cand) - len(key)) > max(4, len(cand) // 5):
                continue
            sm = difflib.SequenceMatcher(None, key, cand, autojunk=False)
            if sm.quick_ratio() < best_ratio:
                continue
            ratio = sm.ratio()
            if ratio > best_ratio:
                best, best_ratio = p, ratio
        return best

    def prefix(self, text: str, parent: Item | None) -> tuple[int, str] | None:
        """A label printed at the start of a longer cell, followed by its value ("①部署 福祉課")."""
        folded, where = fold_with_map(text)
        sec = self.at.section
        best: tuple[int, str, int] | None = None
        for key, positions in sec.by_key.items():
            if len(key) < 3 or len(key) >= len(folded) or not folded.startswith(key):
                continue
            end = where[len(key) - 1] + 1
            rest = text[end:]
            if rest and not (rest[0].isspace() or rest[0] in "[［※"):
                continue
            rest = re.sub(r"^\s*※(\s*[（(][^）)]{0,20}[）)])?", "", rest)  # the label's own ※ mark
            cands = [p for p in self.within(positions, parent) if p > self.at.cursor]
            if cands and (best is None or len(key) > best[2]):
                best = (min(cands), rest.strip(), len(key))
        return (best[0], best[1]) if best else None

    def stacked(self, text: str) -> list[int]:
        """Labels printed one under another in one merged cell ("③対象となる本人の範囲 ※" over
        "その必要性"): their positions when every line is the next label, else []."""
        lines = [ln for ln in text.split("\n") if ln.strip()]
        saved = self.at.cursor
        hits: list[int] = []
        for line in lines:
            after = [p for p in self.positions(line) if p > self.at.cursor]
            if not after:
                self.at.cursor = saved
                return []
            self.at.cursor = min(after)
            hits.append(self.at.cursor)
        self.at.cursor = saved
        return hits

    def split_heading_boxes(self, texts: list[str]) -> list[str]:
        """"４．…の委託 [ ] 委託しない" printed inside the heading's own cell: the box as a cell of its own."""
        first = texts[0]
        if "[" not in first and "［" not in first:
            return texts
        folded, where = fold_with_map(first)
        for item in self.at.section.flat:
            if item.type != ItemType.CHECKBOX:
                continue
            m = re.search(r"\[[^\[\]]{0,3}\]" + re.escape(label_key(item.label)), folded)
            if m and m.start() > 0:
                a, b = where[m.start()], where[m.end() - 1] + 1
                return [first[:a] + first[b:], first[a:b], *texts[1:]]
        return texts

    def is_label_row(self, cells: list[str]) -> bool:
        """Several labels side by side ("評価書番号 │ 評価書名"): the values are on the next row."""
        for cell in cells:
            positions = [p for p in self.positions(cell) if p > self.at.cursor]
            if not positions or self.at.section.flat[min(positions)].type in (ItemType.HEADING, ItemType.GROUP):
                return False
        return True

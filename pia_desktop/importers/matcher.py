"""Map rows of printed text onto the form: find each item by its printed label and section.

The matcher walks the rows once, keeping a cursor in the form's item order. A row whose leading
cells fold to an item's label (see ``folding``) moves the cursor to the nearest such item at or
after it; the row's other cells are that item's value. Rows that match nothing continue the value
of the item before them (values split over several rows, full-width label rows with the value
underneath). Slot headers ("システム2", "委託事項3 │ title") and repeated labels start repeat
entries; a repeated section heading (Ⅱ, 別添1, Ⅲ) starts the next 特定個人情報ファイル.
(別添1) and (別添2) have their own readers: groups of item lists, and the 6-column table.

Nothing here depends on sheet names, cell positions or page coordinates.

Every non-empty cell of every row becomes a ``Fragment`` of the report, marked as it is handled:
placed (in an item's value), the form's own text (label, option list, heading, stamp), to review
(placed, but shaped like another entry) or unplaced. A row no handler claims stays unplaced, so a
layout the matcher does not know shows up in the report instead of disappearing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from pia_desktop.domain.addresses import format_address, group_key, parse_address
from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.document import Document, value_text
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.domain.traversal import walk
from pia_desktop.importers.annex1 import Annex1Unit, classify_annex1
from pia_desktop.importers.catalog import Catalog, SectionInfo, catalog_for, is_count_item
from pia_desktop.importers.folding import fold, fold_with_map, label_key, squash, unnumbered
from pia_desktop.importers.report import Fragment, ImportReport, ReportEntry
from pia_desktop.importers.review import FormTexts, form_texts, review_notes
from pia_desktop.importers.source import ImportFailure, SourceDocument, SourceRow
from pia_desktop.importers.values import box_segments, parse_value

_STAMP = re.compile(r"^\[?(令和|平成)\d+年\d+月様式\d+\]?$")
_FILE_MARK = re.compile(r"^(?:\((\d{1,2})\)|([⑴-⒇]))")
_CAPTION = re.compile(r"^<選択肢>")
_OPTION_LINE = re.compile(r"^(<選択肢>)?\d\)")
_COUNT_CELL = re.compile(r"^\([0-9,]*\)件$")
_COUNT_IN = re.compile(r"\([0-9,]*\)件$")
_DATEISH = re.compile(r"(令和|平成|昭和|R|H)\s*\S{1,2}\s*[年.]|\d{4}[/.\-年]\d{1,2}")
MIN_LABELS = 12


def _page(where: str) -> str:
    return where if where.startswith("p.") else ""  # fewer matched labels than this and the file is not a 評価書


@dataclass
class _Raw:
    chunks: list[str] = field(default_factory=list)
    where: str = ""


class LabelMatcher:
    def __init__(self, form: FormDefinition, source: SourceDocument) -> None:
        self.form = form
        self.cat: Catalog = catalog_for(form)
        self.src = source
        self.section: SectionInfo = self.cat.sections[0]
        self.section_index = 0
        self.visited: set[str] = {self.section.id}
        self.files: dict[str, int] = {}
        self.progress = False  # a label matched since the current section heading
        self.cursor = -1
        self.slots: dict[str, int] = {}
        self.open: tuple[Item, str] | None = None
        self.raw: dict[str, _Raw] = {}
        self.items: dict[str, Item] = {}
        self.labels_seen: dict[str, str] = {}
        self.fixed_seen: dict[str, tuple[str, str]] = {}
        self.pending_columns: list[tuple[Item, str]] | None = None
        self.queue: list[Item] = []  # stacked labels in one merged cell, waiting for their value rows
        self.orphan: tuple[str, str] | None = None  # a value printed on the page before its label
        self.fragments: list[Fragment] = []
        self.cur: dict[int, Fragment] = {}  # the current row's fragments by cell index
        self.tmap: list[int] = []  # the current row's texts index → cell index
        self.orphan_frags: list[Fragment] = []
        self.a1_units: list[Annex1Unit | int] = []  # (別添1) rows of the current file; an int: a new file number
        self.texts: FormTexts = form_texts(form)
        self.addr_frags: dict[str, list[Fragment]] = {}
        self.stamp = ""
        self.labels_matched = 0
        self.a2_cols: dict[int, Item] | None = None
        self.a2_spans: dict[int, tuple[float, float]] = {}
        self.a2_entry = 0
        self._groups_of: dict[str, list[Item]] = {}
        self.a1_notes: dict[str, str] = {}
        self.row_no = 0
        self.glue_notes: dict[str, str] = {}

    # -- addresses ------------------------------------------------------------------------------

    def _file(self) -> int | None:
        if not self.section.item.per_file:
            return None
        return self.files.setdefault(self.section.id, 1)

    def _groups(self, item: Item) -> list[Item]:
        cached = self._groups_of.get(item.id)
        if cached is None:
            cached = [a for a in self.form.ancestors(item.id) if a.type == ItemType.GROUP]
            self._groups_of[item.id] = cached
        return cached

    def _address(self, item: Item) -> str:
        slots = tuple(self.slots.setdefault(g.id, 1) for g in self._groups(item))
        return format_address(item.id, self._file(), slots)

    def _put(self, item: Item, address: str, text: str, where: str) -> None:
        raw = self.raw.get(address)
        if raw is None:
            raw = self.raw[address] = _Raw(where=where)
            self.items[address] = item
        if text.strip():
            raw.chunks.append(text)

    # -- accounting ---------------------------------------------------------------------------------

    def _begin(self, row: SourceRow) -> None:
        self.cur = {}
        self.tmap = []
        for i, cell in enumerate(row.cells):
            if cell and cell.strip():
                frag = Fragment(cell.strip(), row.cell_where(i))
                self.fragments.append(frag)
                self.cur[i] = frag
                self.tmap.append(i)

    def _frag(self, t: int) -> Fragment | None:
        return self.cur.get(self.tmap[t]) if 0 <= t < len(self.tmap) else None

    def _placed(self, frag: Fragment | None, address: str) -> None:
        if frag is None:
            return
        if frag.status in ("unplaced", "form"):
            frag.status = "placed"
            frag.kind = ""
            frag.note = ""
        if address not in frag.addresses:
            frag.addresses.append(address)
            self.addr_frags.setdefault(address, []).append(frag)

    def _form(self, frag: Fragment | None, kind: str) -> None:
        if frag is not None and frag.status == "unplaced":
            frag.status = "form"
            frag.kind = kind

    def _form_or_left(self, t: int, kind: str) -> None:
        """A cell printed beside a heading: the form's own text when it is one, else left unplaced."""
        frag = self._frag(t)
        if frag is not None and self.texts.is_form_text(frag.text):
            self._form(frag, kind)

    def _unplaced(self, frags: list[Fragment | None], note: str) -> None:
        for frag in frags:
            if frag is not None and frag.status == "unplaced" and not frag.note:
                frag.note = note

    # -- the walk -------------------------------------------------------------------------------

    def run(self) -> None:
        rows = [r for r in self.src.rows if r.texts]
        for i, row in enumerate(rows):
            self.row_no = i
            self._begin(row)
            self._row(row, rows, i)
        self._flush_annex1()
        self._unplaced(self.orphan_frags, "ページの区切りで項目名と離れた記載")
        for row in self.src.furniture:
            for i, cell in enumerate(row.cells):
                if cell.strip():
                    self.fragments.append(Fragment(cell.strip(), row.cell_where(i), "form", kind="furniture"))
        for frag in self.fragments:
            if frag.status == "unplaced" and not frag.note:
                frag.note = "どの項目にも当てはまりません"

    def _row(self, row: SourceRow, rows: list[SourceRow], i: int) -> None:
        texts = row.texts
        if self._try_section(row, texts, rows, i):
            return
        if _STAMP.match(fold(texts[0])):
            self.stamp = self.stamp or texts[0].strip()
            self._form(self._frag(0), "stamp")
            for t in range(1, len(texts)):
                self._form_or_left(t, "label")
            return
        sid = self.section.id
        if sid == "toc":
            for t in range(len(texts)):
                self._form_or_left(t, "toc")
            return
        if sid == self.form.roles.changes:
            self._annex2(row)
            return
        if sid == self.form.roles.record_items:
            self._annex1(row)
            return
        if self.pending_columns is not None and self._fill_columns(row, texts):
            return
        if self._try_group_header(row, texts):
            return
        if self._try_labels(row, texts):
            return
        if self._orphan(row, texts, rows[i + 1] if i + 1 < len(rows) else None):
            return
        self._continuation(row, texts)

    # -- sections -------------------------------------------------------------------------------

    def _section_of_row(self, texts: list[str]) -> tuple[int, int | None] | None:
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

    def _try_section(self, row: SourceRow, texts: list[str], rows: list[SourceRow], i: int) -> bool:
        if len(texts) > 2:
            return False
        if self.section.id == self.form.roles.changes and len(texts) > 1:
            return False
        hit = self._section_of_row(texts)
        if hit is None:
            return False
        idx, file_no = hit
        target = self.cat.sections[idx]
        # 項目一覧 lists the headings one after another: a heading followed by a heading is not a start.
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if target.id != "toc" and nxt is not None and self._section_of_row(nxt.texts) is not None:
            self._section_frags(len(texts), "toc")
            return True
        if target.id == self.section.id and not target.item.per_file:
            self._section_frags(len(texts), "heading")
            return True  # repeated heading (page header), same section
        if target.id in self.visited and target.id != self.section.id and not (target.item.per_file and file_no):
            return False  # e.g. "Ⅱ 特定個人情報ファイルの概要" as a value further down
        self._section_frags(len(texts), "heading")
        if target.id == self.section.id == self.form.roles.record_items:
            # (別添1) printed again (next page, or the next file's table): the groups read on
            if file_no is not None and file_no != self.files.get(target.id, 1):
                self.a1_units.append(file_no)
            return True
        self._flush_annex1()
        if target.item.per_file:
            current = self.files.get(target.id, 0)
            if file_no is not None:
                new_file = file_no
            elif target.id == self.section.id and not self.progress:
                new_file = max(current, 1)
            else:
                new_file = current + 1
            self.files[target.id] = new_file
        self.section = target
        self.section_index = idx
        self.visited.add(target.id)
        self.cursor = -1
        self.slots = {}
        self.open = None
        self.pending_columns = None
        self.progress = False
        return True

    def _section_frags(self, n: int, kind: str) -> None:
        self._form(self._frag(0), kind)
        for t in range(1, n):
            self._form_or_left(t, kind)

    # -- repeat entries -------------------------------------------------------------------------------

    def _try_group_header(self, row: SourceRow, texts: list[str]) -> bool:
        head = fold(texts[0])
        for g in self.section.groups:
            if g.print_group.match(head):
                self.open = None
                self._form(self._frag(0), "slot")
                for t in range(1, len(texts)):
                    self._form_or_left(t, "slot")
                return True
            m = g.header.match(head)
            title: str | None = None
            if not m and g.item.repeat and g.item.repeat.titled and len(texts) == 1:
                # "委託事項1　福祉システム保守業務": the slot header and its title in one cell
                first = texts[0].strip()
                parts = re.split(r"\s+", first, maxsplit=1)
                if len(parts) == 2:
                    m = g.header.match(fold(parts[0]))
                    title = parts[1] if m else None
            if not m:
                continue
            n = int(m.group(1))
            if g.item.repeat and g.item.repeat.max and n > g.item.repeat.max:
                return False
            self.slots[g.item.id] = n
            self._reset_inner_slots(g.item)
            self.cursor = self.section.pos[g.item.id]
            self.progress = True
            address = self._address(g.item)
            self.labels_seen.setdefault(address, row.where)
            self.labels_matched += 1
            self._form(self._frag(0), "slot")
            if g.item.repeat and g.item.repeat.titled:
                self.items[address] = g.item
                self.raw.setdefault(address, _Raw(where=row.where))
                if title is not None:
                    self._put(g.item, address, title, row.where)
                    self._placed(self._frag(0), address)
                for t, text in enumerate(texts[1:], start=1):
                    self._put(g.item, address, text, row.where)
                    self._placed(self._frag(t), address)
                self.open = (g.item, address)
            else:
                self.open = None
                for t in range(1, len(texts)):
                    self._form_or_left(t, "slot")
            return True
        return False

    def _reset_inner_slots(self, group: Item) -> None:
        lo, hi = self.section.pos[group.id], self.section.end[group.id]
        for it in self.section.flat[lo + 1 : hi + 1]:
            if it.type == ItemType.GROUP:
                self.slots.pop(it.id, None)

    # -- labels -------------------------------------------------------------------------------------

    def _positions(self, text: str) -> list[int]:
        key = label_key(text)
        if not key:
            return []
        sec = self.section
        found = sec.by_key.get(key)
        if found:
            return found
        return sec.by_unnumbered.get(unnumbered(key), [])

    def _within(self, positions: list[int], parent: Item | None) -> list[int]:
        if parent is None:
            return positions
        lo, hi = self.section.pos[parent.id], self.section.end[parent.id]
        return [p for p in positions if lo < p <= hi]

    def _choose(self, positions: list[int], where: str = "") -> int | None:
        """The nearest position at or after the cursor; a label seen again inside a repeat group
        starts the group's next entry; otherwise a step back inside the same numbered heading."""
        if not positions:
            return None
        if self.open is not None and self.cursor in positions:
            raw = self.raw.get(self.open[1])
            in_group = bool(self._groups(self.section.flat[self.cursor]))
            if not in_group or (raw is not None and _page(raw.where) and _page(raw.where) != _page(where)):
                return self.cursor  # the label printed again on the next page: the same item
        after = [p for p in positions if p > self.cursor]
        if after:
            return min(after)
        flat = self.section.flat
        if 0 <= self.cursor < len(flat):
            for p in sorted(positions, reverse=True):
                for g in self._groups(flat[p]):
                    gp = self.section.pos.get(g.id)
                    if gp is not None and gp < p and self.section.end[g.id] >= self.cursor:
                        self.slots[g.id] = self.slots.get(g.id, 1) + 1
                        self._reset_inner_slots(g)
                        return p
            top = self._top_heading(self.cursor)
            back = [p for p in positions if self._top_heading(p) == top]
            if back:
                return max(back)
        return None

    def _top_heading(self, p: int) -> str:
        return self.form.ancestors(self.section.flat[p].id)[1].id if p >= 0 else ""

    def _fuzzy(self, text: str) -> int | None:
        key = label_key(text)
        if len(key) < 10:
            return None
        best, best_ratio = None, 0.88
        flat = self.section.flat
        for p in range(self.cursor + 1, min(len(flat), self.cursor + 40)):
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

    def _prefix(self, text: str, parent: Item | None) -> tuple[int, str] | None:
        """A label printed at the start of a longer cell, followed by its value ("①部署 福祉課")."""
        folded, where = fold_with_map(text)
        sec = self.section
        best: tuple[int, str, int] | None = None
        for key, positions in sec.by_key.items():
            if len(key) < 3 or len(key) >= len(folded) or not folded.startswith(key):
                continue
            end = where[len(key) - 1] + 1
            rest = text[end:]
            if rest and not (rest[0].isspace() or rest[0] in "[［※"):
                continue
            rest = re.sub(r"^\s*※(\s*[（(][^）)]{0,20}[）)])?", "", rest)  # the label's own ※ mark
            cands = [p for p in self._within(positions, parent) if p > self.cursor]
            if cands and (best is None or len(key) > best[2]):
                best = (min(cands), rest.strip(), len(key))
        return (best[0], best[1]) if best else None

    def _try_labels(self, row: SourceRow, texts: list[str]) -> bool:
        n_before = len(texts)
        texts = self._split_heading_boxes(texts)
        split = len(texts) - n_before  # 1 when the first cell was cut in two

        def orig(k: int) -> int:
            return 0 if k <= split else k - split
        chain: list[Item] = []
        queue: list[Item] = []
        parent: Item | None = None
        idx = 0
        rest_text: str | None = None
        while idx < len(texts):
            p = self._choose(self._within(self._positions(texts[idx]), parent), row.where)
            if p is None and idx == 0 and "\n" in texts[idx].strip():
                stacked = self._stacked(texts[idx])
                if stacked:
                    p, queue = stacked[0], [self.section.flat[q] for q in stacked[1:]]
            if p is None and idx == 0:
                prefixed = self._prefix(texts[idx], parent)
                if prefixed is not None:
                    p, rest_text = prefixed
                else:
                    p = self._fuzzy(texts[idx])
            if p is None:
                break
            item = self.section.flat[p]
            self.cursor = p
            chain.append(item)
            idx += 1
            if rest_text is not None or item.type != ItemType.HEADING:
                break
            parent = item
        if not chain:
            return False
        self.queue = queue
        self.progress = True
        self.labels_matched += len(chain)
        last = chain[-1]
        address = self._address(last)
        self.labels_seen.setdefault(address, row.where)
        label_cells = {orig(k) for k in range(idx)}
        for t in sorted(label_cells):
            self._form(self._frag(t), "label")
        rest = ([rest_text] if rest_text else []) + texts[idx:]
        rest_idx = ([orig(idx - 1)] if rest_text else []) + [orig(k) for k in range(idx, len(texts))]
        if last.type == ItemType.FIXED:
            self.fixed_seen.setdefault(address, (" ".join(rest), row.where))
            for t in rest_idx:
                self._form(self._frag(t), "fixed")
            self.open = None
            return True
        if last.type == ItemType.HEADING:
            self._heading_values(last, rest, row, rest_idx)
            self.open = None
            return True
        if rest and self._is_label_row(rest):
            for t in rest_idx:
                self._form(self._frag(t), "label")
            self._start_columns(last, address, rest)
            return True
        self.items[address] = last
        self.raw.setdefault(address, _Raw(where=row.where))
        if self.orphan is not None and last.type in (ItemType.TEXT, ItemType.TEXTAREA):
            rest = [self.orphan[0], *rest]
            rest_idx = [-1, *rest_idx]
            self.raw[address].where = self.orphan[1]
            for frag in self.orphan_frags:
                self._placed(frag, address)
            self.orphan_frags = []
        self.orphan = None
        self._assign(last, address, rest, row.where, rest_idx)
        self.open = (last, address)
        return True

    def _split_heading_boxes(self, texts: list[str]) -> list[str]:
        """"４．…の委託 [ ] 委託しない" printed inside the heading's own cell: the box as a cell of its own."""
        first = texts[0]
        if "[" not in first and "［" not in first:
            return texts
        folded, where = fold_with_map(first)
        for item in self.section.flat:
            if item.type != ItemType.CHECKBOX:
                continue
            m = re.search(r"\[[^\[\]]{0,3}\]" + re.escape(label_key(item.label)), folded)
            if m and m.start() > 0:
                a, b = where[m.start()], where[m.end() - 1] + 1
                return [first[:a] + first[b:], first[a:b], *texts[1:]]
        return texts

    def _orphan(self, row: SourceRow, texts: list[str], nxt: SourceRow | None) -> bool:
        """The last row of a page with an empty label cell, and the next page opening with the
        next item's label: the row was cut by the page break and its label printed on the rest."""
        if not row.label_blank or nxt is None or nxt.where == row.where or not nxt.texts:
            return False
        after = [p for p in self._positions(nxt.texts[0]) if p > self.cursor]
        if not after or self.section.flat[min(after)].type not in (ItemType.TEXT, ItemType.TEXTAREA):
            return False
        self.orphan = (" ".join(texts), row.where)
        self._unplaced(self.orphan_frags, "ページの区切りで項目名と離れた記載")
        self.orphan_frags = [self._frag(t) for t in range(len(texts))]  # type: ignore[misc]
        return True

    def _stacked(self, text: str) -> list[int]:
        """Labels printed one under another in one merged cell ("③対象となる本人の範囲 ※" over
        "その必要性"): their positions when every line is the next label, else []."""
        lines = [ln for ln in text.split("\n") if ln.strip()]
        saved = self.cursor
        found: list[int] = []
        for line in lines:
            after = [p for p in self._positions(line) if p > self.cursor]
            if not after:
                self.cursor = saved
                return []
            self.cursor = min(after)
            found.append(self.cursor)
        self.cursor = saved
        return found

    def _heading_values(self, heading: Item, cells: list[str], row: SourceRow, idx: list[int]) -> None:
        """A heading row's own cells: "[ ] 委託しない" boxes at the right end, or stray text."""
        if not cells:
            return
        boxes = [c for c in heading.children if c.type == ItemType.CHECKBOX]
        text = " ".join(cells)
        frags = [self._frag(t) for t in idx]
        if boxes and box_segments(text):
            unknown = []
            for checked, label in box_segments(text):
                target = next((b for b in boxes if fold(label).startswith(label_key(b.label))), None)
                if target is None:
                    unknown.append(label)
                    continue
                address = self._address(target)
                self.labels_seen.setdefault(address, row.where)
                self.items[address] = target
                self.raw.setdefault(address, _Raw(where=row.where))
                self._put(target, address, f"[{'○' if checked else ' '}] {label.strip()}", row.where)
                for frag in frags:
                    if frag is not None and fold(label.strip()) in fold(frag.text):
                        self._placed(frag, address)
            if unknown:
                self._unplaced(frags, f"見出しの欄にない選択肢: {'、'.join(squash(u) for u in unknown)}")
            return
        for t in idx:
            if t > 0:
                self._form_or_left(t, "label")
        self._unplaced(frags, "見出しの行にある、どの項目にも当てはまらない記載")

    def _is_label_row(self, cells: list[str]) -> bool:
        """Several labels side by side ("評価書番号 │ 評価書名"): the values are on the next row."""
        for cell in cells:
            positions = [p for p in self._positions(cell) if p > self.cursor]
            if not positions or self.section.flat[min(positions)].type in (ItemType.HEADING, ItemType.GROUP):
                return False
        return True

    def _start_columns(self, first: Item, address: str, cells: list[str]) -> None:
        columns = [(first, address)]
        for cell in cells:
            p = min(p for p in self._positions(cell) if p > self.cursor)
            self.cursor = p
            item = self.section.flat[p]
            columns.append((item, self._address(item)))
        for item, addr in columns:
            self.labels_seen.setdefault(addr, "")
            self.items[addr] = item
        self.pending_columns = columns
        self.open = None

    def _fill_columns(self, row: SourceRow, texts: list[str]) -> bool:
        columns, self.pending_columns = self.pending_columns or [], None
        if len(texts) != len(columns) or any(self._positions(t) for t in texts):
            return False
        for t, ((item, address), text) in enumerate(zip(columns, texts, strict=True)):
            self.raw.setdefault(address, _Raw(where=row.where))
            self._put(item, address, text, row.where)
            self._placed(self._frag(t), address)
        self.open = columns[-1]
        return True

    def _assign(self, item: Item, address: str, cells: list[str], where: str, idx: list[int] | None = None) -> None:
        """``cells`` into ``item`` (``idx``: their texts indices in the current row, for the accounting;
        -1 for text that is not in the row)."""
        counts = [c for c in (self.form.index.get(s.id) for s in self._siblings(item)) if c and is_count_item(c)]
        if idx is None:
            idx = list(range(len(cells)))
        for t, cell in zip(idx, cells, strict=False):
            frag = self._frag(t) if t >= 0 else None
            folded = fold(cell)
            if item.type == ItemType.CHOICE and _CAPTION.match(folded):
                count = _COUNT_IN.search(folded)
                if counts and count:
                    cell, folded = count.group(0), count.group(0)
                else:
                    if self.texts.is_option_list(item, cell):
                        self._form(frag, "option")
                    else:
                        self._unplaced([frag], "選択肢の一覧に、様式にない記載があります")
                    continue
            if counts and _COUNT_CELL.match(folded):
                count_address = self._address(counts[0])
                self.items[count_address] = counts[0]
                self.labels_seen.setdefault(count_address, where)
                self.raw.setdefault(count_address, _Raw(where=where))
                self._put(counts[0], count_address, cell, where)
                self._placed(frag, count_address)
                continue
            self._put(item, address, cell, where)
            self._placed(frag, address)

    def _siblings(self, item: Item) -> list[Item]:
        parent_id = self.form.parents.get(item.id)
        return self.form.index[parent_id].children if parent_id else []

    def _continuation(self, row: SourceRow, texts: list[str]) -> None:
        if self.open is None and not self.queue:
            return  # left unplaced
        if row.cells[0].strip() and len(texts) >= 2 and not self.queue:
            # a label of its own that the form does not know, and a value beside it: not the open item's
            note = f"様式にない項目名「{squash(texts[0])[:40]}」の行です"
            if not row.loose:
                self._unplaced([self._frag(t) for t in range(len(texts))], note)
                return
            self.glue_notes.setdefault(self.open[1], note + "（前の項目に続けて取り込みました）")
        if self.queue and not row.cells[0].strip():
            nxt = self.queue.pop(0)
            self.cursor = self.section.pos[nxt.id]
            address = self._address(nxt)
            self.labels_seen.setdefault(address, row.where)
            if nxt.type == ItemType.FIXED:
                self.fixed_seen.setdefault(address, (" ".join(texts), row.where))
                for t in range(len(texts)):
                    self._form(self._frag(t), "fixed")
                self.open = None
                return
            self.items[address] = nxt
            self.raw.setdefault(address, _Raw(where=row.where))
            self.open = (nxt, address)
        item, address = self.open
        if item.type == ItemType.CHOICE and _OPTION_LINE.match(fold(texts[0])):
            # the ＜選択肢＞ list printed under the value
            if self.texts.is_option_list(item, " ".join(texts)):
                for t in range(len(texts)):
                    self._form(self._frag(t), "option")
            else:
                self._unplaced([self._frag(t) for t in range(len(texts))], "選択肢の一覧に、様式にない記載があります")
            return
        self._assign(item, address, [" ".join(texts)], row.where, [-1])
        for t in range(len(texts)):
            self._placed(self._frag(t), address)

    # -- (別添1) ------------------------------------------------------------------------------------

    def _annex1(self, row: SourceRow) -> None:
        """(別添1) rows are collected and read as a whole when the section ends: whether a short line
        is a group heading or part of a list depends on the lines around it (``annex1``)."""
        for t, text in enumerate(row.texts):
            frag = self._frag(t)
            if frag is not None:
                self.a1_units.append(Annex1Unit(text, row.where, frag, t, len(row.texts), self.row_no))

    def _flush_annex1(self) -> None:
        units, self.a1_units = self.a1_units, []
        if not units:
            return
        sec = self.cat.by_id[self.form.roles.record_items or ""]
        saved = (self.section, self.slots)
        self.section, self.slots = sec, {}
        heading_item = next(i for i in sec.flat if i.id.endswith(".file_heading"))
        group = next(i for i in sec.flat if i.type == ItemType.GROUP)
        group_heading, group_items = group.children[0], group.children[1]
        n_group = 0
        for step in classify_annex1(units):
            if step.kind == "file":
                if step.file != self.files.get(sec.id, 1) or n_group:
                    self.files[sec.id] = step.file
                    n_group = 0
                    self.slots = {}
                if not step.units:
                    continue
                item = heading_item
            elif step.kind == "continued":  # a group's heading printed again on the next page
                for unit in step.units:
                    self._form(unit.frag, "heading")
                continue
            elif step.kind == "heading":
                n_group += 1
                self.slots[group.id] = n_group
                item = group_heading
            else:
                if n_group == 0:
                    n_group = 1
                    self.slots[group.id] = 1
                item = group_items
            where = step.units[0].where
            address = self._address(item)
            self.items[address] = item
            self.raw.setdefault(address, _Raw(where=where))
            self._put(item, address, step.text, where)
            for unit in step.units:
                self._placed(unit.frag, address)
            self.labels_matched += step.kind != "items"
            if step.note:
                self.a1_notes.setdefault(address, step.note)
        self.section, self.slots = saved

    # -- (別添2) ------------------------------------------------------------------------------------

    def _annex2(self, row: SourceRow) -> None:
        group = next(i for i in self.section.flat if i.type == ItemType.GROUP)
        columns = group.children
        keys = {label_key(c.label): c for c in columns}
        folded = [label_key(c) for c in row.cells]
        header_hits = [k for k in folded if k in keys]
        if len(header_hits) >= 3:
            self.a2_cols = {i: keys[k] for i, k in enumerate(folded) if k in keys}
            self.a2_spans = {i: row.spans[i] for i in self.a2_cols if i < len(row.spans) and row.spans[i][1] > 0}
            self.labels_matched += len(header_hits)
            for i, k in enumerate(folded):
                if k in keys:
                    self._form(self.cur.get(i), "label")
            return
        cols = self.a2_cols
        if cols is None:
            filled = [c for c in row.cells if c.strip()]
            if len(filled) < 4:
                return  # left unplaced
            cols = {i: c for i, c in enumerate(columns)}
            cells = filled
            cell_index = self.tmap
        else:
            cells = list(row.cells)
            cell_index = list(range(len(cells)))
        values: dict[str, str] = {}
        value_cells: dict[str, list[int]] = {}
        starts = sorted(cols)
        use_spans = bool(self.a2_spans) and self.a2_cols is not None
        for i, cell in enumerate(cells):
            if not cell.strip():
                continue
            # the header cell above it (by position on the page), or the one to its left
            owner = max((k for k in starts if k <= i), default=starts[0])
            if use_spans and i < len(row.spans) and row.spans[i][1] > 0:
                mid = (row.spans[i][0] + row.spans[i][1]) / 2
                over = [k for k, (x0, x1) in self.a2_spans.items() if x0 - 1 <= mid <= x1 + 1]
                if over:
                    owner = over[0]
            item = cols[owner]
            values[item.id] = values[item.id] + "\n" + cell if item.id in values else cell
            value_cells.setdefault(item.id, []).append(cell_index[i])
        if not values:
            return
        date_id, timing_id = columns[0].id, next(c.id for c in columns if c.type == ItemType.CHOICE)
        continues = self.a2_entry > 0 and date_id not in values and timing_id not in values
        if not continues:
            if date_id in values and not _DATEISH.search(values[date_id]) and len(values) == 1:
                return  # left unplaced
            self.a2_entry += 1
        self.slots[group.id] = self.a2_entry
        for item in columns:
            self.labels_seen.setdefault(self._address(item), row.where)
            if item.id in values:
                address = self._address(item)
                self.items[address] = item
                self.raw.setdefault(address, _Raw(where=row.where))
                self._put(item, address, values[item.id], row.where)
                for c in value_cells[item.id]:
                    self._placed(self.cur.get(c), address)

    # -- result -------------------------------------------------------------------------------------

    def document(self) -> tuple[Document, dict[str, str]]:
        """The document built from what was found, and the notes on uncertain values."""
        doc = Document(form_id=self.form.form_id)
        per_file = [s.id for s in self.cat.sections if s.item.per_file]
        doc.file_count = max([self.files.get(s, 1) for s in per_file] or [1])
        notes: dict[str, str] = {}
        for address, raw in self.raw.items():
            item = self.items[address]
            text = "\n".join(raw.chunks)
            parsed = parse_value(item, text)
            if parsed.value is not None:
                doc.values[address] = parsed.value
            note = parsed.note or self.a1_notes.get(address, "") or self.glue_notes.get(address, "") or review_notes(self.texts, self.cat.section_for(item.id), item, text)
            if note:
                notes[address] = note
                for frag in self.addr_frags.get(address, []):
                    if frag.status == "placed":
                        frag.status = "review"
                        frag.note = note
        counts: dict[str, int] = {}
        for address in doc.values:
            addr = parse_address(address)
            parts = addr.template.split("[]")
            prefix = ""
            for depth in range(len(parts) - 1):
                prefix += parts[depth] + "[]"
                key = group_key(prefix, addr.file, addr.slots[:depth])
                counts[key] = max(counts.get(key, 0), addr.slots[depth])
        doc.repeat_counts = counts
        return doc, notes

    def report(self, doc: Document, notes: dict[str, str], kind: str) -> ImportReport:
        report = ImportReport(source=self.src.name, kind=kind, notes=list(self.src.notes), source_version=self.stamp)
        report.fragments = self.fragments
        for slot in walk(self.form, doc):
            item = slot.item
            address = slot.address
            if item.type == ItemType.FIXED:
                if address in self.fixed_seen:
                    text, where = self.fixed_seen[address]
                    report.entries.append(ReportEntry(address, slot.path_text, "fixed", "", text, where))
                continue
            if not item.has_value or (item.id.endswith(".file_heading") and address not in self.raw):
                continue
            raw = self.raw.get(address)
            source = squash("\n".join(raw.chunks)) if raw else ""
            where = raw.where if raw else self.labels_seen.get(address, "")
            value = doc.values.get(address)
            note = notes.get(address, "")
            if address in notes:
                status = "ambiguous"
            elif value is not None:
                status = "imported"
            elif address in self.labels_seen or raw is not None:
                status = "empty"
            else:  # not printed at all: fine when the form says the item does not apply
                reason = not_applicable_reason(self.form, doc, address)
                status = "empty" if reason else "not_found"
                note = f"記載不要（{reason}）" if reason else ""
            shown = value_text(value) if value is not None else ""
            report.entries.append(ReportEntry(address, slot.path_text, status, shown, source, where, note))
        return report

    def check_is_assessment(self, min_labels: int = MIN_LABELS) -> None:
        sections = len(self.visited - {"cover", "toc"})
        if self.labels_matched < min_labels or sections < 1:
            raise ImportFailure(
                f"{self.src.name} は{self.form.name}として読み取れませんでした"
                f"（様式の項目名が {self.labels_matched} 個しか見つかりません）。評価書の PDF または Excel ファイルを指定してください。"
            )


def match_rows(form: FormDefinition, source: SourceDocument, *, min_labels: int = MIN_LABELS) -> tuple[Document, ImportReport]:
    """The document and report for ``source``; ImportFailure when fewer than ``min_labels`` of the
    form's labels are found (not a 評価書)."""
    matcher = LabelMatcher(form, source)
    matcher.run()
    matcher.check_is_assessment(min_labels)
    doc, notes = matcher.document()
    return doc, matcher.report(doc, notes, source.kind)

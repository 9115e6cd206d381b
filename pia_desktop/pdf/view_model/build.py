"""``build_view``: one walk over the form and the document, turning each item into the rows it prints as.

Body sections get their rows here (bands, fields, sub-rows under a spanning label, check boxes on their
heading's band, the "システム2～5" headers of repeating groups); the cover, 別添1 and 別添2 are filled by
special_sections.py.
"""

from __future__ import annotations

from pia_desktop.domain.addresses import group_key
from pia_desktop.domain.conversion import replace
from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.domain.traversal import Slot, file_mark, walk
from pia_desktop.pdf.view_model.cells import NON_PUBLIC, Choice, Content, PrintedValues, Text, checkbox_text, content_for
from pia_desktop.pdf.view_model.rows import Band, Caption, Column, Field, PrintView, Row, Section, Wide
from pia_desktop.pdf.view_model.special_sections import cover_slot, list_slot, table_slot
from pia_desktop.pdf.view_model.styles import TEMPLATE_PARENS, row_styles


def print_document(form: FormDefinition, doc: Document) -> Document:
    """The document with the entries the form always prints: slot 1 of every repeat with print groups
    (システム1, 委託事項1, 提供先1 …) and the minimum of every repeat, even when nothing is filled."""
    counts = dict(doc.repeat_counts)
    for item in form.iter_items():
        rep = item.repeat
        if rep is None or item.id.count("[]") != 1:
            continue
        wanted = max(rep.min, 1 if rep.print_groups else 0)
        if not wanted:
            continue
        files = range(1, doc.file_count + 1) if form.section_of(item.id).per_file else [None]
        for file in files:
            key = group_key(item.id, file, ())
            counts[key] = max(counts.get(key, 0), wanted)
    return replace(doc, repeat_counts=counts)


class _GroupHeaders:
    """Emits the "システム2～5" headers of repeating groups as the walk passes their entries."""

    def __init__(self) -> None:
        self.open: list[tuple[str, Item, list[tuple[int, int]]]] = []  # (address prefix, item, headers left)

    def before(self, slot: Slot) -> list[Row]:
        out = self._close_left(slot.address)
        rep = slot.item.repeat
        if slot.entry is not None and rep is not None and rep.print_groups:
            prefix = slot.address[: slot.address.rindex("[") + 1]
            if not self.open or self.open[-1][0] != prefix:
                self.open.append((prefix, slot.item, list(rep.print_groups)))
            _, item, left = self.open[-1]
            while left and left[0][0] <= slot.entry:
                out.append(_group_band(item, left.pop(0)))
        return out

    def _close_left(self, address: str) -> list[Row]:
        out: list[Row] = []
        while self.open and not address.startswith(self.open[-1][0]):
            _, item, left = self.open.pop()
            out.extend(_group_band(item, g) for g in left)
        return out

    def finish(self) -> list[Row]:
        return self._close_left("")


def _group_band(item: Item, bounds: tuple[int, int]) -> Band:
    assert item.repeat is not None
    text = (item.repeat.slot_label or item.label).replace("{n}", f"{bounds[0]}～{bounds[1]}")
    return Band(text, kind="group")


def build_view(form: FormDefinition, doc: Document, *, public: bool = False) -> PrintView:
    """The printed rows of ``doc``; ``public`` gives the 公表用 variant."""
    builder = _Builder(form, print_document(form, doc), public)
    for slot in walk(form, builder.doc):
        builder.add(slot)
    builder.close_section()
    return PrintView(builder.sections, public)


class _Builder:
    def __init__(self, form: FormDefinition, doc: Document, public: bool) -> None:
        self.form = form
        self.doc = doc
        self.values = PrintedValues(form, doc, public)
        self.styles = row_styles(form)
        self.sections: list[Section] = []
        self.current: Section | None = None
        self.headers = _GroupHeaders()
        self.bands: dict[str, int] = {}  # heading address -> index of its band row (for check boxes)
        self.named: set[str] = set()  # per-file section instances whose file name row got its mark

    def close_section(self) -> None:
        if self.current is not None:
            self.current.rows.extend(self.headers.finish())

    def add(self, slot: Slot) -> None:
        item = slot.item
        if slot.depth == 0:
            self.close_section()
            self.current = self._open_section(slot)
            if self.current.kind == "toc":
                self.current.rows.append(Wide(content_for(item, slot.address, self.values), slot.address))
            return
        section = self.current
        assert section is not None
        if section.kind == "cover":
            cover_slot(section, item, slot, self.values)
        elif section.kind == "table":
            table_slot(section, item, slot, self.values)
        elif section.kind == "list":
            list_slot(section, item, slot, self.values, self.doc)
        else:
            section.rows.extend(self.headers.before(slot))
            self._body_slot(section, slot)

    def _open_section(self, slot: Slot) -> Section:
        item = slot.item
        kind = self.styles[item.id]
        last = self.sections[-1] if self.sections else None
        if kind == "list" and slot.file is not None and slot.file > 1 and last is not None and last.title == item.label:
            return last  # 別添1: one title, the files as sub-headings
        new_page = last is not None and not item.same_page
        section = Section(slot.address, kind, item.label, new_page)  # type: ignore[arg-type]
        if kind == "table":  # the columns are the repeating row's items, even with no rows
            section.columns = tuple(Column(c.label, c.type) for c in item.children[0].children)
        self.sections.append(section)
        return section

    def _body_slot(self, section: Section, slot: Slot) -> None:
        item, values, rows = slot.item, self.values, section.rows
        style = self.styles.get(item.id, "field")
        if item.type == ItemType.GROUP:
            assert item.repeat is not None and slot.entry is not None
            title = Text(values.text(slot.address)) if item.repeat.titled else None
            rows.append(Band(item.repeat.slot_name(slot.entry), kind="slot", value=title, address=slot.address))
        elif style in ("band", "risk"):
            self.bands[slot.address] = len(rows)
            rows.append(Band(item.label, kind="heading" if style == "band" else "risk", address=slot.address))
        elif style == "span":
            pass  # printed as the outer label of its children's rows
        elif style == "box":
            _attach_box(section, self.bands, slot, item, values)
        elif style == "suffix":
            _attach_suffix(section, item, slot, values)
        else:
            content = self._file_named(slot, content_for(item, slot.address, values))
            if style == "banded":
                rows += [Band(item.label, kind="heading", address=slot.address), Wide(content, slot.address)]
            elif style == "captioned":
                rows += [Caption(item.label), Wide(content, slot.address)]
            else:
                rows.append(_field(self.form, item, slot, content, self.styles))

    def _file_named(self, slot: Slot, content: Content) -> Content:
        """Several files: the first one-line item of a per-file section (its ファイル名) gets "（１）"."""
        if slot.file is None or self.doc.file_count < 2 or slot.item.type != ItemType.TEXT or not isinstance(content, Text):
            return content
        instance = slot.address.split(".")[0]
        if instance in self.named:
            return content
        self.named.add(instance)
        mark = file_mark(slot.file)
        return content if content.text.startswith(mark) else Text(mark + content.text, content.min_lines)


def _field(form: FormDefinition, item: Item, slot: Slot, content: Content, styles: dict[str, str]) -> Field:
    parent_id = form.parents[item.id]
    if parent_id is None:
        return Field(item.label, content, address=slot.address)
    parent = form.index[parent_id]
    if styles.get(parent_id) == "span":
        # "使用部署" under "④使用の主体": the first child row carries the spanning label
        first = next(c for c in parent.children if styles.get(c.id) == "field")
        if item is first:
            return Field(item.label, content, outer=parent.label, address=slot.address)
        return Field(item.label, content, outer="", continued=True, address=slot.address)
    if parent.type not in (ItemType.HEADING, ItemType.GROUP):
        # a sub-row of an item with a value: "その必要性" under "③対象となる本人の範囲"
        return Field(item.label, content, outer="", continued=True, address=slot.address)
    return Field(item.label, content, address=slot.address)


def _attach_box(current: Section, bands: dict[str, int], slot: Slot, item: Item, values: PrintedValues) -> None:
    ticked = values.get(slot.address) is True and not values.is_hidden(slot.address)
    text = checkbox_text(item, ticked) if not values.is_hidden(slot.address) else f"{item.label} {NON_PUBLIC}"
    parent_address = slot.address.rsplit(".", 1)[0]
    idx = bands.get(parent_address)
    if idx is not None and isinstance(current.rows[idx], Band):
        band = current.rows[idx]
        assert isinstance(band, Band)
        current.rows[idx] = replace(band, boxes=(*band.boxes, text))
    else:  # no band to sit on: a row of its own
        current.rows.append(Wide(Text(text), slot.address))


def _attach_suffix(current: Section, item: Item, slot: Slot, values: PrintedValues) -> None:
    text = values.text(slot.address)
    filled = TEMPLATE_PARENS.sub(lambda _m: f"（ {text.strip() or '　'} ）", item.label, count=1)
    last = current.rows[-1] if current.rows else None
    if isinstance(last, Field) and isinstance(last.content, Choice):
        current.rows[-1] = replace(last, content=replace(last.content, suffix=filled))
    else:
        current.rows.append(Field(item.label, Text(text), address=slot.address))

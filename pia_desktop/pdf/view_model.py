"""The printed 評価書 as plain data: sections made of rows of formatted strings.

Step one of the PDF export (domain → this view model → ReportLab drawing in ``drawing.py``). The rows
come from one ``walk`` over the form definition: nothing here knows an item's label, and nothing here
imports ReportLab, so what gets printed can be tested without rendering.

How the item tree maps onto the printed rows (form-inventory part C):

* a section (depth 0) is a page title; depth-1 headings are shaded bands (``１．…``); a depth-1 item
  with a value is a band followed by a full-width value box (Ⅰ３, Ⅱ１, Ⅲ１０ …);
* a deeper heading is either a band of its own (the ``リスク：…`` blocks, which open their parent) or a
  label that spans the rows of its children (``④使用の主体``, ``再委託``), when value rows precede it;
* a value item after such a band prints as a full-width caption plus a value box (Ⅲ's
  ``…その他のリスク…`` rows); an item with children has them as sub-rows in a two-level label column;
* single check boxes (``委託しない``) sit at the right end of their heading's band; a number whose
  label is a ``（ ）`` template is printed inside the choice before it (``（ 1 ）　件``);
* repeating groups print slot 1 always, every header of ``repeat.print_groups`` ("委託事項2～5") and
  the entries that exist;
* items that do not apply print empty; in the 公表用 variant, items marked 非公表 print "（非公表）".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pia_desktop.domain.addresses import group_key
from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.conversion import replace
from pia_desktop.domain.document import CheckValue, Document, Value
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.domain.traversal import Slot, file_mark, walk

CHECKED = "[ ○ ]"
UNCHECKED = "[ 　 ]"
NON_PUBLIC = "（非公表）"
CHOICE_CAPTION = "＜選択肢＞"
EMPTY_CHOICE = "[ 　　　　 ]"
_TEMPLATE_PARENS = re.compile(r"（[ 　]*）")


# -- contents of a value cell -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    min_lines: int = 0  # cover boxes keep their height when empty


@dataclass(frozen=True, slots=True)
class Choice:
    value: str  # "[ 十分である ]" or EMPTY_CHOICE
    options: tuple[tuple[str, ...], ...]  # the numbered options, row by row as the form prints them
    suffix: str = ""  # "（ 1 ）　件" after the options


@dataclass(frozen=True, slots=True)
class CheckRow:
    cells: tuple[str, ...]
    caption: bool = False  # "・識別情報": a heading inside the grid
    span: bool = False  # one cell across the whole grid ("その他 （ … ）")


@dataclass(frozen=True, slots=True)
class CheckGrid:
    rows: tuple[CheckRow, ...]
    columns: int


Content = Text | Choice | CheckGrid


# -- rows -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Band:
    """A full-width heading row: "１．…", "リスク：…", "システム2～5", "委託事項1 │ <title>"."""

    text: str
    kind: Literal["heading", "risk", "group", "slot"] = "heading"
    boxes: tuple[str, ...] = ()  # single check boxes at the right end ("[ ○ ] 委託しない")
    value: Text | None = None  # the title of a titled entry (委託事項, 提供先, 移転先)
    address: str = ""


@dataclass(frozen=True, slots=True)
class Caption:
    """A full-width plain label row; its value is the next (Wide) row."""

    text: str


@dataclass(frozen=True, slots=True)
class Field:
    """Label column on the left, content on the right."""

    label: str
    content: Content
    outer: str | None = None  # two-level label column: the outer (spanning) label, "" when continued
    continued: bool = False  # shares the outer label cell with the row above
    address: str = ""


@dataclass(frozen=True, slots=True)
class Wide:
    content: Content
    address: str = ""


Row = Band | Caption | Field | Wide


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    kind: ItemType


SectionKind = Literal["cover", "toc", "body", "list", "table"]


@dataclass(slots=True)
class Section:
    key: str  # "I", "II(1)", "annex2"
    kind: SectionKind
    title: str
    new_page: bool
    rows: list[Row] = field(default_factory=list)
    stamp: str = ""  # cover: "[令和６年10月　様式３]"
    heading: str = ""  # cover: the document title
    head: tuple[tuple[str, str], ...] = ()  # cover: (評価書番号, value), (評価書名, value)
    columns: tuple[Column, ...] = ()  # table sections (別添2)
    table_rows: list[tuple[str, ...]] = field(default_factory=list)


@dataclass(slots=True)
class PrintView:
    sections: list[Section]
    public: bool


# -- classification of items (derived from the tree, cached per form) -------------------------------


def _children(form: FormDefinition, item_id: str) -> list[Item]:
    return form.index[item_id].children


def _is_value_row(item: Item) -> bool:
    return (item.has_value and item.type != ItemType.CHECKBOX) or item.type == ItemType.FIXED


_STYLES: dict[int, dict[str, str]] = {}


def _styles(form: FormDefinition) -> dict[str, str]:
    """Row style per template id (section kinds, heading styles …); see the module docstring."""
    cached = _STYLES.get(id(form))
    if cached is None:
        cached = _STYLES[id(form)] = _compute_styles(form)
    return cached


def _compute_styles(form: FormDefinition) -> dict[str, str]:
    styles: dict[str, str] = {}
    for section in form.items:
        styles[section.id] = section_kind(form, section)
    for item_id, item in form.index.items():
        parent_id = form.parents[item_id]
        if parent_id is None:
            continue
        siblings = _children(form, parent_id)
        before = siblings[: siblings.index(item)]
        depth = len(form.ancestors(item_id)) - 1
        if item.type == ItemType.HEADING:
            if depth == 1:
                styles[item_id] = "band"
            elif any(_is_value_row(s) for s in before):
                styles[item_id] = "span"
            else:
                styles[item_id] = "risk"
        elif item.type == ItemType.CHECKBOX:
            styles[item_id] = "box"
        elif item.type == ItemType.NUMBER and _TEMPLATE_PARENS.search(item.label) and before and before[-1].type == ItemType.CHOICE:
            styles[item_id] = "suffix"
        elif item.type != ItemType.GROUP:
            if depth == 1:
                styles[item_id] = "banded"
            elif any(s.type == ItemType.HEADING and styles.get(s.id) == "risk" for s in before):
                styles[item_id] = "captioned"
            else:
                styles[item_id] = "field"
    return styles


def section_kind(form: FormDefinition, section: Item) -> SectionKind:
    """How a section prints: the cover, 項目一覧, label│content tables, a list (別添1), a table (別添2)."""
    if section.type == ItemType.FIXED:
        return "toc"
    kids = section.children
    if any(k.type == ItemType.FIXED and k.fixed_value == form.stamp for k in kids):
        return "cover"
    unlisted = [k for k in kids if k.type == ItemType.GROUP and k.repeat is not None and not k.repeat.print_groups]
    if unlisted and len(kids) == 1 and all(not c.children for c in kids[0].children):
        return "table"
    if unlisted:
        return "list"
    return "body"


# -- values as printed ------------------------------------------------------------------------------


class _Values:
    """Reads answers for printing: not-applicable items read as empty, 非公表 ones as a marker."""

    def __init__(self, form: FormDefinition, doc: Document, public: bool) -> None:
        self.form = form
        self.doc = doc
        self.hidden = frozenset(doc.non_public) if public else frozenset()

    def get(self, address: str) -> Value | None:
        value = self.doc.get(address)
        if value is None:
            return None
        if not_applicable_reason(self.form, self.doc, address) is not None:
            return None
        return value

    def is_hidden(self, address: str) -> bool:
        return address in self.hidden and self.doc.get(address) is not None

    def text(self, address: str) -> str:
        if self.is_hidden(address):
            return NON_PUBLIC
        value = self.get(address)
        return value if isinstance(value, str) else ""


def choice_content(item: Item, value: str, *, hidden: bool = False) -> Choice:
    cols = max(1, item.columns or 2)
    printed = [o.printed for o in item.options]
    grid = tuple(tuple(printed[i : i + cols]) for i in range(0, len(printed), cols))
    shown = NON_PUBLIC if hidden else value
    return Choice(f"[ {shown} ]" if shown else EMPTY_CHOICE, grid)


def check_cell(option_text: str, ticked: bool, detail: str | None, count: bool) -> str:
    mark = CHECKED if ticked else UNCHECKED
    cell = f"{mark} {option_text}"
    if detail is not None:
        inner = detail.strip() or "　"
        cell += f" （ {inner} ）" + (" 件" if count else "")
    return cell


def check_grid(item: Item, value: CheckValue | None) -> CheckGrid:
    cols = max(1, item.columns or 1)
    checked = set(value.checked) if value else set()
    details = value.details if value else {}
    rows: list[CheckRow] = []
    pending: list[str] = []
    group: str | None = None

    def flush() -> None:
        while pending:
            rows.append(CheckRow(tuple(pending[:cols])))
            del pending[:cols]

    for opt in item.options:
        if opt.group != group:
            flush()
            group = opt.group
            if group:
                rows.append(CheckRow((group,), caption=True, span=True))
        has_box_text = opt.free_text or opt.count
        detail = details.get(opt.text, "") if has_box_text else None
        cell = check_cell(opt.text, opt.text in checked, detail, opt.count)
        if opt.free_text:  # "その他 （ … ）" takes a row of its own, as on the form
            flush()
            rows.append(CheckRow((cell,), span=True))
        else:
            pending.append(cell)
    flush()
    return CheckGrid(tuple(rows), cols)


def checkbox_text(item: Item, ticked: bool) -> str:
    return f"{CHECKED if ticked else UNCHECKED} {item.label}"


def content_for(item: Item, address: str, values: _Values) -> Content:
    if item.type == ItemType.FIXED:
        fixed = item.fixed_value
        return Text("\n".join(fixed) if isinstance(fixed, list) else fixed or "")
    hidden = values.is_hidden(address)
    if item.type == ItemType.CHOICE:
        value = values.get(address)
        return choice_content(item, value if isinstance(value, str) else "", hidden=hidden)
    if hidden:
        return Text(NON_PUBLIC)
    if item.type == ItemType.CHECKS:
        value = values.get(address)
        return check_grid(item, value if isinstance(value, CheckValue) else None)
    return Text(values.text(address))


# -- building -------------------------------------------------------------------------------------


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
        self.values = _Values(form, doc, public)
        self.styles = _styles(form)
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
            _cover_slot(section, item, slot, self.values)
        elif section.kind == "table":
            _table_slot(section, item, slot, self.values)
        elif section.kind == "list":
            _list_slot(section, item, slot, self.values, self.doc)
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


def _attach_box(current: Section, bands: dict[str, int], slot: Slot, item: Item, values: _Values) -> None:
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


def _attach_suffix(current: Section, item: Item, slot: Slot, values: _Values) -> None:
    text = values.text(slot.address)
    filled = _TEMPLATE_PARENS.sub(lambda _m: f"（ {text.strip() or '　'} ）", item.label, count=1)
    last = current.rows[-1] if current.rows else None
    if isinstance(last, Field) and isinstance(last.content, Choice):
        current.rows[-1] = replace(last, content=replace(last.content, suffix=filled))
    else:
        current.rows.append(Field(item.label, Text(text), address=slot.address))


# -- special sections ---------------------------------------------------------------------------------


def _cover_slot(section: Section, item: Item, slot: Slot, values: _Values) -> None:
    if item.type == ItemType.FIXED:
        fixed = item.fixed_value if isinstance(item.fixed_value, str) else "\n".join(item.fixed_value or [])
        if not section.stamp:
            section.stamp = fixed
        elif not section.heading:
            section.heading = fixed
        else:
            section.rows += [Band(item.label), Wide(Text(fixed))]
        return
    single_line = item.type in (ItemType.TEXT, ItemType.NUMBER, ItemType.DATE)
    if single_line and not section.rows:
        # the leading one-line items form the 評価書番号 │ 評価書名 table
        section.head = (*section.head, (item.label, values.text(slot.address)))
        return
    content = content_for(item, slot.address, values)
    if isinstance(content, Text) and item.type == ItemType.TEXTAREA:
        content = Text(content.text, min_lines=3)
    section.rows += [Band(item.label, address=slot.address), Wide(content, slot.address)]


def _table_slot(section: Section, item: Item, slot: Slot, values: _Values) -> None:
    if item.type == ItemType.GROUP:
        section.table_rows.append(())
        return
    if item.type == ItemType.HEADING:
        return
    text = values.text(slot.address) if item.type != ItemType.CHECKS else _checks_inline(values, slot.address)
    if not section.table_rows:
        section.table_rows.append(())
    section.table_rows[-1] = (*section.table_rows[-1], text)


def _checks_inline(values: _Values, address: str) -> str:
    if values.is_hidden(address):
        return NON_PUBLIC
    value = values.get(address)
    return "、".join(value.checked) if isinstance(value, CheckValue) else ""


def _list_slot(section: Section, item: Item, slot: Slot, values: _Values, doc: Document) -> None:
    if item.type in (ItemType.GROUP, ItemType.HEADING):
        return
    text = values.text(slot.address)
    if item.type == ItemType.TEXTAREA:
        section.rows.append(Wide(Text(text), slot.address))
        return
    parent = slot.item.id.rsplit(".", 1)[0]
    is_file_heading = "[]" not in item.id and parent == item.id.split(".")[0]
    if is_file_heading and not text and doc.file_count > 1 and slot.file is not None:
        text = file_mark(slot.file)  # several files: each gets at least its number
    if text:
        section.rows.append(Band(text, kind="slot" if is_file_heading else "risk", address=slot.address))

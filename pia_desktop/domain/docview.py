"""A 評価書 read through its form (``DocView``): answers as text, dates, entries of repeating groups, short names.

The 点検's rules and the しきい値判断 read documents through it; it only reads.

Short names follow the way 変更箇所 rows and reviewers name items ("Ⅱ（１）４．委託の有無　※",
"Ⅱ（１）４．委託事項2 ④再委託の有無　※") so that a message names every item it compares.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from pia_desktop.domain.addresses import format_address, parse_address
from pia_desktop.domain.document import CheckValue, Document, is_empty
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.domain.traversal import file_mark
from pia_desktop.domain.validation import describe
from pia_desktop.domain.wareki import parse_wareki

_ENTRY_END = re.compile(r"\[\d+\]")
_HEADING_NO = re.compile(r"^([０-９0-9]+．)")


def fold(text: str) -> str:
    """Text for comparisons: NFKC (full-width digits and letters folded), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass
class DocView:
    """A document with its form and memoised lookups; one per review run."""

    form: FormDefinition
    doc: Document
    _paths: dict[str, str] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)
    _answered: set[str] | None = None  # answered addresses and the entries ("…[n]") that hold them

    # -- values ----------------------------------------------------------------------------------

    def text(self, address: str) -> str:
        value = self.doc.get(address)
        return value.strip() if isinstance(value, str) else ""

    def checks(self, address: str) -> CheckValue:
        value = self.doc.get(address)
        return value if isinstance(value, CheckValue) else CheckValue()

    def checked(self, address: str, option: str) -> bool:
        return option in self.checks(address).checked

    def flag(self, address: str) -> bool:
        return self.doc.get(address) is True

    def date(self, address: str) -> date | None:
        parsed = parse_wareki(self.text(address), partial=True) if self.text(address) else None
        return parsed.to_date() if parsed else None

    def number(self, text: str) -> int | None:
        digits = fold(text).replace(",", "")
        return int(digits) if digits.isdigit() else None

    # -- files and repeating groups --------------------------------------------------------------------

    def files(self) -> range:
        return range(1, self.doc.file_count + 1)

    def entries(self, group: str) -> range:
        """Entry numbers of a repeating group, e.g. ``entries("II(1).4.itaku")``."""
        return range(1, self.doc.count(group) + 1)

    def max_entries(self, template: str) -> int:
        """The most entries the form allows in a repeating group (``"II.4.itaku[]"``); no limit: 10**9."""
        item = self.form.index[template]
        return item.repeat.max if item.repeat and item.repeat.max else 10**9

    def has_content(self, prefix: str) -> bool:
        """Whether anything is answered at or under ``prefix`` (an answer's address, or an entry such as
        ``II(1).4.itaku[2]``)."""
        if self._answered is None:
            answered: set[str] = set()
            for key, value in self.doc.values.items():
                if is_empty(value):
                    continue
                answered.add(key)
                for m in _ENTRY_END.finditer(key):
                    answered.add(key[: m.end()])
            self._answered = answered
        return prefix in self._answered

    def filled_entries(self, group: str) -> list[int]:
        return [n for n in self.entries(group) if self.has_content(f"{group}[{n}]")]

    # -- names ------------------------------------------------------------------------------------------

    def path(self, address: str) -> str:
        """The full printed path (Finding.path)."""
        if address not in self._paths:
            self._paths[address] = describe(self.form, address)
        return self._paths[address]

    def name(self, address: str) -> str:
        """A short printed name for messages: section mark, heading number, slot names, label."""
        if address not in self._names:
            self._names[address] = short_name(self.form, address)
        return self._names[address]


def short_name(form: FormDefinition, address: str) -> str:
    try:
        addr = parse_address(address)
        chain = form.ancestors(addr.template)
    except KeyError:
        return address
    section = chain[0]
    mark = (section.short_label or section.label).split("　")[0].split(" ")[0]
    if addr.file is not None:
        mark += file_mark(addr.file)
    parts: list[str] = []
    slots = iter(addr.slots)
    for depth, item in enumerate(chain[1:], start=1):
        last = depth == len(chain) - 1
        if item.type == ItemType.GROUP and item.repeat is not None:
            n = next(slots, None)
            parts.append(item.repeat.slot_name(n) if n is not None else item.label)
        elif last:
            parts.append(_clean(item.label))
        elif item.type == ItemType.HEADING and depth == 1:
            m = _HEADING_NO.match(item.label)
            if m:
                parts.append(m.group(1))
    if not parts:
        return mark
    text = mark + parts[0] if _HEADING_NO.match(parts[0]) else f"{mark} {parts[0]}"
    for part in parts[1:]:
        text += part if text.endswith("．") else " " + part
    return text


def _clean(label: str) -> str:
    # Labels with "（ ）　件" are blanks to fill, not names; name them by their heading instead.
    return label.replace("（ ）　件", "件数")


def value_of(item: Item, value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, CheckValue):
        return "、".join(value.checked)
    return ""


def iter_text_values(form: FormDefinition, doc: Document) -> Iterator[tuple[str, str, Item]]:
    """Every free-text answer (text, textarea, titled headers, その他 details) as (address, text, item)."""
    for address, value in doc.values.items():
        item = form.index.get(parse_address(address).template)
        if item is None:
            continue
        if isinstance(value, str) and item.type in (ItemType.TEXT, ItemType.TEXTAREA, ItemType.GROUP):
            yield address, value, item
        elif isinstance(value, CheckValue):
            for detail in value.details.values():
                if detail.strip():
                    yield address, detail, item


def entry_address(group: str, n: int) -> str:
    return f"{group}[{n}]"


def group_of(template: str, file: int | None, slots: tuple[int, ...] = ()) -> str:
    """Group key for a template ending in ``[]`` ("II.4.itaku[]", file 1 → "II(1).4.itaku")."""
    return format_address(template[:-2], file, slots)

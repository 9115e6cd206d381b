"""Walk a document in printed order: every concrete item instance with its printed path.

This one walk drives ``dump``, the PDF layout, the wizard's pages and the 変更箇所 diff, so they
all agree on order and on how an item is named.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pia_desktop.domain.addresses import format_address, group_key
from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType

PATH_SEP = " › "
_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def file_mark(n: int) -> str:
    """"（１）" — the file number as the form prints it after a per-file section's title."""
    return f"（{str(n).translate(_FULLWIDTH_DIGITS)}）"


def section_label(item: Item, file: int | None) -> str:
    label = item.path_label
    return label + file_mark(file) if file is not None else label


@dataclass(frozen=True, slots=True)
class Slot:
    """One concrete item instance: the item, where it is, and how the form names it."""

    address: str
    item: Item
    file: int | None
    slots: tuple[int, ...]
    path: tuple[str, ...]  # printed labels, section first, the item's own label (or slot name) last
    depth: int
    entry: int | None = None  # for the header of a repeating entry: its number

    @property
    def path_text(self) -> str:
        return PATH_SEP.join(self.path)


def file_sections(form: FormDefinition) -> list[Item]:
    return [s for s in form.items if s.per_file]


def walk(form: FormDefinition, doc: Document, *, sections: list[str] | None = None) -> Iterator[Slot]:
    """Every item instance in document order; repeating groups yield a header slot per entry."""
    for section in form.items:
        if sections is not None and section.id not in sections:
            continue
        files: list[int | None] = list(range(1, doc.file_count + 1)) if section.per_file else [None]
        for file in files:
            yield from _walk_item(section, doc, file, (), (), 0)


def _walk_item(
    item: Item, doc: Document, file: int | None, slots: tuple[int, ...], path: tuple[str, ...], depth: int
) -> Iterator[Slot]:
    own_path = (section_label(item, file),) if depth == 0 else (*path, item.path_label)
    if item.type == ItemType.GROUP:
        assert item.repeat is not None
        key = group_key(item.id, file, slots)
        for n in range(1, doc.count(key) + 1):
            entry_slots = (*slots, n)
            entry_path = (*path, item.repeat.slot_name(n))
            yield Slot(format_address(item.id, file, entry_slots), item, file, entry_slots, entry_path, depth, entry=n)
            for child in item.children:
                yield from _walk_item(child, doc, file, entry_slots, entry_path, depth + 1)
        return
    yield Slot(format_address(item.id, file, slots), item, file, slots, own_path, depth)
    for child in item.children:
        yield from _walk_item(child, doc, file, slots, own_path, depth + 1)

"""``dump``: every filled item, one per line, in document order, as ``path<TAB>value``."""

from __future__ import annotations

from collections.abc import Iterator

from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.traversal import walk
from pia_desktop.domain.validation import display_value


def dump_lines(form: FormDefinition, doc: Document) -> Iterator[str]:
    for slot in walk(form, doc):
        value = doc.get(slot.address)
        if value is None:
            continue
        text = display_value(form, slot.address, value)
        if text:
            yield f"{slot.path_text}\t{escape(text)}"


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n").replace("\t", "\\t")

"""Helpers for the PDF tests: what must be in the text of an exported PDF (read with ``tests.pdfread``)."""

from __future__ import annotations

import re

from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.form_definition import FormDefinition, ItemType
from pia_desktop.domain.traversal import walk
from pia_desktop.domain.validation import display_value
from pia_desktop.pdf.view_model.styles import section_kind

_SPACE = re.compile(r"\s+")
_FOOTER = re.compile(r"^- \d+ -$")


def repeated_headers(form: FormDefinition) -> set[str]:
    """The header rows that tables repeat at the top of each page (別添2): "変更日 項目 …"."""
    out = set()
    for item in form.iter_items():
        if item.repeat is not None and section_kind(form, form.section_of(item.id)) == "table":
            out.add(norm("".join(c.label for c in item.children)))
    return out


def body_text(pages: list[str], repeated: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """All pages joined, without the page numbers and the header rows a table repeats at the top of
    a page, every kind of whitespace removed (line breaks fall wherever the cell width and the PDF
    reader put them, so a header row is matched on the page's text, not on one line)."""
    kept = []
    for page in pages:
        text = norm("".join(line for line in page.splitlines() if not _FOOTER.match(line.strip())))
        while header := next((h for h in repeated if h and text.startswith(h)), None):
            text = text[len(header):]
        kept.append(text)
    return "".join(kept)


def norm(text: str) -> str:
    return _SPACE.sub("", text)


def filled_needles(form: FormDefinition, doc: Document, *, by_line: bool = False) -> list[tuple[str, str]]:
    """(address, text) for every filled value that prints, in document order, as it must appear.
    ``by_line``: each line of a text on its own (a row split at a page break may print the rest of its
    span label between two lines of the value)."""
    out: list[tuple[str, str]] = []
    for slot in walk(form, doc):
        value = doc.get(slot.address)
        if value is None or not_applicable_reason(form, doc, slot.address) is not None:
            continue
        item = slot.item
        tabular = section_kind(form, form.section_of(item.id)) == "table"
        if item.type == ItemType.CHOICE and not tabular:
            out.append((slot.address, f"[{value}]"))
        elif item.type == ItemType.CHECKBOX:
            if value is True:
                out.append((slot.address, f"[○]{item.label}"))
        elif isinstance(value, CheckValue):
            for opt in item.options:  # the grid prints in option order
                if opt.text in value.checked:
                    out.append((slot.address, f"[○]{opt.text}"))
                detail = value.details.get(opt.text, "").strip()
                if detail:
                    out.append((slot.address, f"（{detail}）"))
        else:
            text = display_value(form, slot.address, value)
            for part in text.splitlines() if by_line else [text]:
                if part.strip():
                    out.append((slot.address, part))
    return [(a, norm(t)) for a, t in out]


def missing_in_order(text: str, needles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The needles not found in ``text`` in this order (each searched after the previous match)."""
    missing = []
    pos = 0
    for address, needle in needles:
        found = text.find(needle, pos)
        if found < 0:
            missing.append((address, needle[:60]))
            continue
        pos = found + len(needle)
    return missing

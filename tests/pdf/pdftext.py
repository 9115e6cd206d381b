"""Helpers for the PDF tests: the text of a PDF as pdftotext reads it, and what must be in it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.form_definition import FormDefinition, ItemType
from pia_desktop.domain.traversal import walk
from pia_desktop.domain.validation import display_value
from pia_desktop.pdf.view_model import section_kind

_SPACE = re.compile(r"\s+")
_FOOTER = re.compile(r"^- \d+ -$")

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) がありません")


def pdftotext_pages(pdf: bytes | Path, tmp_path: Path) -> list[str]:
    """Page texts in content-stream order (``-raw``): the order in which the PDF draws them."""
    src = pdf if isinstance(pdf, Path) else tmp_path / "probe.pdf"
    if not isinstance(pdf, Path):
        src.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(src), "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8").split("\f")


def repeated_headers(form: FormDefinition) -> set[str]:
    """The header rows that tables repeat at the top of each page (別添2): "変更日 項目 …"."""
    out = set()
    for item in form.iter_items():
        if item.repeat is not None and section_kind(form, form.section_of(item.id)) == "table":
            out.add(norm("".join(c.label for c in item.children)))
    return out


def body_text(pages: list[str], repeated: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """All pages joined, without the page numbers and the header rows a table repeats at the top of
    a page, every kind of whitespace removed (line breaks fall wherever the cell width puts them)."""
    kept = []
    for page in pages:
        lines = [line for line in page.splitlines() if line.strip() and not _FOOTER.match(line.strip())]
        while lines and norm(lines[0]) in repeated:
            lines.pop(0)
        kept.append("".join(lines))
    return norm("".join(kept))


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

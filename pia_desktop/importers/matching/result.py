"""What the walk found, as the imported document and the import report.

Each address's text is parsed into its value (``values``); a value read uncertainly gets a note,
and the fragments it came from are marked to review. The report lists every item of the form:
imported, empty, to review, 定型文, or not found — unless the form says the item does not apply.
"""

from __future__ import annotations

from pia_desktop.domain.addresses import group_key, parse_address
from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.document import Document, value_text
from pia_desktop.domain.form_definition import FormDefinition, ItemType
from pia_desktop.domain.traversal import walk
from pia_desktop.importers.catalog import Catalog
from pia_desktop.importers.folding import squash
from pia_desktop.importers.matching.found import Found
from pia_desktop.importers.matching.fragments import FragmentLedger
from pia_desktop.importers.report import ImportReport, ReportEntry
from pia_desktop.importers.review import FormTexts, review_notes
from pia_desktop.importers.source import SourceDocument
from pia_desktop.importers.values import parse_value


def build_document(
    form: FormDefinition, cat: Catalog, texts: FormTexts, found: Found, files: dict[str, int], ledger: FragmentLedger
) -> tuple[Document, dict[str, str]]:
    """The document built from what was found, and the notes on uncertain values."""
    doc = Document(form_id=form.form_id)
    per_file = [s.id for s in cat.sections if s.item.per_file]
    doc.file_count = max([files.get(s, 1) for s in per_file] or [1])
    notes: dict[str, str] = {}
    for address, raw in found.raw.items():
        item = found.items[address]
        text = "\n".join(raw.chunks)
        parsed = parse_value(item, text)
        if parsed.value is not None:
            doc.values[address] = parsed.value
        note = (parsed.note or found.a1_notes.get(address, "") or found.glue_notes.get(address, "")
                or review_notes(texts, cat.section_for(item.id), item, text))
        if note:
            notes[address] = note
            for frag in ledger.addr_frags.get(address, []):
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


def build_report(
    form: FormDefinition, source: SourceDocument, found: Found, ledger: FragmentLedger, doc: Document, notes: dict[str, str], kind: str
) -> ImportReport:
    """Every item of the form with what was imported for it and from where, and every fragment."""
    report = ImportReport(source=source.name, kind=kind, notes=list(source.notes), source_version=found.stamp)
    report.fragments = ledger.fragments
    for slot in walk(form, doc):
        item = slot.item
        address = slot.address
        if item.type == ItemType.FIXED:
            if address in found.fixed_seen:
                text, where = found.fixed_seen[address]
                report.entries.append(ReportEntry(address, slot.path_text, "fixed", "", text, where))
            continue
        if not item.has_value or (item.id.endswith(".file_heading") and address not in found.raw):
            continue
        raw = found.raw.get(address)
        source_text = squash("\n".join(raw.chunks)) if raw else ""
        where = raw.where if raw else found.labels_seen.get(address, "")
        value = doc.values.get(address)
        note = notes.get(address, "")
        if address in notes:
            status = "ambiguous"
        elif value is not None:
            status = "imported"
        elif address in found.labels_seen or raw is not None:
            status = "empty"
        else:  # not printed at all: fine when the form says the item does not apply
            reason = not_applicable_reason(form, doc, address)
            status = "empty" if reason else "not_found"
            note = f"記載不要（{reason}）" if reason else ""
        shown = value_text(value) if value is not None else ""
        report.entries.append(ReportEntry(address, slot.path_text, status, shown, source_text, where, note))
    return report

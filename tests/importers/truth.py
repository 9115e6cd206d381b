"""Score an imported document against a sample's truth.json, mapping each truth path to an
address through the form's printed labels (the same way a reader of the paper form would)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pia_desktop.domain.addresses import format_address
from pia_desktop.domain.document import CheckValue, Document, value_text
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.importers.folding import fold, label_key, unnumbered
from pia_desktop.importers.report import ImportReport

SAMPLES = Path("/work/shared/samples/published")


@dataclass
class Miss:
    section: str
    path: str
    expected: Any
    got: str
    address: str

    def line(self) -> str:
        return f"{self.section} / {self.path}: 期待 {str(self.expected)[:60]!r} → 取り込み {self.got[:60]!r} ({self.address})"


def sample_dirs() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if (p / "truth.json").exists()) if SAMPLES.exists() else []


def _same_label(text: str, item: Item) -> bool:
    a, b = label_key(text), label_key(item.label)
    return a == b or unnumbered(a) == unnumbered(b)


def _section(form: FormDefinition, name: str) -> Item:
    key = fold(name)
    for sec in form.items:
        keys = [label_key(sec.label), label_key(sec.short_label or "")]
        for k in keys:
            if k == key or (k.startswith(key) and not re.match(r"[IVX]", k[len(key):len(key) + 1])):
                return sec
            if key.startswith("別添") and key in k:
                return sec
    raise KeyError(name)


def resolve(form: FormDefinition, doc: Document, section: str, path: list[str]) -> tuple[Item, str] | None:
    """The item and address a truth path names, or None when the form has no such item."""
    sec = _section(form, section)
    file = 1 if sec.per_file else None
    labels = list(path)
    if labels and (_same_label(labels[0], sec) or label_key(labels[0]) in label_key(sec.label)):
        labels = labels[1:]
    if sec.id == "annex1":  # group headings are content: find the group by its heading's value
        heading = fold(labels[0])
        for n in range(1, doc.count("annex1(1).group") + 1):
            if fold(str(doc.get(f"annex1(1).group[{n}].heading") or "")) == heading:
                return form.index["annex1.group[].items"], f"annex1(1).group[{n}].items"
        return form.index["annex1.group[].items"], "annex1(1).group[?].items"
    current = sec
    slots: list[int] = []
    for label in labels:
        nxt = None
        for child in current.children:
            if child.type == ItemType.GROUP and child.repeat:
                pattern = re.escape(fold(child.repeat.slot_name(0))).replace("0", r"(\d+)")
                m = re.fullmatch(pattern, fold(label))
                if m or (label.isdigit() and not child.repeat.slot_label.startswith("{")):
                    n = int(m.group(1)) if m else int(label)
                    slots.append(n)
                    nxt = child
                    break
                if label.isdigit():
                    slots.append(int(label))
                    nxt = child
                    break
            if _same_label(label, child):
                nxt = child
                break
        if nxt is None:
            return None
        current = nxt
    return current, format_address(current.id, file, tuple(slots))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, CheckValue | bool):
        return value_text(value)
    return str(value)


def score(form: FormDefinition, doc: Document, report: ImportReport, truth_file: Path) -> tuple[int, list[Miss]]:
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    fixed = {e.address: e.source for e in report.entries if e.status == "fixed"}
    misses: list[Miss] = []
    for entry in truth:
        hit = resolve(form, doc, entry["section"], entry["path"])
        expected = entry.get("value", entry.get("value_prefix"))
        path = " / ".join(entry["path"])
        if hit is None:
            misses.append(Miss(entry["section"], path, expected, "(様式に項目なし)", ""))
            continue
        item, address = hit
        if item.type == ItemType.HEADING and isinstance(expected, list):
            # a heading row's own boxes ("[ ] 委託しない"): the ticked ones, by label
            boxes = [c for c in item.children if c.type == ItemType.CHECKBOX]
            got_set = {fold(b.label) for b in boxes if doc.get(format_address(b.id, 1 if item.id.startswith("III") else None)) is True}
            ok = got_set == {fold(x) for x in expected}
            got = "、".join(sorted(got_set))
        elif item.type == ItemType.FIXED:
            got = fixed.get(address, "")
            ok = fold(got) == fold(str(expected))
        else:
            value = doc.get(address)
            got = _text(value)
            if isinstance(expected, list):
                checked = value.checked if isinstance(value, CheckValue) else []
                ok = {fold(x) for x in checked} == {fold(x) for x in expected}
            elif "value_prefix" in entry:
                ok = fold(got).startswith(fold(expected))
            else:
                ok = fold(got) == fold(expected)
        if not ok:
            misses.append(Miss(entry["section"], path, expected, got, address))
    return len(truth), misses

"""The published-style samples, and scoring an imported document against a sample's truth.json.

Every checkout has the samples made from our own fixtures (``tests/published_style.py``; their truth
names addresses). The reference samples under ``../shared/samples/published`` are run in addition where
the checkout has them (CI does); their truth names label paths, mapped to addresses through the form's
printed labels (the same way a reader of the paper form would).
"""

from __future__ import annotations

import atexit
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pia_desktop.domain.addresses import format_address
from pia_desktop.domain.document import CheckValue, Document, value_text
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.importers.folding import fold, label_key, unnumbered
from pia_desktop.importers.report import ImportReport
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
SHARED_SAMPLES = ROOT.parent / "shared" / "samples" / "published"
GENERATED_FROM = ("seed-000", "seed-003")  # the 評価書 the reference samples hold, from our fixtures


@dataclass
class Miss:
    section: str
    path: str
    expected: Any
    got: str
    address: str

    def line(self) -> str:
        return f"{self.section} / {self.path}: 期待 {str(self.expected)[:60]!r} → 取り込み {self.got[:60]!r} ({self.address})"


@cache
def generated_dirs() -> list[Path]:
    """The samples made from our fixtures, once per test run, in a folder removed at exit."""
    from tests.published_style import make_sample

    folder = Path(tempfile.mkdtemp(prefix="pia-published-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return [make_sample(FIXTURES / f"{name}.json", folder / name) for name in GENERATED_FROM]


def shared_dirs() -> list[Path]:
    if not SHARED_SAMPLES.is_dir():
        return []
    return sorted(p for p in SHARED_SAMPLES.iterdir() if (p / "truth.json").exists())


def sample_dirs() -> list[Path]:
    """Our generated samples first, then the reference samples when the checkout has them."""
    return [*generated_dirs(), *shared_dirs()]


def sample_files(dirs: list[Path]) -> list[Path]:
    return [f for d in dirs for f in sorted(d.iterdir()) if f.suffix in (".pdf", ".xlsx")]


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
        if "address" in entry:
            miss = _address_miss(doc, entry)
            if miss is not None:
                misses.append(miss)
            continue
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


def _address_miss(doc: Document, entry: dict[str, Any]) -> Miss | None:
    """A generated sample's entry: the value at its address, a check grid's ticks and （…） details."""
    address, expected = entry["address"], entry["value"]
    value = doc.get(address)
    if isinstance(expected, list):
        checked = value.checked if isinstance(value, CheckValue) else []
        details = {k: fold(v) for k, v in value.details.items() if v.strip()} if isinstance(value, CheckValue) else {}
        ok = {fold(x) for x in checked} == {fold(x) for x in expected} and details == {
            k: fold(v) for k, v in entry["details"].items()}
    elif expected is True:
        ok = value is True
    else:
        ok = fold(_text(value)) == fold(expected)
    return None if ok else Miss(address.split(".")[0], address, expected, _text(value), address)

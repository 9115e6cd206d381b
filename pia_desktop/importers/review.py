"""What the importer checks before it calls a value clean: the form's own printed texts (to tell
labels and option lists from content) and the shapes of a value that suggest another entry was
glued into it (a second item label inside a cell, text outside a choice's brackets).

Everything is derived from the form definition, so it serves every 様式.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.importers.catalog import OPTION_VARIANTS, SectionInfo, catalog_for, is_printed_label
from pia_desktop.importers.folding import fold, label_key, unnumbered

_CAPTION = re.compile(r"<選択肢>")
_OPTION_NO = re.compile(r"\d\)")
_PAGE = re.compile(r"^[-‐―]?\d{1,4}[-‐―]?$|^\d{1,4}/\d{1,4}$|^p\.?\d{1,4}$", re.IGNORECASE)
_NUMBERED_LABEL = re.compile(r"^(?:[①-⑳]|\d{1,2}\.)")
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_STAMP = re.compile(r"^\[?(令和|平成)\d+年\d+月様式\d+\]?$")


@dataclass
class FormTexts:
    form: FormDefinition
    keys: set[str] = field(default_factory=set)  # every printed label and heading, folded
    bare: set[str] = field(default_factory=set)  # the same without their numbering
    options: dict[str, set[str]] = field(default_factory=dict)  # item id → folded option texts

    def is_form_text(self, text: str) -> bool:
        """A label, heading, page number or 様式 stamp of the form (not content)."""
        key = label_key(text)
        if not key:
            return True
        if key in self.keys or unnumbered(key) in self.bare or _PAGE.match(key) or _STAMP.match(key):
            return True
        return fold(text) in {"項目一覧", "<選択肢>"}

    def is_option_list(self, item: Item, text: str) -> bool:
        """"＜選択肢＞ 1) 十分である 2) 課題が残されている": nothing but the item's own options."""
        folded = _CAPTION.sub("", fold(text))
        opts = self.options.get(item.id, set())
        parts = [p for p in _OPTION_NO.split(folded) if p]
        if not parts:
            return True
        for i, part in enumerate(parts):
            if part in opts:
                continue
            if (i == len(parts) - 1 and len(part) >= 2 and any(o.startswith(part) for o in opts)) \
                    or (i == 0 and any(o.endswith(part) for o in opts)):
                continue  # an option cut by the end of the cell
            return False
        return True


_CACHE: dict[int, FormTexts] = {}


def form_texts(form: FormDefinition) -> FormTexts:
    cached = _CACHE.get(id(form))
    if cached is not None and cached.form is form:
        return cached
    ft = FormTexts(form)
    cat = catalog_for(form)
    for sec in cat.sections:
        ft.keys.update(sec.keys)
        ft.keys.update(sec.by_key)
        ft.bare.update(sec.by_unnumbered)
        for item in sec.flat:
            if item.options:
                ft.options[item.id] = {fold(o.text) for o in item.options} | {fold(v) for v in OPTION_VARIANTS.get(item.id, {})}
            if item.type == ItemType.GROUP and item.repeat and item.repeat.slot_label:
                ft.keys.add(fold(item.repeat.slot_label.replace("{n}", "")))
    _CACHE[id(form)] = ft
    return ft


def _other_label(sec: SectionInfo, item: Item, line: str) -> str | None:
    """The label of another item of the section that ``line`` starts with (numbered labels:
    "②所属長の役職名 …") or is (any label of 5 characters or more), else None."""
    key = fold(line)
    if len(key) < 3:
        return None
    own = {label_key(item.label)}
    for lab, positions in sec.by_key.items():
        if lab in own or len(lab) < 4:
            continue
        other = sec.flat[positions[0]]
        if other.id == item.id or not is_printed_label(other):
            continue
        if key == lab and len(lab) >= 5:
            return other.label
        if _NUMBERED_LABEL.match(lab) and key.startswith(lab) and len(lab) >= 4:
            return other.label
    return None


def review_notes(texts: FormTexts, sec: SectionInfo, item: Item, text: str) -> str:
    """Why a collected value needs a look although it parsed ("" when it looks clean)."""
    if item.type in (ItemType.TEXT, ItemType.TEXTAREA) and text:
        for line in text.split("\n"):
            other = _other_label(sec, item, line.strip())
            if other:
                return f"別の項目名「{other.strip()}」を含んでいます（別の項目の記載が混ざっている可能性があります）"
    if item.type == ItemType.CHOICE and text:
        folded = fold(text)
        head, _, tail = folded.partition("<選択肢>")
        values = {v for v in _BRACKET.findall(head) if v}
        if len(values) > 1:
            return f"選択値が複数あります（{'、'.join(sorted(values))}）"
        rest = _BRACKET.sub("", head, count=1)
        if rest and not texts.is_option_list(item, rest):
            return f"選択値の外に記載があります（{rest[:40]}）"
        if tail and not texts.is_option_list(item, tail):
            return "選択肢の一覧に、様式にない記載があります"
    return ""

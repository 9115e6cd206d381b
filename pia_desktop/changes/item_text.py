"""The 項目 column of (別添２): the item's path as the form prints it, in the style of the seeds:
"Ⅲ リスク対策 7. 特定個人情報の保管・消去 ②過去3年以内に、評価実施機関において、…発生したか".

※ marks and notes are left out, ASCII digits and "7. " numbering are used, and a risk heading
("リスク：　…") is left out when the item is named unambiguously without it. With several files the
section carries the file's number: "Ⅲ リスク対策（１）".
"""

from __future__ import annotations

import re
from functools import cache

from pia_desktop.domain.addresses import parse_address
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.domain.traversal import file_mark

_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_NOTE = re.compile(r"\s*※.*$|\s*【任意】")
_NUMBERING = re.compile(r"^(\d{1,2})[．.]\s*")


def clean_label(label: str) -> str:
    text = _NOTE.sub("", label).replace("\u3000", " ").translate(_FW_DIGITS).strip()
    return _NUMBERING.sub(lambda m: f"{m.group(1)}. ", text)


def _descendants(item: Item) -> list[Item]:
    out = []
    for child in item.children:
        out.append(child)
        out.extend(_descendants(child))
    return out


@cache
def _unique_under(form_id: str, heading_id: str, label: str) -> bool:
    from pia_desktop.domain.form_definition import load_form

    heading = load_form(form_id).index[heading_id]
    return sum(1 for d in _descendants(heading) if d.path_label == label) == 1


def item_text(form: FormDefinition, address: str, *, multi_file: bool) -> str:
    """The printed path of ``address`` for the 項目 column."""
    addr = parse_address(address)
    chain = form.ancestors(addr.template)
    slots = iter(addr.slots)
    parts: list[str] = []
    for i, item in enumerate(chain):
        if i == 0:
            label = clean_label(item.path_label)
            parts.append(label + (file_mark(addr.file) if multi_file and addr.file is not None else ""))
            continue
        if item.type == ItemType.GROUP and item.repeat is not None:
            n = next(slots, None)
            if item.repeat.slot_label and not item.repeat.slot_label.startswith("（") and n is not None:
                parts.append(item.repeat.slot_name(n))
            elif n is not None:
                parts.append(str(n))
            continue
        last = i == len(chain) - 1
        if not last and item.type == ItemType.HEADING and item.label.startswith("リスク") and len(chain) > 2:
            target = chain[-1]
            if _unique_under(form.form_id, chain[1].id, target.path_label):
                continue
        parts.append(clean_label(item.path_label))
    return " ".join(p for p in parts if p)

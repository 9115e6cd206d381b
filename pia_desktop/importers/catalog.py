"""The form's printed labels as a lookup table for the importer (and for reading 別添2 項目 texts).

Everything here comes from the form definition plus a short list of variant spellings seen in
other 様式 versions and conversions (inventory B.3 and B.5). Nothing depends on where a sample file
puts its cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.importers.folding import fold, label_key, unnumbered

# Variant labels (B.3) by item id: older 様式 wording and common conversion slips.
LABEL_VARIANTS: dict[str, tuple[str, ...]] = {
    "III.5.risk.rule_naiyo": ("ルール内容及びルール遵守の確認方法",),
    "III.3.risk1": (
        "リスク１：　目的を超えた紐付け、事務に必要なない情報との紐付けが行われるリスク",
        "リスク１：　目的を超えた紐付け、事務に必要な情報との紐付けが行われるリスク",
    ),
    "III.4.risk.saiitaku": ("再委託先による特定個人情報ファイルの適切な取扱いの確保",),
    "II.3.5": ("⑤使用方法　※",),
    "II.3.5.totsugo": ("情報の突合　※",),
    "annex2": ("（別添２）変更箇所", "別添２　変更箇所"),
    "annex1": ("別添１　特定個人情報ファイル記録項目",),
}

# Variant option texts (B.5) by item id: variant → the form's option text.
OPTION_VARIANTS: dict[str, dict[str, str]] = {
    "III.7.risk.1": {"特に力を入れている": "特に力を入れて行っている"},
    "III.9.level": {"十分に力を入れて行っている": "特に力を入れて行っている"},
}

_PLACEHOLDER = re.compile(r"^[（(].*[）)]$")  # "（表の行）", "（項目グループ）": not printed
_COUNT_LABEL = re.compile(r"^\(\)件$")


def is_printed_label(item: Item) -> bool:
    if item.type == ItemType.GROUP:
        return False  # groups are found by their slot headers ("委託事項2")
    return not _PLACEHOLDER.match(fold(item.label)) or item.id == "cover"


def is_count_item(item: Item) -> bool:
    """"（ ）　件" next to 委託の有無: a count printed in the same row as its sibling."""
    return item.type == ItemType.NUMBER and bool(_COUNT_LABEL.match(label_key(item.label)))


@dataclass
class GroupInfo:
    item: Item
    header: re.Pattern[str]  # "委託事項(\d+)"
    print_group: re.Pattern[str]  # "委託事項\d+~\d+"


@dataclass
class SectionInfo:
    item: Item
    keys: list[str]  # folded heading keys (label and short label, ※ note removed)
    flat: list[Item] = field(default_factory=list)  # items in document order, the section excluded
    pos: dict[str, int] = field(default_factory=dict)
    by_key: dict[str, list[int]] = field(default_factory=dict)
    by_unnumbered: dict[str, list[int]] = field(default_factory=dict)
    groups: list[GroupInfo] = field(default_factory=list)
    end: dict[str, int] = field(default_factory=dict)  # item id → position of its last descendant

    @property
    def id(self) -> str:
        return self.item.id


@dataclass
class Catalog:
    form: FormDefinition
    sections: list[SectionInfo]
    by_id: dict[str, SectionInfo]

    def section_for(self, item_id: str) -> SectionInfo:
        return self.by_id[self.form.section_of(item_id).id]


def _slot_pattern(slot_label: str, tail: str) -> re.Pattern[str]:
    head = re.escape(fold(slot_label).replace("{n}", "\x00")).replace("\x00", tail)
    return re.compile(f"^{head}$")


def _section_info(form: FormDefinition, section: Item) -> SectionInfo:
    keys = [label_key(section.label)]
    if section.short_label:
        keys.append(label_key(section.short_label))
    keys += [label_key(v) for v in LABEL_VARIANTS.get(section.id, ())]
    info = SectionInfo(section, sorted(set(k for k in keys if k), key=len, reverse=True))

    def visit(item: Item) -> None:
        p = len(info.flat)
        info.flat.append(item)
        info.pos[item.id] = p
        if is_printed_label(item) and not is_count_item(item):
            for text in (item.label, *LABEL_VARIANTS.get(item.id, ())):
                key = label_key(text)
                info.by_key.setdefault(key, []).append(p)
                bare = unnumbered(key)
                if bare != key:
                    info.by_unnumbered.setdefault(bare, []).append(p)
        if item.type == ItemType.GROUP and item.repeat and item.repeat.slot_label:
            info.groups.append(GroupInfo(item, _slot_pattern(item.repeat.slot_label, r"(\d+)"),
                                         _slot_pattern(item.repeat.slot_label, r"\d+~\d+")))
        for child in item.children:
            visit(child)
        info.end[item.id] = len(info.flat) - 1

    for child in section.children:
        visit(child)
    return info


_CACHE: dict[int, Catalog] = {}  # keyed by identity: load_form returns one object per form


def catalog_for(form: FormDefinition) -> Catalog:
    cached = _CACHE.get(id(form))
    if cached is not None and cached.form is form:
        return cached
    sections = [_section_info(form, s) for s in form.items]
    cat = Catalog(form, sections, {s.id: s for s in sections})
    _CACHE[id(form)] = cat
    return cat


def option_for(item: Item, text: str) -> tuple[str | None, list[str]]:
    """The option a printed value stands for: (option text, []) or (None, candidates)."""
    key = fold(text)
    key = re.sub(r"^\d\)", "", key)  # "2) 十分である"
    if not key:
        return None, []
    by_key = {fold(o.text): o.text for o in item.options}
    if key in by_key:
        return by_key[key], []
    for variant, official in OPTION_VARIANTS.get(item.id, {}).items():
        if fold(variant) == key:
            return official, []
    near = [o for k, o in by_key.items() if k in key or key in k]
    if len(near) == 1:
        return near[0], []
    if near:
        # The longest option contained in the text wins ("十分に行っている" vs "十分に行っていない" differ anyway).
        exact_in = sorted((k for k in by_key if k in key), key=len, reverse=True)
        if exact_in and (len(exact_in) == 1 or len(exact_in[0]) > len(exact_in[1])):
            return by_key[exact_in[0]], []
    return None, near

"""The form definition (forms/*.yaml) as frozen pydantic models, loaded and indexed once.

Item ids are template ids: dotted paths in which ``[]`` marks a repeating slot
(``II.4.itaku[].saiitaku.4``). The sections II, annex1 and III repeat per 特定個人情報ファイル.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import model_validator

from pia_desktop.domain.conversion import ConversionError, FrozenRecord, convert_json, error_parts, locate, place, to_data
from pia_desktop.domain.errors import FormDefinitionError
from pia_desktop.domain.yamlfiles import load_yaml_json
from pia_desktop.resources import forms_dir

DEFAULT_FORM_ID = "yoshiki3-r0610"


class ItemType(StrEnum):
    HEADING = "heading"  # a label with no value of its own
    FIXED = "fixed"  # pre-printed text
    TEXT = "text"  # one line
    TEXTAREA = "textarea"  # several lines
    DATE = "date"  # 和暦
    NUMBER = "number"  # digits, commas allowed ("39,760")
    CHOICE = "choice"  # one of the options, printed "[ 値 ]" + ＜選択肢＞
    CHECKS = "checks"  # rows of "[ ○ ] label" boxes
    CHECKBOX = "checkbox"  # one box in a heading row
    GROUP = "group"  # a repeating group (システム, 委託事項, 別添2 rows …)


VALUE_TYPES = {
    ItemType.TEXT,
    ItemType.TEXTAREA,
    ItemType.DATE,
    ItemType.NUMBER,
    ItemType.CHOICE,
    ItemType.CHECKS,
    ItemType.CHECKBOX,
}

Star = Literal["printed", "inherited", "excluded", "none"]


class _Strict(FrozenRecord):
    pass


class Option(_Strict):
    text: str
    no: str | None = None  # "1）" as printed; None where the form prints no number
    free_text: bool = False  # "その他 （ … ）"
    count: bool = False  # "提供を行っている （ n ） 件"
    exclusive: bool = False  # "行っていない" excludes the other boxes
    group: str | None = None  # "・識別情報" heading inside a check grid

    @property
    def printed(self) -> str:
        return f"{self.no} {self.text}" if self.no else self.text


class Repeat(_Strict):
    max: int | None = None  # None: unbounded (別添1 groups, 別添2 rows)
    min: int = 0
    slot_label: str | None = None  # "委託事項{n}"
    print_groups: list[tuple[int, int]] = []  # (2, 5), (6, 10) … printed as "委託事項2～5"
    titled: bool = False  # the slot header carries a value (委託事項 title, 提供先 name)

    def slot_name(self, n: int) -> str:
        return (self.slot_label or "{n}").replace("{n}", str(n))


class Item(_Strict):  # dict: for the cached properties
    id: str
    label: str
    # for paths, where the printed label carries a note (Ⅲ's ※（７．②を除く。）) or is printed more than once
    # under one heading (全項目 Ⅲ３リスク２'s three 「具体的な管理方法」): the PDF always prints ``label``
    short_label: str | None = None
    type: ItemType
    star: Star = "none"
    required: bool = True
    help: str = ""
    options: list[Option] = []
    columns: int | None = None  # option/check grid columns in the printed form
    fixed_value: str | list[str] | None = None
    date_partial: bool = False  # month-only or "…以降" accepted (保有開始日)
    per_file: bool = False
    same_page: bool = False  # a section printed straight after the previous one (Ⅴ shares Ⅳ's page)
    repeat: Repeat | None = None
    children: list[Item] = []

    @model_validator(mode="after")
    def _checked(self) -> Self:
        if self.type in (ItemType.CHOICE, ItemType.CHECKS) and not self.options:
            raise ValueError("選択肢（options）がありません")
        if self.type == ItemType.GROUP and self.repeat is None:
            raise ValueError("繰り返し項目に repeat の指定がありません")
        texts = [o.text for o in self.options]
        if len(set(texts)) != len(texts):
            raise ValueError("選択肢が重複しています")
        return self

    @property
    def path_label(self) -> str:
        """The item's name in paths (messages, dump, 変更箇所, import report)."""
        return self.short_label or self.label

    @property
    def has_value(self) -> bool:
        return self.type in VALUE_TYPES or (self.repeat is not None and self.repeat.titled)

    @property
    def starred(self) -> bool:
        """Whether a change to this item is a 重要な変更 (※ printed or inherited)."""
        return self.star in ("printed", "inherited")

    def option(self, text: str) -> Option | None:
        return next((o for o in self.options if o.text == text), None)


class When(_Strict):
    item: str
    equals: str | None = None
    includes: str | None = None
    checked: bool | None = None


class Condition(_Strict):
    id: str
    when: When
    effect: Literal["not_applicable", "required", "expect"]
    targets: list[str]
    reason: str
    value: Any = None  # for effect "expect"


FormKind = Literal["kiso", "juten", "zen"]


class Roles(_Strict):
    """Which item plays which part, so generic code (store summary, 新年度版, しきい値判断, 変更箇所) needs no ids."""

    kind: FormKind  # 基礎項目評価書 / 重点項目評価書 / 全項目評価書
    number: str  # 評価書番号
    title: str  # 評価書名
    org: str  # 評価実施機関名
    published: str  # 公表日
    jimu_name: str | None = None  # 事務の名称 (filled in for every 評価書 of a 事務 made together)
    conducted: str | None = None  # 評価の実施日 (cleared by 新年度版)
    threshold_result: str | None = None  # しきい値判断結果
    target_count: str | None = None  # 対象人数
    handlers: str | None = None  # 取扱者数は500人以上か (基礎 Ⅱ２)
    users: str | None = None  # 使用者数 (a bracket; with entrusted_staff the 取扱者数 is estimated)
    entrusted_staff: str | None = None  # 委託先における取扱者数, in the 委託事項 group
    contractor: str | None = None  # 委託先名, in the 委託事項 group (one contractor's staff may overlap)
    threshold_jiko: str | None = None  # 過去1年以内の特定個人情報に関する重大事故 (基礎 Ⅱ３): the しきい値's own question
    jiko: str | None = None  # 過去3年以内の個人情報に関する重大事故 (Ⅲ７): only 発生なし tells the しきい値 something
    record_items: str | None = None  # section: 特定個人情報ファイル記録項目
    changes: str | None = None  # section: 変更箇所 (rows in "<section>.row[]")

    def item_ids(self) -> dict[str, str]:
        return {k: v for k, v in to_data(self).items() if v and k != "kind"}


class FormDefinition(_Strict):  # dict: for the index (cached properties)
    form_id: str
    name: str
    short_name: str
    version_label: str
    stamp: str
    star_note: str = ""
    roles: Roles
    items: list[Item]
    conditions: list[Condition] = []

    @cached_property
    def _chains(self) -> dict[str, tuple[Item, ...]]:
        """id → the chain from the section down to the item, built once; not part of the YAML."""
        chains: dict[str, tuple[Item, ...]] = {}

        def visit(item: Item, above: tuple[Item, ...]) -> None:
            if item.id in chains:
                raise ValueError(f"項目ID「{item.id}」が重複しています")
            chain = chains[item.id] = (*above, item)
            for child in item.children:
                visit(child, chain)

        for item in self.items:
            visit(item, ())
        return chains

    @cached_property
    def index(self) -> dict[str, Item]:
        return {item_id: chain[-1] for item_id, chain in self._chains.items()}

    @cached_property
    def parents(self) -> dict[str, str | None]:
        return {item_id: chain[-2].id if len(chain) > 1 else None for item_id, chain in self._chains.items()}

    @model_validator(mode="after")
    def _checked(self) -> Self:
        for role, ref in self.roles.item_ids().items():
            if ref not in self.index:
                raise ValueError(f"役割「{role}」の項目「{ref}」が様式にありません")
        for cond in self.conditions:
            for ref in [cond.when.item, *cond.targets]:
                if ref not in self.index:
                    raise ValueError(f"条件「{cond.id}」が存在しない項目「{ref}」を参照しています")
            when_item = self.index[cond.when.item]
            for probe in (cond.when.equals, cond.when.includes):
                if probe is not None and when_item.option(probe) is None:
                    raise ValueError(f"条件「{cond.id}」の値「{probe}」は項目「{cond.when.item}」の選択肢にありません")
        return self

    @property
    def changes_rows(self) -> str | None:
        """The template id of the 変更箇所 row group ("annex2.row")."""
        return f"{self.roles.changes}.row" if self.roles.changes else None

    def item(self, item_id: str) -> Item:
        return self.index[item_id]

    def ancestors(self, item_id: str) -> list[Item]:
        """The chain from the section down to the item itself."""
        return list(self._chains[item_id])

    def section_of(self, item_id: str) -> Item:
        return self._chains[item_id][0]

    def iter_items(self) -> list[Item]:
        return list(self.index.values())


def _locate_item_error(raw: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """Turn an error location into the id of the offending item (the innermost node with an id)."""
    ids = [str(node["id"]) for node in locate(raw, loc) if isinstance(node, dict) and "id" in node]
    return ids[-1] if ids else ""


def load_form_file(path: Path) -> FormDefinition:
    import json

    text = load_yaml_json(path, FormDefinitionError, "様式定義ファイル")
    if not text.lstrip().startswith(b"{"):
        raise FormDefinitionError(f"様式定義ファイル {path} の内容が様式定義ではありません")
    try:
        return convert_json(text, FormDefinition)
    except ConversionError as exc:
        msg, loc = error_parts(exc)
        item_id = _locate_item_error(json.loads(text), loc)
        where = f"項目「{item_id}」" if item_id else place(loc) or "全体"
        raise FormDefinitionError(f"様式定義ファイル {path.name} の{where}に誤りがあります: {msg}") from exc


def available_forms() -> dict[str, Path]:
    found: dict[str, Path] = {}
    # Rule tables (citations, phrases, thresholds) live in forms/rules/, not beside the forms.
    for path in sorted(forms_dir().glob("*.yaml")):
        found[path.stem] = path
    return found


@cache
def load_form(form_id: str = DEFAULT_FORM_ID) -> FormDefinition:
    path = available_forms().get(form_id)
    if path is None:
        raise FormDefinitionError(f"様式「{form_id}」の定義ファイルが forms/ にありません")
    return load_form_file(path)

"""変換: a 評価書 turned into another form (重点項目評価書 → 全項目評価書), keeping every answer whose item
exists in both.

What corresponds to what is data: forms/mappings/<from>_to_<to>.yaml. ``identity: true`` carries every
item whose template id exists in both forms with a compatible type and the same label (numbering and ※
aside); ``map`` moves items (or whole subtrees: a rule for ``V.1`` moves ``V.1.2`` to ``VI.1.2``) whose ids
differ, optionally translating option texts (``values``); ``drop`` names items with no counterpart and says
why. A choice carries only when its option exists in the target item. Nothing is lost silently: every
answer is either carried or reported in ``dropped`` with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import Field

from pia_desktop.domain import conversion as records
from pia_desktop.domain.addresses import format_address, group_key, parse_address
from pia_desktop.domain.conversion import FrozenRecord
from pia_desktop.domain.document import CheckValue, Document, Value
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType, load_form
from pia_desktop.domain.threshold.table import threshold_rules
from pia_desktop.domain.validation import validate
from pia_desktop.domain.wareki import parse_wareki
from pia_desktop.domain.yamlfiles import load_yaml
from pia_desktop.resources import forms_dir


class ConversionError(PiaError):
    """The conversion cannot be made (no mapping file, a broken one, another form)."""


class _Strict(FrozenRecord):
    """A record of a mapping file ("from"/"to" in the file; source/target in code)."""


class MapRule(_Strict):
    source: str = Field(alias="from")  # a template id (or the root of a subtree)
    target: str = Field(alias="to")
    values: dict[str, str] = {}  # option text in the source → option text in the target
    note: str = ""


class DropRule(_Strict):
    item: str  # a template id (or the root of a subtree)
    reason: str


class Mapping(_Strict):
    source_form: str = Field(alias="from")
    target_form: str = Field(alias="to")
    identity: bool = True
    map: list[MapRule] = []
    drop: list[DropRule] = []

    def rule_for(self, template: str) -> MapRule | None:
        """The most specific map rule covering ``template`` (itself or an ancestor)."""
        hits = [r for r in self.map if _covers(r.source, template)]
        return max(hits, key=lambda r: len(r.source)) if hits else None

    def drop_for(self, template: str) -> DropRule | None:
        hits = [d for d in self.drop if _covers(d.item, template)]
        return max(hits, key=lambda d: len(d.item)) if hits else None


def _covers(root: str, template: str) -> bool:
    return template == root or template.startswith((root + ".", root + "["))


def mappings_dir() -> Path:
    return forms_dir() / "mappings"


def mapping_path(source_form: str, target_form: str) -> Path:
    return mappings_dir() / f"{source_form}_to_{target_form}.yaml"


def conversions_from(source_form: str) -> list[str]:
    """The forms a document of ``source_form`` can be converted to (those with a mapping file)."""
    return sorted(p.stem.split("_to_", 1)[1] for p in mappings_dir().glob(f"{source_form}_to_*.yaml"))


def load_mapping_file(path: Path) -> Mapping:
    raw = load_yaml(path, ConversionError, "変換表")
    try:
        mapping = records.convert(raw, Mapping)
    except records.ConversionError as exc:  # pydantic's, not this module's ConversionError
        msg, loc = records.error_parts(exc)
        where = f"の「{records.place(loc)}」" if loc else ""
        raise ConversionError(f"変換表 {path.name} {where}に誤りがあります: {msg}") from exc
    src, dst = load_form(mapping.source_form), load_form(mapping.target_form)
    for rule in mapping.map:
        for form, ref, side in ((src, rule.source, "変換元"), (dst, rule.target, "変換先")):
            if ref not in form.index:
                raise ConversionError(f"変換表 {path.name} の{side}の項目「{ref}」が様式「{form.short_name}」にありません")
        if rule.source.count("[]") != rule.target.count("[]"):
            raise ConversionError(f"変換表 {path.name} の「{rule.source}」→「{rule.target}」は繰り返しの深さが異なります")
        target = dst.index[rule.target]
        for old, new in rule.values.items():
            if target.options and target.option(new) is None:
                raise ConversionError(f"変換表 {path.name} の「{rule.source}」の値「{old}」の変換先「{new}」は「{rule.target}」の選択肢にありません")
    for drop in mapping.drop:
        if drop.item not in src.index:
            raise ConversionError(f"変換表 {path.name} の drop の項目「{drop.item}」が様式「{src.short_name}」にありません")
    return mapping


@cache
def load_mapping(source_form: str, target_form: str) -> Mapping:
    path = mapping_path(source_form, target_form)
    if not path.exists():
        src, dst = load_form(source_form), load_form(target_form)
        raise ConversionError(f"{src.short_name}から{dst.short_name}への変換表（forms/mappings/{path.name}）がありません")
    return load_mapping_file(path)


# -- the conversion --------------------------------------------------------------------------------------

def _label_key(item: Item) -> str:
    """The label without its number (①, ３．), ※ marks and spacing: what the item asks."""
    text = item.label
    text = re.sub(r"^[①-⑳]", "", text)
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"^\d+[.．]", "", text)
    return re.sub(r"[※\s]", "", text)


_TEXTS = {ItemType.TEXT, ItemType.TEXTAREA}


def _compatible(a: Item, b: Item) -> bool:
    if a.type == b.type:
        return True
    if a.type in _TEXTS and b.type in _TEXTS:
        return True
    return a.type == ItemType.GROUP and b.type == ItemType.GROUP


@dataclass
class ConversionResult:
    doc: Document
    carried: list[tuple[str, str]] = field(default_factory=list)  # (old address, new address)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (old address, why it was not carried)
    to_fill: list[str] = field(default_factory=list)  # required items of the new 評価書 still empty
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (old, new, what to check) for moved answers
    source_form: str = ""
    target_form: str = ""

    def summary(self) -> str:
        target = load_form(self.target_form).short_name if self.target_form else "変換先"
        return (f"{target}に引き継いだ記載 {len(self.carried)} 件、引き継げなかった記載 {len(self.dropped)} 件、"
                f"新たに記入が必要な項目 {len(self.to_fill)} 件")

    def report(self) -> dict[str, object]:
        return {
            "from": self.source_form, "to": self.target_form,
            "carried": [{"from": a, "to": b} for a, b in self.carried],
            "dropped": [{"address": a, "reason": r} for a, r in self.dropped],
            "to_fill": list(self.to_fill),
            "notes": [{"from": a, "to": b, "note": n} for a, b, n in self.notes],
        }


def _target_template(mapping: Mapping, src: FormDefinition, dst: FormDefinition, template: str) -> tuple[str | None, MapRule | None, str]:
    """Where ``template`` goes (None: nowhere), the rule that says so, and why not when nowhere."""
    rule = mapping.rule_for(template)
    drop = mapping.drop_for(template)
    if drop is not None and (rule is None or len(drop.item) >= len(rule.source)):
        return None, None, drop.reason
    if rule is not None:
        target = rule.target + template[len(rule.source):]
        if target not in dst.index:
            return None, None, f"{dst.short_name}に対応する項目「{target}」がありません"
        a, b = src.index[template], dst.index[target]
        if template != rule.source and a.has_value and _label_key(a) != _label_key(b):  # moved with its heading
            return None, None, f"{dst.short_name}の対応する位置の項目は別の項目です（{b.label}）"
        return target, rule, ""
    if not mapping.identity or template not in dst.index:
        return None, None, f"{dst.short_name}に対応する項目がありません"
    a, b = src.index[template], dst.index[template]
    if not _compatible(a, b):
        return None, None, f"{dst.short_name}の同じ番号の項目は記載の種類が異なります（{b.label}）"
    if a.has_value and _label_key(a) != _label_key(b):
        return None, None, f"{dst.short_name}の同じ番号の項目は別の項目です（{b.label}）"
    return template, None, ""


def _convert_value(item: Item, value: Value, rule: MapRule | None) -> tuple[Value | None, str]:
    """The value for the target ``item`` (None: not carried) and what was left out."""
    if rule is not None and isinstance(value, str) and value in rule.values:
        value = rule.values[value]
    t = item.type
    if isinstance(value, bool):
        return (value, "") if t == ItemType.CHECKBOX else (None, "チェック欄の値は引き継げません")
    if isinstance(value, CheckValue):
        if t != ItemType.CHECKS:
            return None, "チェック項目の値は引き継げません"
        kept = [c for c in value.checked if item.option(c) is not None]
        lost = [c for c in value.checked if item.option(c) is None]
        if not kept:
            return None, f"選択肢「{'」「'.join(lost)}」は変換先の項目にありません"
        details = {k: v for k, v in value.details.items() if k in kept}
        note = f"選択肢「{'」「'.join(lost)}」は変換先の項目にないため外しました" if lost else ""
        return CheckValue(checked=kept, details=details), note
    if t == ItemType.CHOICE:
        return (value, "") if item.option(value) is not None else (None, f"選択肢「{value}」は変換先の項目にありません")
    if t == ItemType.DATE and parse_wareki(value, partial=item.date_partial) is None:
        return None, f"「{value}」は変換先の項目の日付として読めません"
    if t in (ItemType.CHECKS, ItemType.CHECKBOX):
        return None, "文字の記載はチェック項目に引き継げません"
    return value, ""


def _file_targets(src: FormDefinition, dst: FormDefinition, template: str, target: str, file: int | None, file_count: int) -> list[int | None]:
    src_per_file, dst_per_file = src.section_of(template).per_file, dst.section_of(target).per_file
    if src_per_file == dst_per_file:
        return [file]
    if dst_per_file:  # one answer for the 事務 → the same answer in every file
        return list(range(1, file_count + 1))
    return [None] if file == 1 else []  # per file → once: the first file's answer


def convert(doc: Document, target_form_id: str, *, threshold_result: str | None = None) -> ConversionResult:
    """``doc`` as a blank document of ``target_form_id`` filled with every answer that carries over.

    ``threshold_result`` (a result id of forms/rules/thresholds.yaml) restates the しきい値判断結果 on the
    new form, e.g. kiso_zen when the calculator is why the 重点 becomes a 全項目."""
    from pia_desktop.domain.assessment_set import new_document

    mapping = load_mapping(doc.form_id, target_form_id)
    src, dst = load_form(doc.form_id), load_form(target_form_id)
    new = new_document(target_form_id, doc.file_count)
    new.status = "作成中"
    result = ConversionResult(new, source_form=doc.form_id, target_form=target_form_id)
    origin: dict[str, str] = {}

    # Repeating groups first: the entries exist before their answers.
    for key, n in sorted(doc.repeat_counts.items()):
        addr = parse_address(key + "[]")
        target, _rule, _why = _target_template(mapping, src, dst, addr.template)
        if target is None or target not in dst.index or dst.index[target].repeat is None:
            continue
        cap = dst.index[target].repeat.max  # type: ignore[union-attr]
        for f in _file_targets(src, dst, addr.template, target, addr.file, doc.file_count):
            new_key = group_key(target, f, addr.slots)
            new.set_count(new_key, max(new.count(new_key), min(n, cap) if cap is not None else n))

    for address, value in doc.values.items():
        addr = parse_address(address)
        if addr.template not in src.index:
            result.dropped.append((address, f"項目ID「{address}」は{src.short_name}の様式にありません"))
            continue
        target, rule, why = _target_template(mapping, src, dst, addr.template)
        if target is None:
            result.dropped.append((address, why))
            continue
        item = dst.index[target]
        converted, note = _convert_value(item, value, rule)
        if converted is None:
            result.dropped.append((address, note))
            continue
        files = _file_targets(src, dst, addr.template, target, addr.file, doc.file_count)
        if not files:
            result.dropped.append((address, f"{dst.short_name}ではファイルごとではなく一つだけ記載する項目のため、ファイル（1）の記載だけを引き継ぎました"))
            continue
        if not all(_slots_fit(dst, new, target, f, addr.slots) for f in files):
            result.dropped.append((address, f"{dst.short_name}の繰り返しの上限を超えています"))
            continue
        carried_any = False
        for f in files:
            new_address = format_address(target, f, addr.slots)
            if new_address in origin:
                result.dropped.append((address, f"変換先の「{new_address}」には「{origin[new_address]}」の記載を引き継ぎました"))
                continue
            new.set(new_address, converted)
            origin[new_address] = address
            result.carried.append((address, new_address))
            carried_any = True
            if rule is not None and rule.note:
                result.notes.append((address, new_address, rule.note))
            if address in doc.non_public:
                new.non_public.append(new_address)
        if carried_any and note:
            result.dropped.append((address, note))  # carried in part: say what was left out

    if threshold_result is not None and dst.roles.threshold_result:
        stated = threshold_rules().result(threshold_result).stated_on(dst.roles.kind)
        if stated and dst.item(dst.roles.threshold_result).option(stated) is not None:
            new.set(dst.roles.threshold_result, stated)
    result.to_fill = [f.address for f in validate(dst, new) if f.rule == "required"]
    return result


def _slots_fit(form: FormDefinition, doc: Document, template: str, file: int | None, slots: tuple[int, ...]) -> bool:
    parts = template.split("[]")
    prefix = ""
    for depth, n in enumerate(slots):
        prefix += parts[depth] + "[]"
        key = group_key(prefix, file, slots[:depth])
        repeat = form.index[prefix].repeat
        if repeat is not None and repeat.max is not None and n > repeat.max:
            return False
        if n > doc.count(key):
            doc.set_count(key, n)
    return True

"""Validation of a document against its form: errors (invalid) and warnings (incomplete).

Errors name the item by its printed path and its address; they are what ``check`` exits 1 on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from pia_desktop.domain.addresses import group_key, parse_address
from pia_desktop.domain.conditions import active_effects
from pia_desktop.domain.document import CheckValue, Document, Value, is_empty, value_text
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.domain.traversal import Slot, section_label, walk
from pia_desktop.domain.wareki import parse_wareki

Severity = Literal["error", "warning"]
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    rule: str
    address: str
    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def line(self) -> str:
        mark = "エラー" if self.severity == "error" else "警告"
        return f"{mark}: {self.path}: {self.message}"


def describe(form: FormDefinition, address: str) -> str:
    """The printed path of an address, for messages ("Ⅱ　特定個人情報ファイルの概要（１） › …")."""
    try:
        addr = parse_address(address)
        chain = form.ancestors(addr.template)
    except KeyError:
        return address
    parts: list[str] = []
    slot_iter = iter(addr.slots)
    for i, item in enumerate(chain):
        if i == 0:
            parts.append(section_label(item, addr.file))
        elif item.repeat is not None and item.type == ItemType.GROUP:
            n = next(slot_iter, None)
            parts.append(item.repeat.slot_name(n) if n is not None else item.label)
        else:
            parts.append(item.path_label)
    return " › ".join(parts)


def _check_value(item: Item, value: Value) -> str | None:
    """Why ``value`` is not a valid answer to ``item``, or None."""
    t = item.type
    if item.type == ItemType.GROUP:
        return None if isinstance(value, str) else "見出しの値は文字列で記載してください"
    if t in (ItemType.TEXT, ItemType.TEXTAREA):
        return None if isinstance(value, str) else "文字列で記載してください"
    if t == ItemType.DATE:
        if not isinstance(value, str):
            return "日付は文字列で記載してください"
        if parse_wareki(value, partial=item.date_partial) is None:
            return f"「{value}」は日付として読めません（例：令和7年5月30日）"
        return None
    if t == ItemType.NUMBER:
        if not isinstance(value, str) or not _NUMBER.match(value.strip()):
            return f"「{value}」は数字ではありません"
        return None
    if t == ItemType.CHOICE:
        if not isinstance(value, str):
            return "選択肢の文字列で記載してください"
        if item.option(value) is None:
            allowed = "、".join(o.text for o in item.options)
            return f"「{value}」は選択肢にありません（選択肢：{allowed}）"
        return None
    if t == ItemType.CHECKBOX:
        return None if isinstance(value, bool) else "印の有無（true/false）で記載してください"
    if t == ItemType.CHECKS:
        if not isinstance(value, CheckValue):
            return "チェック項目の形式（checked / details）で記載してください"
        for label in value.checked:
            if item.option(label) is None:
                return f"「{label}」はこの項目のチェック項目にありません"
        if len(set(value.checked)) != len(value.checked):
            return "同じチェック項目が重複しています"
        for label, detail in value.details.items():
            opt = item.option(label)
            if opt is None or not (opt.free_text or opt.count):
                return f"「{label}」には括弧内の記載欄がありません"
            if opt.count and detail.strip() and not _NUMBER.match(detail.strip()):
                return f"「{label}」の件数「{detail}」が数字ではありません"
        exclusive = [x for x in value.checked if (o := item.option(x)) is not None and o.exclusive]
        if exclusive and len(value.checked) > 1:
            return f"「{exclusive[0]}」は他のチェック項目と同時に選べません"
        return None
    return "この項目には値を記載できません"


def _check_keys(form: FormDefinition, doc: Document) -> Iterable[Finding]:
    for address, value in doc.values.items():
        addr = parse_address(address)
        item = form.index.get(addr.template)
        if item is None or not item.has_value:
            yield Finding("error", "unknown-item", address, address, f"項目ID「{address}」は様式「{form.version_label}」にありません")
            continue
        path = describe(form, address)
        section = form.section_of(addr.template)
        if section.per_file != (addr.file is not None) or (addr.file is not None and addr.file > doc.file_count):
            yield Finding("error", "bad-file", address, path, f"特定個人情報ファイルの番号が範囲外です（ファイル数 {doc.file_count}）")
            continue
        if addr.template.count("[]") != len(addr.slots) or not _slots_in_range(form, doc, addr.template, addr.file, addr.slots):
            yield Finding("error", "bad-slot", address, path, "繰り返し項目の番号が範囲外です")
            continue
        problem = _check_value(item, value)
        if problem:
            yield Finding("error", "invalid-value", address, path, problem)


def _slots_in_range(form: FormDefinition, doc: Document, template: str, file: int | None, slots: tuple[int, ...]) -> bool:
    parts = template.split("[]")
    prefix = ""
    for depth, n in enumerate(slots):
        prefix += parts[depth] + "[]"
        if not 1 <= n <= doc.count(group_key(prefix, file, slots[:depth])):
            return False
    return True


def _check_counts(form: FormDefinition, doc: Document) -> Iterable[Finding]:
    for key, n in doc.repeat_counts.items():
        addr = parse_address(key + "[]")
        item = form.index.get(addr.template)
        if item is None or item.repeat is None:
            yield Finding("error", "unknown-group", key, key, f"繰り返し項目「{key}」は様式にありません")
            continue
        if item.repeat.max is not None and n > item.repeat.max:
            yield Finding("error", "too-many", key, describe(form, key + "[1]"), f"{n}件は上限（{item.repeat.max}件）を超えています")
        if n < 0:
            yield Finding("error", "bad-count", key, key, "件数が負です")


def _check_slots(form: FormDefinition, doc: Document, slots: Iterable[Slot]) -> Iterable[Finding]:
    for slot in slots:
        item = slot.item
        if item.type == ItemType.GROUP and slot.entry is None:
            continue
        value = doc.get(slot.address)
        effects = active_effects(form, doc, slot.address)
        na = next((e for e in effects if e.condition.effect == "not_applicable"), None)
        if na is not None:
            if not is_empty(value) and item.has_value:
                yield Finding("warning", "not-applicable-filled", slot.address, slot.path_text, f"該当しない項目に記載があります（{na.condition.reason}）")
            continue
        for eff in effects:
            if eff.condition.effect == "expect" and doc.get(slot.address) != eff.condition.value:
                yield Finding("warning", f"expect:{eff.condition.id}", slot.address, slot.path_text, eff.condition.reason)
        if not item.has_value or item.type == ItemType.CHECKBOX:
            continue
        required = item.required or any(e.condition.effect == "required" for e in effects)
        if required and is_empty(value):
            why = next((e.condition.reason for e in effects if e.condition.effect == "required"), "")
            yield Finding("warning", "required", slot.address, slot.path_text, "未記入です" + (f"（{why}）" if why else ""))


def _check_minimums(form: FormDefinition, doc: Document) -> Iterable[Finding]:
    for item in form.iter_items():
        if item.repeat is None or item.repeat.min == 0:
            continue
        files = range(1, doc.file_count + 1) if form.section_of(item.id).per_file else [None]
        for file in files:
            if item.id.count("[]") > 1:
                continue
            key = group_key(item.id, file, ())
            if doc.count(key) < item.repeat.min:
                yield Finding("warning", "required", key, describe(form, key + "[1]"), f"少なくとも{item.repeat.min}件記載してください")


def validate(form: FormDefinition, doc: Document) -> list[Finding]:
    findings: list[Finding] = []
    if doc.form_id != form.form_id:
        findings.append(Finding("error", "form-mismatch", "", "", f"様式「{doc.form_id}」の文書を様式「{form.form_id}」で検査しようとしています"))
        return findings
    findings.extend(_check_keys(form, doc))
    findings.extend(_check_counts(form, doc))
    for address in doc.non_public:
        if address not in doc.values:
            findings.append(Finding("warning", "non-public-empty", address, describe(form, address), "非公表に指定された項目に記載がありません"))
    findings.extend(_check_slots(form, doc, walk(form, doc)))
    findings.extend(_check_minimums(form, doc))
    return findings


@dataclass(frozen=True, slots=True)
class Completeness:
    filled: int
    total: int

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.filled / self.total)


def completeness(form: FormDefinition, doc: Document) -> dict[str, Completeness]:
    """Per section instance ("I", "II(1)", …): required, applicable items filled / total."""
    counts: dict[str, list[int]] = {}
    for slot in walk(form, doc):
        item = slot.item
        if not item.has_value or item.type == ItemType.CHECKBOX:
            continue
        key = slot.address.split(".")[0]
        bucket = counts.setdefault(key, [0, 0])
        effects = active_effects(form, doc, slot.address)
        if any(e.condition.effect == "not_applicable" for e in effects):
            continue
        required = item.required or any(e.condition.effect == "required" for e in effects)
        if not required:
            continue
        bucket[1] += 1
        if not is_empty(doc.get(slot.address)):
            bucket[0] += 1
    return {k: Completeness(f, t) for k, (f, t) in counts.items()}


def overall_completeness(form: FormDefinition, doc: Document) -> int:
    parts = completeness(form, doc).values()
    total = sum(p.total for p in parts)
    return 100 if total == 0 else round(100 * sum(p.filled for p in parts) / total)


def display_value(form: FormDefinition, address: str, value: Value | None) -> str:
    item = form.index.get(parse_address(address).template)
    counts = frozenset(o.text for o in item.options if o.count) if item else frozenset()
    return value_text(value, counts)


# -- one gate for every way in ------------------------------------------------------------------------

MAX_LISTED = 20  # errors named in a refusal; the rest are counted


class DocumentRefused(PiaError):
    """A document that may not enter the store: the same checks and the same message for ``store
    add``, ``import --add``, the GUI's 取り込み and any later way in. ``findings`` are its errors."""

    def __init__(self, source: str, findings: list[Finding]) -> None:
        lines = [f.line() for f in findings[:MAX_LISTED]]
        if len(findings) > MAX_LISTED:
            lines.append(f"（ほか {len(findings) - MAX_LISTED} 件）")
        super().__init__(f"{source} に誤りが {len(findings)} 件あるため、保存ファイルに追加しませんでした\n" + "\n".join(lines))
        self.findings = findings


def admission_errors(doc: Document, source: str = "評価書") -> list[Finding]:
    """The errors that keep ``doc`` out of the store: the limits (domain.limits), then every
    error ``validate`` finds against the document's own form. A form this version does not
    know is a PiaError of its own."""
    from pia_desktop.domain.form_definition import load_form
    from pia_desktop.domain.limits import problems

    over = [Finding("error", "limit", item, item, why) for item, why in problems(doc)]
    if over:  # walking an over-limit document is what must not happen
        return over
    return [f for f in validate(load_form(doc.form_id), doc) if f.severity == "error"]


def admit(doc: Document, source: str) -> Document:
    """``doc`` when it may be added to the store; else DocumentRefused naming ``source``."""
    errors = admission_errors(doc, source)
    if errors:
        raise DocumentRefused(source, errors)
    return doc

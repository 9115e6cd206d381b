"""Reading one item's printed value: "[ 選択値 ]", rows of "[ ○ ] label （ … ）", dates, counts.

Each parser returns the value for the document (or None when the printed value is empty) and,
when the text cannot be mapped with certainty, a note saying why: the report shows it as
「要確認」 together with the source text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pia_desktop.domain.document import CheckValue, Value
from pia_desktop.domain.form_definition import Item, ItemType
from pia_desktop.domain.wareki import normalize_wareki
from pia_desktop.importers.catalog import option_for
from pia_desktop.importers.folding import clean_text, fold, fold_with_map

_BOX = re.compile(r"[\[［]([^\[\]［］]{0,8})[\]］]")
_BRACKETED = re.compile(r"[\[［]([^\[\]［］]*)[\]］]")
_CHECK_MARKS = set("○〇◯●◉✓✔☑■☒xX×✕oOＯｏ")
_CHOICES_CAPTION = re.compile(r"[<＜]\s*選\s*択\s*肢\s*[>＞]")
_DETAIL = re.compile(r"^\s*[（(](.*)[）)]\s*(件)?", re.DOTALL)
_COUNT = re.compile(r"[（(]\s*([0-9０-９,，]*)\s*[）)]\s*件")
_DIGITS = re.compile(r"[0-9,]+")


@dataclass(frozen=True)
class Parsed:
    value: Value | None
    note: str = ""  # why the value is uncertain ("" when it is not)


def box_segments(text: str) -> list[tuple[bool, str]]:
    """"[ ○ ] 紙　[ ] 専用線" → [(True, "紙　"), (False, "専用線")]."""
    marks = list(_BOX.finditer(text))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        checked = any(ch in _CHECK_MARKS for ch in m.group(1))
        out.append((checked, text[m.end():end]))
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _match_option(item: Item, segment: str) -> tuple[str | None, str]:
    """The option a box label names, and the text after it.

    The option sharing the longest start with the label wins; an option printed in full beats a
    label cut by a line wrap of the same length ("その他 （ … ）" vs "その他住民票関係情" + "報").
    """
    folded, where = fold_with_map(segment)
    best = None
    best_len, best_full = 0, False
    for opt in item.options:
        key = fold(opt.text)
        n = _common_prefix(folded, key)
        full = n == len(key)
        if n < 3 and not full:
            continue
        if n > best_len or (n == best_len and full and not best_full):
            best, best_len, best_full = opt, n, full
    if best is None or best_len == 0:
        return None, segment
    if not best_full:
        return best.text, ""
    rest = segment[where[best_len]:] if best_len < len(where) else ""
    return best.text, rest


def parse_checks(item: Item, text: str) -> Parsed:
    checked: list[str] = []
    details: dict[str, str] = {}
    unknown: list[str] = []
    for is_checked, segment in box_segments(text):
        label, rest = _match_option(item, segment)
        if label is None:
            if segment.strip():
                unknown.append(segment.strip())
            continue
        if not is_checked:
            continue
        if label not in checked:
            checked.append(label)
        opt = item.option(label)
        m = _DETAIL.match(rest)
        if opt is not None and m and (opt.free_text or opt.count):
            detail = clean_text(m.group(1))
            if opt.count:
                digits = _DIGITS.findall(fold(detail))
                detail = digits[0] if digits else ""
            if detail:
                details[label] = detail
    ordered = [o.text for o in item.options if o.text in checked]
    value = CheckValue(checked=ordered, details=details)
    note = f"選択肢にない項目: {'、'.join(unknown)}" if unknown else ""
    if not box_segments(text) and text.strip():
        note = "チェック欄（[ ○ ]）が見つかりません"
    return Parsed(None if value.is_empty() else value, note)


def choice_text(text: str) -> str | None:
    """The printed choice: the text inside the first "[ … ]" before ＜選択肢＞ (None: no brackets)."""
    head = _CHOICES_CAPTION.split(text, maxsplit=1)[0]
    m = _BRACKETED.search(head) or re.search(r"[\[［]([^\]］]*)$", head)  # "[ 十分である" cut by a wrap
    if m:
        return m.group(1).strip()
    m = _BRACKETED.search(text)
    return m.group(1).strip() if m else None


def parse_choice(item: Item, text: str) -> Parsed:
    inner = choice_text(text)
    if inner is None:
        inner = _CHOICES_CAPTION.split(text, maxsplit=1)[0].strip()
    if not fold(inner):
        return Parsed(None)
    option, near = option_for(item, inner)
    if option is not None:
        return Parsed(option)
    if near:
        return Parsed(None, f"選択肢を特定できません（候補: {'、'.join(near)}）")
    return Parsed(None, f"「{inner}」は選択肢にありません")


def parse_date(item: Item, text: str) -> Parsed:
    raw = clean_text(text)
    if not raw:
        return Parsed(None)
    normalized = normalize_wareki(raw, partial=item.date_partial)
    if normalized is None and not item.date_partial:
        normalized = normalize_wareki(raw, partial=True)
    if normalized is None:
        return Parsed(raw, "日付として読めません（元の文字列のまま取り込みました）")
    return Parsed(normalized)


def parse_count(text: str) -> str | None:
    m = _COUNT.search(text)
    if m:
        digits = fold(m.group(1)).replace("，", ",")
        return digits or None
    digits = _DIGITS.findall(fold(text))
    return digits[0] if digits else None


def parse_checkbox(text: str) -> bool | None:
    segments = box_segments(text)
    return segments[0][0] if segments else None


def parse_value(item: Item, text: str) -> Parsed:
    """The value of ``item`` from its collected source text."""
    if item.type == ItemType.CHOICE:
        return parse_choice(item, text)
    if item.type == ItemType.CHECKS:
        return parse_checks(item, text)
    if item.type == ItemType.CHECKBOX:
        return Parsed(parse_checkbox(text) or None)
    if item.type == ItemType.DATE:
        return parse_date(item, text)
    if item.type == ItemType.NUMBER:
        raw = clean_text(text)
        count = parse_count(raw) if "件" in raw else None
        digits = count or "".join(fold(raw).split())
        return Parsed(digits or None, "" if re.fullmatch(r"[0-9,]*", digits or "") else "数値として読めません")
    cleaned = clean_text(text)
    return Parsed(cleaned or None)

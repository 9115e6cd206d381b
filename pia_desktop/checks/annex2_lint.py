"""Lint of the （別添２）変更箇所 rows: reasons that do not fit the change.

The 項目 column is free text ("Ⅲ リスク対策 7. 特定個人情報の保管・消…", "「Ⅰ 基本情報」-「5. 情報提供…"),
often cut off. ``resolve_komoku`` maps it onto the form (section, numbered heading, sub-item by its
circled number or label) and ``star_of`` answers from the form's ※ flags whether the changed item is a
重要な変更の対象 — True, False, or None when the text does not say which item (then no rule fires).
"""

from __future__ import annotations

import re
import unicodedata

from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.registry import rule
from pia_desktop.domain.docview import DocView, fold
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType

_ROMAN = re.compile(r"^[「\"]?(IV|VI|V|III|II|I)(?![A-Za-z])")
_ROMAN_NUMERAL = re.compile(r"^(IV|VI|V|III|II|I)(?![A-Za-z])")
_ANNEX = re.compile(r"別添\s*([0-9]*)")
_HEADING_NUMBER = re.compile(r"(?<![0-9])(\d{1,2})\s*[.．](?!\d)")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_LABEL_NOISE = re.compile(r"[※\s　]|[①-⑩]")

NOT_IMPORTANT = "重要な変更項目でない"
HOUREI = "法令改正"
RISK_REDUCTION = ("リスクを明らかに軽減", "漏えいその他の事態を発生させるリスク")
_LEGAL = re.compile(r"第\s*[0-9０-９一二三四五六七八九十百]+\s*[条号項]|別表|省令|政令|規則|告示|条例|法律|番号法|[^\s、。]法[第(（ 　]")
_ADDITION_TARGETS = ("II.3", "II.4", "II.5")


def _norm(text: str) -> str:
    # NFKC would turn ② into 2; the circled numbers name sub-items, so they are kept.
    folded = "".join(ch if ch in _CIRCLED else unicodedata.normalize("NFKC", ch) for ch in text)
    return folded.replace("Ⅰ", "I").replace("Ⅱ", "II").replace("Ⅲ", "III").replace("Ⅳ", "IV").replace("Ⅴ", "V")


_WORDS: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}


def _section_words(form: FormDefinition) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(words that name it, id) per section, from the printed section titles: 「Ⅱ　特定個人情報ファイルの概要」
    → 特定個人情報ファイルの概要 and II; 「（別添２）　変更箇所」 → 別添2; 「Ⅳ　開示請求、問合せ」 → 開示請求, 問合せ."""
    if form.form_id in _WORDS:
        return _WORDS[form.form_id]
    out = []
    for section in form.items:
        if section.type == ItemType.FIXED:
            continue
        label = _norm(section.short_label or section.label).strip()
        words: list[str] = []
        annex = _ANNEX.search(label)
        if annex:
            words.append("別添" + annex.group(1))
            label = label[annex.end():]
        roman = _ROMAN_NUMERAL.match(label)
        if roman:
            label = label[roman.end():]
        title = re.sub(r"[（(）)]|\s", " ", label.split("※")[0]).strip()
        words += [w for w in re.split(r"[、\s]+", title) if len(w) >= 2]
        out.append((tuple(words), section.id))
    return _WORDS.setdefault(form.form_id, tuple(out))


def _roman_sections(form: FormDefinition) -> dict[str, str]:
    found = {}
    for section in form.items:
        m = _ROMAN_NUMERAL.match(_norm(section.label).strip())
        if m:
            found[m.group(1)] = section.id
    return found


def _section(form: FormDefinition, text: str) -> tuple[Item | None, int]:
    """The section the text names (the title word that comes first) and where its name ends."""
    best: tuple[int, int, str] | None = None  # (position, -length, section id)
    for words, sid in _section_words(form):
        for word in words:
            pos = text.find(word)
            if pos >= 0 and (best is None or (pos, -len(word)) < best[:2]):
                best = (pos, -len(word), sid)
    if best is not None:
        return form.index[best[2]], best[0] - best[1]
    m = _ROMAN.match(text.strip())
    if m and m.group(1) in _roman_sections(form):
        return form.index[_roman_sections(form)[m.group(1)]], text.find(m.group(1)) + len(m.group(1))
    return None, 0


def _numbered_child(section: Item, number: int) -> Item | None:
    for child in section.children:
        m = re.match(r"^([0-9]+)[.．]", unicodedata.normalize("NFKC", child.label))
        if m and int(m.group(1)) == number:
            return child
    return None


def _descendants(item: Item) -> list[Item]:
    out = [item]
    for child in item.children:
        out.extend(_descendants(child))
    return out


def _label_key(label: str) -> str:
    return fold(_LABEL_NOISE.sub("", label))


def resolve_komoku(form: FormDefinition, komoku: str, mae: str = "", ato: str = "") -> Item | None:
    """The most specific form item the 項目 text names, or None when not even the section is clear."""
    text = _norm(komoku)
    section, end = _section(form, text)
    if section is None:
        return None
    rest = text[end:]
    m = _HEADING_NUMBER.search(rest)
    node = _numbered_child(section, int(m.group(1))) if m else None
    if node is None:
        return section
    tail = rest[m.end():] if m else rest
    # Ⅲ７②: the values tell which item changed even when the 項目 text is cut off.
    jiko = form.roles.jiko
    if jiko and jiko.startswith(node.id + ".") and {fold(mae), fold(ato)} & {"発生あり", "発生なし"}:
        return form.index[jiko]
    candidates = _descendants(node)[1:]
    folded_tail = fold(tail)
    by_label = [c for c in candidates if len(_label_key(c.label)) >= 3 and _label_key(c.label) in folded_tail]
    if by_label:
        # the most specific item named: the deepest, then the longest label
        return max(by_label, key=lambda c: (c.id.count("."), len(_label_key(c.label))))
    circled = next((ch for ch in tail if ch in _CIRCLED), None)
    if circled:
        hits = [c for c in candidates if c.label.startswith(circled)]
        if len(hits) == 1:
            return hits[0]
    return node


def star_of(item: Item | None) -> bool | None:
    """Whether a change to the item is a candidate 重要な変更; None when its parts differ (Ⅲ７ holds ②)."""
    if item is None:
        return None
    flags = {d.starred for d in _descendants(item) if d.has_value or d.type == ItemType.CHECKBOX}
    if not flags:
        flags = {item.starred}
    return flags.pop() if len(flags) == 1 else None


def _under(item: Item, prefixes: tuple[str, ...]) -> bool:
    return any(item.id == p or item.id.startswith(p + ".") for p in prefixes)


def _is_addition(mae: str, ato: str) -> bool:
    before, after = fold(mae), fold(ato)
    if not after:
        return False
    return not before or (before in after and len(after) > len(before))


@rule("annex2-star-not-important", "annex2-hourei-nonlegal", "annex2-risk-addition")
def annex2_reasons(v: DocView, emit: Emitter) -> None:
    group = v.form.changes_rows or ""
    for n in v.entries(group) if group else ():
        row = f"{group}[{n}]"
        komoku, mae, ato, setsumei = (v.text(f"{row}.{c}") for c in ("komoku", "mae", "ato", "setsumei"))
        if not setsumei:
            continue
        item = resolve_komoku(v.form, komoku, mae, ato) if komoku else None
        where = f"{row}.setsumei"
        if NOT_IMPORTANT in setsumei and star_of(item) is True:
            emit("annex2-star-not-important", where, komoku_value=komoku, setsumei_value=setsumei)
        if HOUREI in setsumei and (mae or ato) and not _LEGAL.search(_norm(mae + "\n" + ato)):
            emit("annex2-hourei-nonlegal", where, ato_value=_short(ato or mae))
        if any(p in setsumei for p in RISK_REDUCTION) and item is not None and _under(item, _ADDITION_TARGETS) and _is_addition(mae, ato):
            emit("annex2-risk-addition", where, komoku_value=komoku, ato_value=_short(ato))


def _short(text: str, limit: int = 40) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[:limit] + "…"

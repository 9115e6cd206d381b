"""Glyph folding for label matching (inventory, "Conventions": fold （）：．０-９＜＞ to ASCII, drop
whitespace, read Ⅰ–Ⅴ as I–V, keep ①…⑩).

NFKC is not used on purpose: it turns ① into 1 and would merge labels the form keeps apart.
``fold_with_map`` also returns where each folded character came from, so a label found at the
start of a folded line can be cut off the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jaconv

_ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "Ⅵ": "VI", "Ⅶ": "VII", "Ⅷ": "VIII", "Ⅸ": "IX", "Ⅹ": "X"}
# Look-alikes the conversions and other tools print for the same glyph.
_EXTRA = {
    "〜": "~", "～": "~", "－": "-", "‐": "-", "−": "-", "［": "[", "］": "]", "〔": "[", "〕": "]",
    "〈": "<", "〉": ">", "＜": "<", "＞": ">", "､": "、", "｡": "。", "･": "・",
}
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    if ch in _ROMAN:
        return _ROMAN[ch]
    if ch in _EXTRA:
        return _EXTRA[ch]
    if ch.isspace() or ch == "\u200b":
        return ""
    out = jaconv.z2h(ch, kana=False, ascii=True, digit=True)
    if "\uff61" <= out <= "\uff9f":  # half-width katakana → full-width
        out = jaconv.h2z(out, kana=True, ascii=False, digit=False)
    return out


def fold(text: str) -> str:
    """The matching form of a text: ASCII digits and brackets, no whitespace."""
    if not text:
        return ""
    return "".join(_fold_char(ch) for ch in text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of the original character."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


_STAR_NOTE = re.compile(r"※(\([^)]*\))?")
_OPTIONAL = re.compile(r"【任意】")


def label_key(label: str) -> str:
    """The key a printed label is matched by: folded, without ※ (and the note after it) or 【任意】."""
    key = fold(label)
    key = _OPTIONAL.sub("", key)
    return _STAR_NOTE.sub("", key)


_NUMBERING = re.compile(r"^\d{1,2}\.?(?=\D)")


def unnumbered(key: str) -> str:
    """A folded label without its leading section number ("1.特定個人情報ファイル名" → "特定…")."""
    return _NUMBERING.sub("", key)


def clean_text(text: str) -> str:
    """A cell's text as a value: trimmed lines, no trailing blanks, CRLF folded."""
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(ln.strip() if i == 0 else ln for i, ln in enumerate(lines)).strip()


def squash(text: str) -> str:
    """Whitespace runs to one space (for one-line display of a source text)."""
    return _SPACE.sub(" ", text).strip()

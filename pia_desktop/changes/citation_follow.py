"""Whether a change only follows a renumbered or renamed statute: what the app's own citation rules
(forms/rules/citations.yaml) asked for, e.g. 「別表第1」 → 「別表」, 「第19条第7号」 → 「第19条第8号」.

Such a change is 「法令改正等による形式的な変更」, not a 重要な変更 even on a ※ item (domain-rules.md §2.3),
so the 変更箇所 generator proposes it 事後 with that explanation, as the published 評価書 do.

The test is strict: the old text must hold a citation a rule flags, the new text fewer of them, and
every edited stretch must lie inside such a citation (with the numbers, 条・項・号 and law words around
it) and put in only citation text, or words of the rule's own suggestion (「個人情報の保護に関する法律」).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from datetime import date

from pia_desktop.checks.citations import fold_text, stale_spans
from pia_desktop.checks.rules_data import CitationRules, citation_rules

# What a citation is written with: numbers, 第…条…項…号, 別表, the names of statutes and orders.
_CITATION = re.compile(r"[0-9〇一二三四五六七八九十百千第条項号のノ表別及並び主務省令政規則法律附則告示・() 　]+")  # not 、: one citation at a time


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """The citation around a match: the run of citation characters it lies in."""
    while start > 0 and _CITATION.fullmatch(text[start - 1]):
        start -= 1
    while end < len(text) and _CITATION.fullmatch(text[end]):
        end += 1
    return start, end


def follows_citation_rule(old: str, new: str, *, template: str = "", as_of: date,
                          rules: CitationRules | None = None) -> bool:
    """True when turning ``old`` into ``new`` only rewrites citations a rule flags as stale on ``as_of``."""
    rules = rules or citation_rules()
    a, b = fold_text(old), fold_text(new)
    if a == b:
        return False
    stale_old = stale_spans(a, template=template, as_of=as_of, rules=rules)
    if not stale_old:
        return False
    before = Counter(r.id for r, _s, _e in stale_old)
    after = Counter(r.id for r, _s, _e in stale_spans(b, template=template, as_of=as_of, rules=rules))
    if not any(after[k] < n for k, n in before.items()):
        return False  # nothing the rules asked for was fixed
    spans = [(*_widened(a, s, e), r) for r, s, e in stale_old]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        inside = [r for s, e, r in spans if s <= i1 and i2 <= e]
        if not inside:
            return False
        put = b[j1:j2].strip()
        if put and not _CITATION.fullmatch(put) and not any(put in fold_text(r.suggestion) for r in inside):
            return False
    return True

"""Stale statute citations: every free-text answer searched with the rules of forms/rules/citations.yaml.

A rule applies from its ``effective`` date, compared with the 評価書's 公表日 (a draft without one is
compared with today). The text is only flagged, never rewritten: item numbers (項番) of the 別表 and
the 主務省令 must be confirmed by the user.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from pia_desktop.checks.rules_data import CitationRule, CitationRules, citation_rules
from pia_desktop.domain.addresses import parse_address
from pia_desktop.domain.docview import DocView, iter_text_values
from pia_desktop.domain.validation import Finding

_DEFAULT = "__default__"


@dataclass(frozen=True, slots=True)
class CitationHit:
    rule: CitationRule
    address: str
    snippet: str  # the matched text as folded (full-width digits → half-width)


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: CitationRule
    pattern: re.Pattern[str]
    context: re.Pattern[str] | None
    window: int
    exclude: re.Pattern[str] | None
    near: re.Pattern[str] | None
    items: frozenset[str]
    skip: frozenset[str]


_COMPILED: dict[int, tuple[CitationRules, tuple[_Compiled, ...]]] = {}


def _compiled(rules: CitationRules) -> tuple[_Compiled, ...]:
    cached = _COMPILED.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    d = rules.defaults
    out = []
    for r in rules.rules:
        context = d.context if r.context == _DEFAULT else r.context
        exclude = d.exclude if r.exclude == _DEFAULT else r.exclude
        out.append(_Compiled(
            r,
            re.compile(r.pattern),
            re.compile(context) if context else None,
            r.context_window or d.context_window,
            re.compile(exclude) if exclude else None,
            re.compile(r.near) if r.near else None,
            frozenset(r.items),
            frozenset(d.skip_items if r.skip_items is None else r.skip_items),
        ))
    _COMPILED[id(rules)] = (rules, tuple(out))
    return tuple(out)


def fold_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _context_ok(c: _Compiled, text: str, start: int) -> bool:
    if c.context is None:
        return True
    before = text[max(0, start - c.window):start]
    last_ctx = None
    for m in c.context.finditer(before):
        last_ctx = m
    if last_ctx is None:
        return False
    return c.exclude is None or c.exclude.search(before, last_ctx.end()) is None


def _near_ok(c: _Compiled, text: str, start: int, end: int) -> bool:
    if c.near is None:
        return True
    w = c.rule.near_window
    return c.near.search(text[max(0, start - w):end + w]) is not None


def stale_spans(folded: str, *, template: str = "", as_of: date, rules: CitationRules | None = None) -> list[tuple[CitationRule, int, int]]:
    """(rule, start, end) of every stale citation in ``folded`` (an answer of item ``template``, folded)."""
    hits: list[tuple[CitationRule, int, int]] = []
    for c in _compiled(rules or citation_rules()):
        if as_of < c.rule.effective or template in c.skip or (c.items and template not in c.items):
            continue
        for m in c.pattern.finditer(folded):
            if _context_ok(c, folded, m.start()) and _near_ok(c, folded, m.start(), m.end()):
                hits.append((c.rule, m.start(), m.end()))
    return hits


def find_stale(text: str, *, template: str = "", as_of: date, rules: CitationRules | None = None) -> list[tuple[CitationRule, str]]:
    """(rule, matched text) for every stale citation in ``text`` (an answer of item ``template``)."""
    folded = fold_text(text)
    return [(r, folded[s:e]) for r, s, e in stale_spans(folded, template=template, as_of=as_of, rules=rules)]


def citation_hits(view: DocView, as_of: date, rules: CitationRules | None = None) -> list[CitationHit]:
    out: list[CitationHit] = []
    for address, text, _item in iter_text_values(view.form, view.doc):
        template = parse_address(address).template
        for r, snippet in find_stale(text, template=template, as_of=as_of, rules=rules):
            out.append(CitationHit(r, address, snippet))
    return out


def citation_findings(view: DocView, as_of: date, rules: CitationRules | None = None) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for hit in citation_hits(view, as_of, rules):
        key = (hit.rule.id, hit.address, hit.snippet)
        if key in seen:
            continue
        seen.add(key)
        message = f"「{hit.snippet}」：{hit.rule.message} 提案：{hit.rule.suggestion}"
        findings.append(Finding(hit.rule.severity, f"cite:{hit.rule.id}", hit.address, view.path(hit.address), message))
    return findings

"""Limits a document must keep before anything walks it (README「読み込みの上限」).

Every count, list and string read from a file or a store row is checked here first: a
``repeat_counts`` entry of 10⁹ would otherwise make every traversal of the document run until the
machine runs out of memory, and a lone surrogate ("\\ud800", valid JSON) would end in a traceback
wherever the text is written. The limits come from the form (each repeating group's ``max``) and,
for what the form leaves open, from what real 評価書 need with a wide margin (seed 003, a 全項目
with 82 変更箇所 rows and 574 answers, is far inside every one of them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pia_desktop.domain.addresses import parse_address
from pia_desktop.domain.document import MAX_FILES, CheckValue, Document
from pia_desktop.domain.errors import DocumentFormatError, PiaError

# Groups the form leaves unbounded (max: null): 別添1's item groups per file, 別添2/3's table rows.
UNBOUNDED_GROUP_CAPS = {"annex1.group[]": 200, "annex2.row[]": 1000}
DEFAULT_GROUP_CAP = 1000  # a group of a form this version does not know
MAX_VALUES = 50_000  # answers in one document (a 全項目 with 50 files holds ~15,000)
MAX_COUNTS = 5_000  # repeat_counts entries
MAX_NON_PUBLIC = MAX_VALUES
MAX_REVIEWS = 1_000
MAX_KEY_CHARS = 200  # an address ("II(12).4.itaku[20].3" is 20)
MAX_TEXT_CHARS = 100_000  # one answer (the longest in the seeds is ~2,300)
MAX_CHECKS = 200  # ticked boxes / details of one check-item set

_SURROGATE = re.compile("[\ud800-\udfff]")


class LimitError(DocumentFormatError):
    """The document breaks a limit (or holds text no file can store); the message names the item."""


def _text_problem(text: str, limit: int = MAX_TEXT_CHARS) -> str | None:
    if len(text) > limit:
        return f"文字数が上限（{limit:,} 字）を超えています（{len(text):,} 字）"
    if _SURROGATE.search(text):
        return "文字として表せない符号（対になっていないサロゲート）が含まれています"
    return None


def _group_cap(form_caps: dict[str, int] | None, key: str) -> int:
    try:
        template = parse_address(key + "[]").template
    except Exception:  # a key that is no address: the largest cap (validation names it)
        return DEFAULT_GROUP_CAP
    if form_caps is None:
        return max(UNBOUNDED_GROUP_CAPS.get(template, DEFAULT_GROUP_CAP), DEFAULT_GROUP_CAP)
    return form_caps.get(template, DEFAULT_GROUP_CAP)


def group_caps(form_id: str) -> dict[str, int] | None:
    """Each repeating group's upper bound: the form's ``max``, or the stated cap where it has none."""
    from pia_desktop.domain.form_definition import load_form

    try:
        form = load_form(form_id)
    except PiaError:
        return None
    caps = {}
    for item in form.iter_items():
        if item.repeat is not None:
            caps[item.id] = item.repeat.max if item.repeat.max is not None else UNBOUNDED_GROUP_CAPS.get(item.id, DEFAULT_GROUP_CAP)
    return caps


def problems(doc: Document) -> Iterable[tuple[str, str]]:
    """(item, why) for every limit ``doc`` breaks, the cheap sizes first (nothing is walked before
    its size is known to be small)."""
    if len(doc.values) > MAX_VALUES:
        yield "values", f"記載が {len(doc.values):,} 件あり、上限（{MAX_VALUES:,} 件）を超えています"
        return
    if len(doc.repeat_counts) > MAX_COUNTS:
        yield "repeat_counts", f"繰り返し項目が {len(doc.repeat_counts):,} 件あり、上限（{MAX_COUNTS:,} 件）を超えています"
        return
    if len(doc.non_public) > MAX_NON_PUBLIC:
        yield "non_public", f"非公表の指定が {len(doc.non_public):,} 件あり、上限（{MAX_NON_PUBLIC:,} 件）を超えています"
        return
    if len(doc.reviews) > MAX_REVIEWS:
        yield "reviews", f"見直しの記録が {len(doc.reviews):,} 件あり、上限（{MAX_REVIEWS:,} 件）を超えています"
        return
    if not 1 <= doc.file_count <= MAX_FILES:  # a store row is not converted: check what the exchange format checks
        yield "file_count", f"特定個人情報ファイルの数 {doc.file_count} は範囲外です（1～{MAX_FILES}）"
    for name in ("form_id", "status"):
        why = _text_problem(getattr(doc, name), MAX_KEY_CHARS)
        if why:
            yield name, why
    caps = group_caps(doc.form_id)
    for key, n in doc.repeat_counts.items():
        why = _text_problem(key, MAX_KEY_CHARS)
        if why:
            yield _shown(key), why
            continue
        cap = _group_cap(caps, key)
        if n > cap:
            yield key, f"件数 {_count_text(n)} は上限（{cap:,} 件）を超えています"
    for address, value in doc.values.items():
        why = _text_problem(address, MAX_KEY_CHARS)
        if why:
            yield _shown(address), "項目ID: " + why
            continue
        why = _value_problem(value)
        if why:
            yield address, why
    for address in doc.non_public:
        why = _text_problem(address, MAX_KEY_CHARS)
        if why:
            yield "non_public", f"{_shown(address)}: {why}"
    if doc.threshold is not None and doc.threshold.taisho_kubun is not None:
        why = _text_problem(doc.threshold.taisho_kubun, MAX_KEY_CHARS)
        if why:
            yield "threshold/taisho_kubun", why
    for i, review in enumerate(doc.reviews, start=1):
        for text in (review.reviewer, review.note):
            why = _text_problem(text)
            if why:
                yield f"reviews/{i}", why


def _value_problem(value: object) -> str | None:
    if isinstance(value, str):
        return _text_problem(value)
    if isinstance(value, CheckValue):
        if len(value.checked) > MAX_CHECKS or len(value.details) > MAX_CHECKS:
            return f"チェック項目が上限（{MAX_CHECKS} 件）を超えています"
        for text in (*value.checked, *value.details.keys(), *value.details.values()):
            why = _text_problem(text)
            if why:
                return why
    return None


def _count_text(n: int) -> str:
    digits = str(n) if abs(n) < 10**30 else f"{str(n)[:6]}…（{len(str(abs(n)))} 桁）"
    return digits


def _shown(text: str) -> str:
    """A key as a message may show it: surrogates escaped, long keys cut."""
    shown = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return shown if len(shown) <= 60 else shown[:60] + "…"


def check_document(doc: Document, source: str) -> Document:
    """``doc`` when it keeps every limit; else LimitError naming ``source`` and the first item."""
    found = next(iter(problems(doc)), None)
    if found is not None:
        item, why = found
        raise LimitError(f"{source} の「{item}」を読み込めません: {why}")
    return doc

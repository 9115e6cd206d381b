"""取扱者数 as a 評価書 suggests it: the sum of the brackets of Ⅱ３④使用者数 and each 委託事項② (取扱者数),
or the form's own answer where it asks the question (基礎 Ⅱ２「500人以上か」).

People may be counted twice (one 委託先's 委託事項, several files), so the estimate is a range.
"""

from __future__ import annotations

from dataclasses import dataclass

from pia_desktop.domain.addresses import format_address, group_key
from pia_desktop.domain.brackets import Range, parse_bracket
from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.docview import DocView, fold


@dataclass(frozen=True, slots=True)
class StaffPart:
    address: str
    label: str  # short printed name of the item
    bracket: str  # the chosen option ("10人以上50人未満"), "" when unanswered
    range: Range | None


@dataclass(frozen=True, slots=True)
class StaffEstimate:
    """取扱者数 suggested by the brackets of Ⅱ３④使用者数 and each 委託事項②."""

    parts: tuple[StaffPart, ...]
    total: Range | None  # None when no bracket is answered
    note: str

    @property
    def missing(self) -> list[StaffPart]:
        return [p for p in self.parts if p.range is None]


def _entrusted(view: DocView, file: int | None) -> list[tuple[str, str]]:
    """(取扱者数, 委託先名) addresses of the filled 委託事項 that apply, for one file."""
    roles = view.form.roles
    if not roles.entrusted_staff:
        return []
    group_tpl = roles.entrusted_staff.rsplit("[]", 1)[0] + "[]"
    group = group_key(group_tpl, file, ())
    out = []
    for n in view.filled_entries(group):
        staff = format_address(roles.entrusted_staff, file, (n,))
        if not_applicable_reason(view.form, view.doc, staff):
            continue  # 委託しない
        name = format_address(roles.contractor, file, (n,)) if roles.contractor else ""
        out.append((staff, name))
    return out


def estimate_staff(view: DocView) -> StaffEstimate:
    """Sum the brackets. 委託事項 of one 委託先 may share staff, and so may the files: for those the sum
    is only the upper bound and the largest bracket the lower bound. Where the form asks the question
    itself (基礎 Ⅱ２「500人以上か」), its answer is the estimate."""
    roles = view.form.roles
    if roles.handlers:
        part = _part(view, roles.handlers)
        return StaffEstimate((part,), part.range, "")
    parts: list[StaffPart] = []
    per_file: list[Range] = []
    per_file_section = bool(roles.users) and view.form.section_of(roles.users or "").per_file
    for f in view.files() if per_file_section else [None]:
        if not roles.users:
            break
        own = _part(view, format_address(roles.users, f))
        parts.append(own)
        file_total = own.range
        by_contractor: dict[str, list[Range]] = {}
        for n, (staff_addr, name_addr) in enumerate(_entrusted(view, f), 1):
            p = _part(view, staff_addr)
            parts.append(p)
            if p.range is not None:
                key = (fold(view.text(name_addr)) if name_addr else "") or f"#{n}"
                by_contractor.setdefault(key, []).append(p.range)
        for ranges in by_contractor.values():
            merged = _union(ranges)
            file_total = merged if file_total is None else file_total + merged
        if file_total is not None:
            per_file.append(file_total)
    total = _union(per_file) if per_file else None
    notes = []
    if any(len(v) > 1 for v in _contractor_groups(view).values()):
        notes.append("同じ委託先の委託事項は取扱者が重なり得るため、最も大きい区分を下限、合計を上限としています")
    if view.doc.file_count > 1:
        notes.append("複数のファイルは取扱者が重なり得るため、最も大きいファイルを下限、合計を上限としています")
    return StaffEstimate(tuple(parts), total, "。".join(notes))


def _contractor_groups(view: DocView) -> dict[tuple[int | None, str], list[str]]:
    groups: dict[tuple[int | None, str], list[str]] = {}
    for f in view.files():
        for staff_addr, name_addr in _entrusted(view, f):
            key = fold(view.text(name_addr)) if name_addr else ""
            if key:
                groups.setdefault((f, key), []).append(staff_addr)
    return groups


def _union(ranges: list[Range]) -> Range:
    """People in possibly overlapping groups: at least the largest group, at most all of them."""
    total = ranges[0]
    for r in ranges[1:]:
        total = total + r
    return Range(max(r.lo for r in ranges), total.hi)


def _part(view: DocView, address: str) -> StaffPart:
    text = view.text(address)
    return StaffPart(address, view.name(address), text, parse_bracket(text) if text else None)

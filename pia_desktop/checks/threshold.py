"""しきい値判断: which assessment the 指針 requires, from 対象人数, 取扱者数 and 重大事故.

``decide`` is the pure calculator over the decision table in forms/rules/thresholds.yaml. Inputs may
be exact numbers or ranges (the brackets of Ⅰ１③, the sum of the Ⅱ３④/Ⅱ４② brackets) and the
重大事故 answer may be unknown; the judgement then lists every result the inputs still allow.

``judge_document`` derives the inputs from a 評価書 (the form's roles name the items: 対象人数, the
取扱者数 question or the brackets it is estimated from, the 重大事故 answers) and ``threshold_findings``
compares the result with the form's しきい値判断結果 (重点 Ⅴ１②, 全項目 Ⅵ１②, 基礎 Ⅲ).
"""

from __future__ import annotations

from dataclasses import dataclass

from pia_desktop.checks.brackets import Range, parse_bracket
from pia_desktop.checks.docview import DocView, fold
from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.rules_data import ThresholdResultDef, ThresholdRow, ThresholdRules, threshold_rules
from pia_desktop.domain.addresses import format_address, group_key
from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.form_definition import FormDefinition


def role_addresses(form: FormDefinition, template: str | None, files: range) -> list[str]:
    """The concrete addresses of a role's (non-repeating) item: one per file in a per-file section."""
    if not template:
        return []
    if form.section_of(template).per_file:
        return [format_address(template, f) for f in files]
    return [template]


def jiko_addresses(view: DocView) -> list[str]:
    return role_addresses(view.form, view.form.roles.jiko, view.files())


def result_address(view: DocView) -> str:
    return view.form.roles.threshold_result or ""


SIDE_TEXT = {"lt": "未満", "ge": "以上", "any": "問わない"}
JIKO_TEXT = {"ari": "あり", "nashi": "なし", "any": "問わない"}


@dataclass(frozen=True, slots=True)
class Cell:
    """One combination of the table's conditions that the inputs allow, and the row that decides it."""

    taisho: Range
    side: str  # "lt" | "ge": 取扱者数 below / at least the boundary
    jiko: bool
    row: ThresholdRow
    result: ThresholdResultDef


@dataclass(frozen=True, slots=True)
class Judgement:
    taisho: Range
    toriatsukai: Range
    jiko: bool | None
    cells: tuple[Cell, ...]
    rules: ThresholdRules

    @property
    def results(self) -> list[ThresholdResultDef]:
        """The distinct results the inputs allow, in the order of the rule file."""
        ids = {c.result.id for c in self.cells}
        return [r for r in self.rules.results if r.id in ids]

    @property
    def determined(self) -> bool:
        return len(self.results) == 1

    @property
    def result(self) -> ThresholdResultDef | None:
        return self.results[0] if self.determined else None

    @property
    def rows(self) -> list[ThresholdRow]:
        seen: dict[str, ThresholdRow] = {}
        for c in self.cells:
            seen.setdefault(c.row.id, c.row)
        return list(seen.values())

    def explain(self) -> list[str]:
        """The computation in words: inputs, rule(s) applied, result."""
        b = self.rules.toriatsukai_boundary
        jiko = "不明" if self.jiko is None else ("あり" if self.jiko else "なし")
        lines = [
            f"対象人数：{self.taisho.text()}",
            f"取扱者数：{self.toriatsukai.text()}（{b:,}人{_side_of(self.toriatsukai, b)}）",
            f"{self.rules.jiko_label}：{jiko}",
        ]
        for row in self.rows:
            lines.append(f"適用した基準 {row.id}：{row_condition(row, b)} → {self.rules.result(row.result).label}")
        if self.determined:
            assert self.result is not None
            lines.append(f"結果：{self.result.label}")
        else:
            lines.append("結果：入力からは一つに決まりません（" + "、".join(r.label for r in self.results) + "のいずれか）")
        return lines


def _side_of(r: Range, boundary: int) -> str:
    if r.below(boundary):
        return "未満"
    if r.at_least(boundary):
        return "以上"
    return "未満か以上か不明"


def row_condition(row: ThresholdRow, boundary: int) -> str:
    taisho = Range(row.taisho_min, row.taisho_max).text()
    parts = [f"対象人数 {taisho}"]
    if row.toriatsukai != "any":
        parts.append(f"取扱者数 {boundary:,}人{SIDE_TEXT[row.toriatsukai]}")
    if row.jiko != "any":
        parts.append(f"重大事故 {JIKO_TEXT[row.jiko]}")
    return "、".join(parts)


def _as_range(value: int | Range) -> Range:
    return Range.exact(value) if isinstance(value, int) else value


def _matches(row: ThresholdRow, taisho: int, side: str, jiko: bool) -> bool:
    if taisho < row.taisho_min or (row.taisho_max is not None and taisho >= row.taisho_max):
        return False
    if row.toriatsukai != "any" and row.toriatsukai != side:
        return False
    return row.jiko == "any" or (row.jiko == "ari") == jiko


class ThresholdTableError(ValueError):
    pass


def decide(taisho: int | Range, toriatsukai: int | Range, jiko: bool | None, rules: ThresholdRules | None = None) -> Judgement:
    """The results the decision table gives for the inputs (exact numbers, ranges, 重大事故 or None)."""
    rules = rules or threshold_rules()
    t_range, s_range = _as_range(taisho), _as_range(toriatsukai)
    b = rules.toriatsukai_boundary
    cuts = sorted({r.taisho_min for r in rules.rows} | {r.taisho_max for r in rules.rows if r.taisho_max is not None})
    bands = [Range(lo, hi) for lo, hi in zip(cuts, [*cuts[1:], None], strict=True)]
    if cuts and cuts[0] > 0:
        bands.insert(0, Range(0, cuts[0]))
    sides = [s for s, ok in (("lt", s_range.intersects(0, b)), ("ge", s_range.intersects(b, None))) if ok]
    jikos = [True, False] if jiko is None else [jiko]
    cells: list[Cell] = []
    for band in bands:
        if not t_range.intersects(band.lo, band.hi):
            continue
        probe = max(band.lo, t_range.lo)
        part = Range(probe, _min_hi(band.hi, t_range.hi))
        for side in sides:
            for j in jikos:
                row = next((r for r in rules.rows if _matches(r, probe, side, j)), None)
                if row is None:
                    raise ThresholdTableError(f"しきい値の判断基準に該当する行がありません（対象人数 {probe:,}人、取扱者数 {b:,}人{SIDE_TEXT[side]}、重大事故 {'あり' if j else 'なし'}）")
                cells.append(Cell(part, side, j, row, rules.result(row.result)))
    return Judgement(t_range, s_range, jiko, tuple(cells), rules)


def _min_hi(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else min(a, b)


def result_for_v12(stated_text: str, rules: ThresholdRules | None = None, kind: str = "juten") -> ThresholdResultDef | None:
    """The result that the option ``stated_text`` of a form of ``kind`` states."""
    rules = rules or threshold_rules()
    return next((r for r in rules.results if stated_text and r.stated_on(kind) == stated_text), None)


# -- inputs from a 評価書 -----------------------------------------------------------------------------


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


def taisho_range(view: DocView) -> Range | None:
    text = view.text(view.form.roles.target_count or "")
    return parse_bracket(text) if text else None


def jiko_from_iii7(view: DocView) -> bool | None:
    """What the form tells about the しきい値's 重大事故. The しきい値's own question (基礎 Ⅱ３) answers it;
    Ⅲ７ (個人情報, 3 years) 発生なし everywhere rules it out (no accident on 個人情報 in 3 years means
    none on 特定個人情報 in 1 year), and 発生あり there tells nothing certain."""
    own = view.text(view.form.roles.threshold_jiko or "")
    if own in ("発生あり", "発生なし"):
        return own == "発生あり"
    answers = [view.text(a) for a in jiko_addresses(view)]
    answers = [a for a in answers if a]
    if answers and all(a == "発生なし" for a in answers):
        return False
    return None


@dataclass(frozen=True, slots=True)
class DocumentJudgement:
    taisho: Range | None
    staff: StaffEstimate
    jiko_inferred: bool | None
    judgement: Judgement | None  # with 重大事故 as inferred from Ⅲ７②
    judgement_unknown_jiko: Judgement | None  # with 重大事故 unknown
    v12: str
    jiko_source: str = ""  # the short name of the item the 重大事故 answer comes from


def judge_document(view: DocView, rules: ThresholdRules | None = None) -> DocumentJudgement:
    rules = rules or threshold_rules()
    taisho = taisho_range(view)
    staff = estimate_staff(view)
    jiko = jiko_from_iii7(view)
    # the form's own answer to the しきい値's question (基礎 Ⅱ３) is certain; Ⅲ７'s 発生なし is an inference
    answered = view.text(view.form.roles.threshold_jiko or "") in ("発生あり", "発生なし")
    judgement = unknown = None
    if taisho is not None:
        staff_range = staff.total if staff.total is not None and not staff.missing else Range(staff.total.lo if staff.total else 0, None)
        judgement = decide(taisho, staff_range, jiko, rules)
        unknown = judgement if jiko is None or answered else decide(taisho, staff_range, None, rules)
    source = view.form.roles.threshold_jiko if answered else next(iter(jiko_addresses(view)), None)
    return DocumentJudgement(taisho, staff, jiko, judgement, unknown, view.text(result_address(view)),
                             view.name(source) if source and jiko is not None else "")


def needs_recheck(view: DocView, rules: ThresholdRules | None = None) -> ThresholdResultDef | None:
    """When Ⅲ７② is 発生あり and an accident within the しきい値's terms would change the result that
    Ⅴ１② states: the result it would change to (for the wizard's prompt), else None."""
    rules = rules or threshold_rules()
    answers = {view.text(a) for a in jiko_addresses(view)}
    if "発生あり" not in answers:
        return None
    dj = judge_document(view, rules)
    stated = result_for_v12(dj.v12, rules, view.form.roles.kind)
    if dj.judgement_unknown_jiko is None or stated is None:
        return None
    with_jiko = {c.result.id: c.result for c in dj.judgement_unknown_jiko.cells if c.jiko}
    without = {c.result.id for c in dj.judgement_unknown_jiko.cells if not c.jiko}
    if stated.id in without and stated.id not in with_jiko:
        return next(iter(with_jiko.values()), None)
    return None


# -- findings -------------------------------------------------------------------------------------------


def staff_text(staff: StaffEstimate) -> str:
    if staff.total is None:
        return "区分が未回答"
    text = staff.total.text() if not staff.missing else f"{staff.total.lo:,}人以上（未回答の区分あり）"
    return text


def basis_text(dj: DocumentJudgement) -> str:
    assert dj.taisho is not None
    jiko = {False: "なし", True: "あり"}.get(dj.jiko_inferred, "不明")  # type: ignore[arg-type]
    if dj.jiko_inferred is False and dj.jiko_source:
        jiko += f"（{dj.jiko_source}が「発生なし」のため）"
    return f"対象人数 {dj.taisho.text()}、取扱者数 {staff_text(dj.staff)}、過去1年以内の特定個人情報に関する重大事故 {jiko}"


def threshold_findings(view: DocView, emit: Emitter, rules: ThresholdRules | None = None) -> DocumentJudgement:
    rules = rules or threshold_rules()
    dj = judge_document(view, rules)
    j, ju = dj.judgement, dj.judgement_unknown_jiko
    if j is None or ju is None:
        return dj
    basis = basis_text(dj)
    kind = view.form.roles.kind
    v12_item = result_address(view)
    if j.determined and j.result is not None and j.result.wrong_form(kind):
        emit("th-zenkomoku", v12_item, basis=basis)
        return dj
    stated = result_for_v12(dj.v12, rules, kind)
    if stated is None:
        return dj
    labels = "」又は「".join
    if stated.id not in {r.id for r in ju.results}:
        emit("th-v12-mismatch", v12_item, v12=view.name(v12_item), v12_value=dj.v12, expected=labels(r.label for r in ju.results), basis=basis)
        return dj
    if stated.id not in {r.id for r in j.results}:
        emit("th-v12-mismatch-inferred", v12_item, v12=view.name(v12_item), v12_value=dj.v12, expected=labels(r.label for r in j.results), basis=basis)
        return dj
    changed = needs_recheck(view, rules)
    if changed is not None:
        first = next(a for a in jiko_addresses(view) if view.text(a) == "発生あり")
        emit("th-jiko-recheck", first, jiko=view.name(first), if_jiko=changed.label)
    # Warn only when Ⅴ１② is right on one side of the 500 boundary and wrong on the other.
    by_side: dict[str, set[str]] = {}
    for c in j.cells:
        by_side.setdefault(c.side, set()).add(c.result.id)
    if len(by_side) == 2 and any(stated.id not in ids for ids in by_side.values()):
        target = dj.staff.parts[0].address if dj.staff.parts else v12_item
        emit("th-toriatsukai-uncertain", target, estimate=staff_text(dj.staff), results=labels(r.label for r in j.results))
    return dj

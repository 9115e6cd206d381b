"""The しきい値判断 of a 評価書: the inputs its answers give and the judgement they lead to.

The form's roles name the items: 対象人数 (``target_count``), the 取扱者数 question or the brackets it is
estimated from (``domain.threshold.staff``), the 重大事故 answers, and the しきい値判断結果 the form states
(重点 Ⅴ１②, 全項目 Ⅵ１②, 基礎 Ⅲ).
"""

from __future__ import annotations

from dataclasses import dataclass

from pia_desktop.domain.addresses import format_address
from pia_desktop.domain.brackets import Range, parse_bracket
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.threshold.decision import Judgement, decide, result_for_v12
from pia_desktop.domain.threshold.staff import StaffEstimate, estimate_staff
from pia_desktop.domain.threshold.table import ThresholdResultDef, ThresholdRules, threshold_rules


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

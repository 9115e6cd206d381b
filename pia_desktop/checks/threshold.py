"""しきい値判断 findings: the result a 評価書's answers lead to against the result the form states
(重点 Ⅴ１②, 全項目 Ⅵ１②, 基礎 Ⅲ).

The calculator and the inputs read from the 評価書 are the domain's (``domain.threshold``); this module
words the differences as findings of forms/rules/review-rules.yaml (``th-*``).
"""

from __future__ import annotations

from pia_desktop.checks.emit import Emitter
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.threshold.decision import result_for_v12
from pia_desktop.domain.threshold.document_judgement import (
    DocumentJudgement,
    jiko_addresses,
    judge_document,
    needs_recheck,
    result_address,
)
from pia_desktop.domain.threshold.staff import StaffEstimate
from pia_desktop.domain.threshold.table import ThresholdRules, threshold_rules


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

"""What the しきい値判断 page says: the computation as HTML (inputs, the rules of
forms/rules/thresholds.yaml applied, the result, Ⅴ１② compared), the staff estimate, the note on ③, and
the open 評価書's own names for the items it points into (Ⅰ１③, Ⅱ３④, Ⅴ１②…).

Text only: the page (``ui/checks/threshold_page.py``) holds the inputs and shows what these return.
"""

from __future__ import annotations

import re
from html import escape

from pia_desktop.domain.document import Document
from pia_desktop.domain.docview import DocView, short_name
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.threshold.decision import Judgement, result_for_v12, row_condition
from pia_desktop.domain.threshold.document_judgement import jiko_addresses, needs_recheck, result_address
from pia_desktop.domain.threshold.staff import StaffEstimate
from pia_desktop.domain.threshold.table import KIND_NAMES, ThresholdResultDef, ThresholdRules

GENERIC_JIKO_MARK = "Ⅲ７②"  # how forms/rules/thresholds.yaml's note names the 重点's 3-year question
_MARK = re.compile(r"^([ⅠⅡⅢⅣⅤⅥⅦ]+)\s*(?:（\d+）|\(\d+\))?\s*([０-９0-9]+)?[．.]?\s*([①-⑳])?")
COLOR_ERROR = "#b3261e"
COLOR_OK = "#2e6b34"


def item_mark(name: str) -> str:
    """"Ⅰ１．③対象人数" → "Ⅰ１③", "Ⅱ１．評価対象の…" → "Ⅱ１", "Ⅲ しきい値判断結果" → "Ⅲ"."""
    m = _MARK.match(name)
    return "".join(g for g in m.groups() if g) if m else name


def jiko_note(rules: ThresholdRules, form: FormDefinition | None) -> str:
    """The note on ③, naming the form's own 3-year 個人情報 question (重点 Ⅲ７②, 全項目 Ⅲ７⑨) or
    saying that the 基礎's own Ⅱ３ is this very question."""
    note = rules.jiko_note
    sentences = [t + "。" for t in note.split("。") if t]
    other = [t for t in sentences if GENERIC_JIKO_MARK in t]
    kept = [t for t in sentences if GENERIC_JIKO_MARK not in t]
    if form is None or not other:
        return "".join(kept)
    roles = form.roles
    if roles.jiko:
        kept.insert(1, other[0].replace(GENERIC_JIKO_MARK, item_mark(short_name(form, roles.jiko))))
    elif roles.threshold_jiko:
        kept.insert(1, f"この評価書の{item_mark(short_name(form, roles.threshold_jiko))}と同じ問いです。")
    return "".join(kept)


def estimate_text(est: StaffEstimate) -> str:
    """取扱者数 as the 評価書 gives it: each bracket, then their sum."""
    parts = [f"{p.label}：{p.bracket or '未回答'}" for p in est.parts]
    total = "区分が未回答です" if est.total is None else f"合計 {est.total.text()}"
    if est.missing and est.total is not None:
        total = f"合計 {est.total.lo:,}人以上（未回答の区分があります）"
    lines = [*parts, total]
    if est.note:
        lines.append(f"（{est.note}）")
    return "\n".join(lines)


def required_names(result: ThresholdResultDef) -> str:
    return "及び".join(KIND_NAMES[k] for k in result.requires) or "評価書"


# -- what the 評価書 says ------------------------------------------------------------------------------


def result_name(form: FormDefinition | None, doc: Document | None) -> str:
    """The name of the item that states the result (Ⅴ１② …)."""
    if form is None or doc is None or not form.roles.threshold_result:
        return "しきい値判断結果"
    return DocView(form, doc).name(result_address(DocView(form, doc)))


def jiko_name(form: FormDefinition | None, doc: Document | None) -> str:
    if form is None or doc is None:
        return "重大事故の項目"
    view = DocView(form, doc)
    found = jiko_addresses(view)
    return view.name(found[0]) if found else "重大事故の項目"


def stated_result(form: FormDefinition | None, doc: Document | None) -> str:
    """The result the 評価書 states (the option chosen in Ⅴ１②), or ""."""
    if form is None or doc is None:
        return ""
    view = DocView(form, doc)
    return view.text(result_address(view))


def recheck_text(form: FormDefinition | None, doc: Document | None, rules: ThresholdRules, jiko: bool | None) -> str:
    """While ③ is 未確認: the warning that an accident of the past year would change the result."""
    if form is None or doc is None or jiko is not None:
        return ""
    changed = needs_recheck(DocView(form, doc), rules)
    if changed is None:
        return ""
    return f"{jiko_name(form, doc)}が「発生あり」です。過去1年以内に特定個人情報に関する重大事故があった場合、結果は「{changed.label}」に変わります。③を確認してください。"


# -- the computation -----------------------------------------------------------------------------------


def judgement_html(j: Judgement, rules: ThresholdRules, kind: str, stated: str, name: str | None) -> str:
    """The computation for a form of ``kind``; ``stated`` is what the 評価書's item ``name`` says
    (``name`` None: no 評価書, nothing to compare)."""
    b = rules.toriatsukai_boundary
    rows = "".join(f"<li>{escape(line)}</li>" for line in j.explain()[:3])
    applied = "".join(
        f"<li><b>{escape(r.id)}</b>：{escape(row_condition(r, b))} → {escape(rules.result(r.result).label)}"
        f"<br><small>{escape(r.evidence)}</small></li>"
        for r in j.rows
    )
    if j.result is not None:
        wrong = j.result.wrong_form(kind)
        color = COLOR_ERROR if wrong else COLOR_OK
        result = f"<p style='color:{color}'><b>結果：{escape(j.result.label)}</b></p>"
        if wrong:
            result += f"<p style='color:{COLOR_ERROR}'><b>{escape(KIND_NAMES[kind])}は使えません。</b>{escape(j.result.note)}</p>"
    else:
        choices = "」又は「".join(r.label for r in j.results)
        result = f"<p><b>結果：入力からは一つに決まりません（「{escape(choices)}」）。</b>人数を入力するか、③を確認してください。</p>"
    compare = ""
    if name is not None:
        stated_def = result_for_v12(stated, rules, kind) if stated else None
        name = escape(name)
        if not stated:
            compare = f"<p>{name}：未記入</p>"
        elif j.result is not None and stated_def is not None and stated_def.id == j.result.id:
            compare = f"<p style='color:{COLOR_OK}'>{name}：{escape(stated)}（計算結果と一致）</p>"
        elif stated_def is not None and stated_def.id in {r.id for r in j.results}:
            compare = f"<p>{name}：{escape(stated)}（入力によってはこの結果になります）</p>"
        else:
            compare = f"<p style='color:{COLOR_ERROR}'>{name}：{escape(stated)}（計算結果と異なります）</p>"
    return (f"<h3>入力</h3><ul>{rows}</ul><h3>適用した基準</h3><ul>{applied}</ul>{result}{compare}"
            f"<p><small>判断基準：{escape(rules.version)}（forms/rules/thresholds.yaml）</small></p>")

"""The 評価書 of one 事務, as the しきい値判断 requires them (基礎 alone, 基礎 + 重点, 基礎 + 全項目).

The result's ``requires`` and ``allows`` (forms/rules/thresholds.yaml) name kinds of 評価書; the form
files say which kind they are (``roles.kind``), so no form id appears here. ``new_set`` makes the blank
documents, with the 評価書名 and the しきい値 answers the forms have roles for already filled in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pia_desktop.domain.addresses import group_key
from pia_desktop.domain.brackets import Range, parse_bracket
from pia_desktop.domain.document import Document, ThresholdInputs
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, ItemType, available_forms, load_form
from pia_desktop.domain.set_items import SetTableError, set_table
from pia_desktop.domain.threshold.decision import Judgement, decide
from pia_desktop.domain.threshold.document_judgement import jiko_from_iii7, taisho_range
from pia_desktop.domain.threshold.staff import estimate_staff
from pia_desktop.domain.threshold.table import KIND_NAMES, ThresholdResultDef, threshold_rules

KIND_ORDER = ("kiso", "juten", "zen")  # 基礎 is made first; 重点 and 全項目 add to it
SHORT_KIND = {"kiso": "基礎", "juten": "重点", "zen": "全項目"}
TITLE_SEPARATOR = "　"


def new_document(form_id: str, file_count: int) -> Document:
    """An empty 評価書 with the entries the form requires at least (システム1, 別添1 の項目グループ1)."""
    form = load_form(form_id)
    doc = Document(form_id=form_id, file_count=file_count)
    for item in form.iter_items():
        if item.type != ItemType.GROUP or item.repeat is None or not item.repeat.min or item.id.count("[]") != 1:
            continue
        files = range(1, file_count + 1) if form.section_of(item.id).per_file else [None]
        for f in files:
            doc.set_count(group_key(item.id, f, ()), item.repeat.min)
    return doc


# -- which forms ----------------------------------------------------------------------------------------


def forms_by_kind() -> dict[str, str]:
    """kind → form id of the forms that load (the newest revision when a kind has several)."""
    found: dict[str, str] = {}
    for form_id in available_forms():  # sorted: a later revision replaces an earlier one
        try:
            found[load_form(form_id).roles.kind] = form_id
        except PiaError:  # a broken form file must not hide the others
            continue
    return found


def kind_of(form_id: str) -> str:
    return load_form(form_id).roles.kind


def forms_for_kinds(kinds: Iterable[str]) -> list[str]:
    """The form ids for the kinds, in the order they are made; a kind with no form file raises."""
    by_kind = forms_by_kind()
    out = []
    for kind in sorted(kinds, key=KIND_ORDER.index):
        if kind not in by_kind:
            raise PiaError(f"{KIND_NAMES.get(kind, kind)}の様式定義ファイルが forms/ にありません")
        out.append(by_kind[kind])
    return out


def forms_for_result(result_id: str) -> list[str]:
    """The forms the しきい値判断結果 ``result_id`` requires (none for 義務付けられない)."""
    return forms_for_kinds(threshold_rules().result(result_id).requires)


# -- the sets a result permits ----------------------------------------------------------------------------

SetStatus = Literal["required", "voluntary", "refused", "unavailable"]


@dataclass(frozen=True)
class SetChoice:
    """One set of 評価書 the user may (or may not) make for a しきい値判断結果."""

    kinds: tuple[str, ...]
    status: SetStatus
    reason: str = ""  # why it is refused or unavailable

    @property
    def label(self) -> str:
        return "＋".join(KIND_NAMES[k] for k in self.kinds) + ("のみ" if self.kinds == ("kiso",) else "")

    @property
    def allowed(self) -> bool:
        return self.status in ("required", "voluntary")

    def form_ids(self) -> list[str]:
        return forms_for_kinds(self.kinds)


def _set_of(top: str) -> tuple[str, ...]:
    """A 重点 or 全項目 is made together with the 基礎項目評価書."""
    return ("kiso",) if top == "kiso" else ("kiso", top)


def set_choices(result_id: str) -> list[SetChoice]:
    """基礎のみ, 基礎＋重点, 基礎＋全項目 for the result: the one it requires, the voluntary upgrades it
    allows, and the others refused with the result's note (a 重点 where 全項目 is required)."""
    result = threshold_rules().result(result_id)
    available = forms_by_kind()
    required = tuple(sorted(result.requires, key=KIND_ORDER.index))
    top_required = required[-1] if required else None
    out: list[SetChoice] = []
    for top in KIND_ORDER:
        kinds = _set_of(top)
        missing = [KIND_NAMES[k] for k in kinds if k not in available]
        if kinds == required:
            status: SetStatus = "required"
        elif (top in result.allows or top in result.requires) and (
            top_required is None or KIND_ORDER.index(top) > KIND_ORDER.index(top_required)
        ):
            status = "voluntary"
        else:
            status = "refused"
        reason = ""
        if status == "refused":
            reason = refusal_reason(result, top)
        elif missing:
            status, reason = "unavailable", f"{'・'.join(missing)}の様式定義ファイルがありません"
        out.append(SetChoice(kinds, status, reason))
    return out


def refusal_reason(result: ThresholdResultDef, kind: str) -> str:
    """Why a 評価書 of ``kind`` does not satisfy the result."""
    if result.wrong_form(kind) and result.note:
        return result.note
    if result.wrong_form(kind):
        return f"しきい値判断結果「{result.label}」では{KIND_NAMES[kind]}は作成できません"
    needed = "及び".join(KIND_NAMES[k] for k in sorted(result.requires, key=KIND_ORDER.index))
    return f"しきい値判断の結果、{needed}の作成が必要です"


def _covers(result: ThresholdResultDef, chosen: tuple[str, ...]) -> bool:
    """Every required kind is made, or replaced by a fuller one the result allows (重点 → 全項目)."""
    rank = KIND_ORDER.index
    return all(k in chosen or any(c in result.allows and rank(c) > rank(k) for c in chosen) for k in result.requires)


def preselected(choices: list[SetChoice]) -> SetChoice | None:
    return next((c for c in choices if c.status == "required"), None) or next((c for c in choices if c.allowed), None)


# -- the しきい値判断 from the three answers ------------------------------------------------------------------


@dataclass(frozen=True)
class ThresholdAnswers:
    """The しきい値判断 as the 基礎項目評価書 asks it: 対象人数 bracket, 取扱者数 500人以上か, 重大事故."""

    taisho: str  # an option text of the 基礎 form's target_count ("1万人以上10万人未満")
    handlers_at_least: bool  # 取扱者数は500人以上
    jiko: bool  # 過去1年以内の特定個人情報に関する重大事故: 発生あり

    def judgement(self) -> Judgement:
        rules = threshold_rules()
        taisho = parse_bracket(self.taisho)
        if taisho is None:
            raise PiaError(f"対象人数「{self.taisho}」を人数の区分として読めません")
        b = rules.toriatsukai_boundary
        staff = Range(b, None) if self.handlers_at_least else Range(0, b)
        return decide(taisho, staff, self.jiko, rules)

    def result(self) -> ThresholdResultDef | None:
        return self.judgement().result


def taisho_brackets() -> list[str]:
    """The 対象人数 brackets to offer: those of the 基礎 form (every bracket, 30万人以上 included),
    else of any form with a target_count role."""
    by_kind = forms_by_kind()
    for kind in KIND_ORDER:
        if kind in by_kind:
            form = load_form(by_kind[kind])
            if form.roles.target_count:
                return [o.text for o in form.item(form.roles.target_count).options]
    return []


def threshold_result_of(doc: Document) -> ThresholdResultDef | None:
    """The しきい値判断結果 of a 評価書: its own answers (Ⅰ１③, the staff brackets or 基礎 Ⅱ２, the 重大事故
    answers) overridden by the inputs kept with it (``doc.threshold``), as the しきい値判断 page computes it;
    None when the inputs do not determine one result."""
    form = load_form(doc.form_id)
    view = DocView(form, doc)
    saved = doc.threshold
    taisho: Range | None
    if saved is not None and saved.taisho_ninzu is not None:
        taisho = Range.exact(saved.taisho_ninzu)
    elif saved is not None and saved.taisho_kubun:
        taisho = parse_bracket(saved.taisho_kubun)
    else:
        taisho = taisho_range(view)
    if saved is not None and saved.toriatsukai_ninzu is not None:
        staff = Range.exact(saved.toriatsukai_ninzu)
    else:  # unanswered brackets leave the count open: a result that does not depend on it still shows
        est = estimate_staff(view)
        staff = est.total if est.total is not None and not est.missing else Range(est.total.lo if est.total else 0, None)
    jiko = saved.jiko if saved is not None and saved.jiko is not None else jiko_from_iii7(view)
    if taisho is None:
        return None
    return decide(taisho, staff, jiko).result


# -- the documents ------------------------------------------------------------------------------------------


def _option_for_range(form: FormDefinition, item_id: str, wanted: Range) -> str | None:
    return next((o.text for o in form.item(item_id).options if parse_bracket(o.text) == wanted), None)


def _prefill_threshold(form: FormDefinition, doc: Document, answers: ThresholdAnswers, result: ThresholdResultDef | None,
                       today: date) -> None:
    roles = form.roles
    taisho = parse_bracket(answers.taisho)
    kubun_written = False
    if roles.target_count and taisho is not None and not form.section_of(roles.target_count).per_file:
        text = _option_for_range(form, roles.target_count, taisho)
        if text:
            doc.set(roles.target_count, text)
            kubun_written = True
    if roles.handlers:
        b = threshold_rules().toriatsukai_boundary
        text = _option_for_range(form, roles.handlers, Range(b, None) if answers.handlers_at_least else Range(0, b))
        if text:
            doc.set(roles.handlers, text)
    if roles.threshold_jiko:
        wanted = "発生あり" if answers.jiko else "発生なし"
        if form.item(roles.threshold_jiko).option(wanted) is not None:
            doc.set(roles.threshold_jiko, wanted)
    if roles.threshold_result and result is not None:
        stated = result.stated_on(roles.kind)
        if stated and form.item(roles.threshold_result).option(stated) is not None:
            doc.set(roles.threshold_result, stated)
    if not roles.threshold_jiko:
        # The form does not ask the しきい値's own 重大事故 question: keep the answer with the document.
        doc.threshold = ThresholdInputs(taisho_kubun=None if kubun_written else answers.taisho, jiko=answers.jiko, handan_bi=today)


def new_documents(form_ids: list[str], file_count: int, jimu_name: str, answers: ThresholdAnswers | None = None,
                  *, today: date | None = None) -> list[Document]:
    """Blank documents of the forms, 評価書名 "<事務名>　<様式>" (and 事務の名称 where a form has that role)."""
    name = jimu_name.strip()
    result = answers.result() if answers is not None else None
    docs = []
    for form_id in form_ids:
        form = load_form(form_id)
        doc = new_document(form_id, file_count)
        if name:
            doc.set(form.roles.title, f"{name}{TITLE_SEPARATOR}{form.short_name}")
            jimu_role = form.roles.jimu_name  # 事務の名称
            if isinstance(jimu_role, str) and jimu_role in form.index:
                doc.set(jimu_role, name)
        if answers is not None:
            _prefill_threshold(form, doc, answers, result, today or date.today())
        docs.append(doc)
    _fill_submitted(docs)
    return docs


def _fill_submitted(docs: list[Document]) -> None:
    """基礎 Ⅳ１ 提出する評価書の種類: the set being made says it (forms/mappings/set-shared-items.yaml)."""
    try:
        sub = set_table().submitted
    except SetTableError:  # a broken table must not stop a new 評価書; the set check names the file
        return
    text = sub.text_for({kind_of(d.form_id) for d in docs}) if sub is not None else None
    for doc in docs:
        if sub is not None and text and doc.form_id == sub.form:
            doc.set(sub.item, text)


def new_set(result_id: str, file_count: int, jimu_name: str, *, kinds: Iterable[str] | None = None,
            answers: ThresholdAnswers | None = None) -> list[Document]:
    """The documents the しきい値判断結果 requires (or the voluntary ``kinds`` it allows), blank but named."""
    result = threshold_rules().result(result_id)
    chosen = tuple(sorted(kinds, key=KIND_ORDER.index)) if kinds is not None else tuple(result.requires)
    if not chosen:
        raise PiaError(f"しきい値判断結果「{result.label}」では作成が義務付けられる評価書がありません。任意に作成する評価書を選んでください")
    for kind in chosen:
        if result.wrong_form(kind):
            raise PiaError(refusal_reason(result, kind))
    if not _covers(result, chosen):
        raise PiaError(refusal_reason(result, chosen[-1]))
    return new_documents(forms_for_kinds(chosen), file_count, jimu_name, answers)

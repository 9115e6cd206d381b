"""Consistency rules between items that the form's own ``conditions:`` do not express.

Each rule function is registered with the rule ids it may emit; severities and messages are in
forms/rules/review-rules.yaml. Conditions already in the form definition (委託しない ⇒ 委託事項 not
applicable, 発生あり ⇒ その内容 required, 事後 ⇒ 説明 required …) are checked by ``validate`` and not
repeated here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from pia_desktop.checks.brackets import parse_bracket
from pia_desktop.checks.docview import DocView, fold
from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.registry import rule
from pia_desktop.domain.addresses import format_address, parse_address
from pia_desktop.domain.conditions import active_effects
from pia_desktop.domain.document import is_empty
from pia_desktop.domain.form_definition import Item, ItemType
from pia_desktop.domain.wareki import WarekiDate, parse_wareki

IPNET = "情報提供ネットワークシステム"
GOOD_JUDAN = ("特に力を入れている", "十分である")


def _max_entries(view: DocView, template: str) -> int:
    item = view.form.index[template]
    return item.repeat.max if item.repeat and item.repeat.max else 10**9


# -- Ⅱ４ 委託 / Ⅲ４ -------------------------------------------------------------------------------------


@rule("itaku-kensu", "itaku-no-entry", "itaku-umu-missing", "kensu-over-max")
def itaku_counts(v: DocView, emit: Emitter) -> None:
    limit = _max_entries(v, "II.4.itaku[]")
    for f in v.files():
        umu_a, kensu_a, group = f"II({f}).4.umu", f"II({f}).4.kensu", f"II({f}).4.itaku"
        umu = v.text(umu_a)
        n = len(v.filled_entries(group))
        if umu == "委託しない":
            continue  # the form's condition "itaku_shinai" covers entries under 委託しない
        if not umu:
            if n:
                emit("itaku-umu-missing", umu_a, umu=v.name(umu_a), entries=n)
            continue
        kensu = v.number(v.text(kensu_a))
        if kensu is None:
            if n == 0:
                emit("itaku-no-entry", umu_a, umu=v.name(umu_a))
            continue
        if kensu <= limit and kensu != n:
            emit("itaku-kensu", kensu_a, kensu=v.name(umu_a) + "の件数", kensu_value=f"{kensu:,}", entries=n)
        elif kensu > limit and n < limit:
            emit("kensu-over-max", kensu_a, kensu=v.name(umu_a) + "の件数", kensu_value=f"{kensu:,}", max=limit, entries=n)


@rule("itaku-iii4-shinai")
def itaku_vs_iii4(v: DocView, emit: Emitter) -> None:
    for f in v.files():
        umu_a, shinai_a = f"II({f}).4.umu", f"III({f}).4.shinai"
        if v.text(umu_a) == "委託する" and v.flag(shinai_a):
            emit("itaku-iii4-shinai", shinai_a, umu=v.name(umu_a), shinai=v.name(shinai_a))


@rule("saiitaku-iii4-none", "no-saiitaku-iii4-tanpo")
def saiitaku_vs_iii4(v: DocView, emit: Emitter) -> None:
    for f in v.files():
        if v.text(f"II({f}).4.umu") == "委託しない" or v.flag(f"III({f}).4.shinai"):
            continue
        group = f"II({f}).4.itaku"
        tanpo_a = f"III({f}).4.risk.saiitaku"
        tanpo = v.text(tanpo_a)
        answers = {n: v.text(f"{group}[{n}].saiitaku.4") for n in v.filled_entries(group)}
        answers = {n: a for n, a in answers.items() if a}
        if not answers or not tanpo:
            continue
        suru = [n for n, a in answers.items() if a == "再委託する"]
        if suru and tanpo == "再委託していない":
            first = f"{group}[{suru[0]}].saiitaku.4"
            emit("saiitaku-iii4-none", tanpo_a, saiitaku=v.name(first), tanpo=v.name(tanpo_a))
        elif not suru and tanpo != "再委託していない":
            emit("no-saiitaku-iii4-tanpo", tanpo_a, tanpo=v.name(tanpo_a), value=tanpo)


@rule("itaku-duplicate")
def itaku_duplicates(v: DocView, emit: Emitter) -> None:
    for f in v.files():
        group = f"II({f}).4.itaku"
        seen: dict[tuple[str, str], int] = {}
        for n in v.filled_entries(group):
            key = (fold(v.text(f"{group}[{n}]")), fold(v.text(f"{group}[{n}].3")))
            if not all(key):
                continue
            if key in seen:
                emit("itaku-duplicate", f"{group}[{n}]", other=v.name(f"{group}[{seen[key]}]"))
            else:
                seen[key] = n


# -- Ⅱ５ 提供・移転 / Ⅲ５ ---------------------------------------------------------------------------------

_TEIKYO_KINDS = (
    ("提供を行っている", "teikyo", "teikyo-kensu", "teikyo-unchecked"),
    ("移転を行っている", "iten", "iten-kensu", "iten-unchecked"),
)


@rule("teikyo-kensu", "iten-kensu", "teikyo-unchecked", "iten-unchecked", "teikyo-kensu-missing", "kensu-over-max")
def teikyo_counts(v: DocView, emit: Emitter) -> None:
    limit = _max_entries(v, "II.5.teikyo[]")
    for f in v.files():
        umu_a = f"II({f}).5.umu"
        cv = v.checks(umu_a)
        if "行っていない" in cv.checked:
            continue  # the form's condition "teikyo_iten_nashi" covers entries under 行っていない
        for option, kind, count_rule, unchecked_rule in _TEIKYO_KINDS:
            group = f"II({f}).5.{kind}"
            n = len(v.filled_entries(group))
            if option not in cv.checked:
                if n:
                    emit(unchecked_rule, umu_a, umu=v.name(umu_a), entries=n)
                continue
            detail = cv.details.get(option, "").strip()
            if not detail:
                emit("teikyo-kensu-missing", umu_a, umu=v.name(umu_a), option=option)
                continue
            kensu = v.number(detail)
            if kensu is None:
                continue
            if kensu <= limit and kensu != n:
                emit(count_rule, umu_a, umu=v.name(umu_a), kensu_value=f"{kensu:,}", entries=n)
            elif kensu > limit and n < limit:
                emit("kensu-over-max", umu_a, kensu=f"{v.name(umu_a)}（{option}）", kensu_value=f"{kensu:,}", max=limit, entries=n)


@rule("teikyo-iii5-shinai")
def teikyo_vs_iii5(v: DocView, emit: Emitter) -> None:
    for f in v.files():
        umu_a, shinai_a = f"II({f}).5.umu", f"III({f}).5.shinai"
        if not v.flag(shinai_a):
            continue
        for option in ("提供を行っている", "移転を行っている"):
            if v.checked(umu_a, option):
                emit("teikyo-iii5-shinai", shinai_a, umu=v.name(umu_a), option=option, shinai=v.name(shinai_a))


@rule("teikyo-ninzu-over-file")
def teikyo_ninzu(v: DocView, emit: Emitter) -> None:
    for f in v.files():
        file_a = f"II({f}).2.2"
        file_range = parse_bracket(v.text(file_a)) if v.text(file_a) else None
        if file_range is None or file_range.hi is None:
            continue
        for kind in ("teikyo", "iten"):
            group = f"II({f}).5.{kind}"
            for n in v.filled_entries(group):
                a = f"{group}[{n}].4"
                r = parse_bracket(v.text(a)) if v.text(a) else None
                if r is not None and r.lo >= file_range.hi:
                    emit("teikyo-ninzu-over-file", a, ninzu=v.name(a), value=v.text(a), file_ninzu=v.name(file_a), file_value=v.text(file_a))


# -- 情報連携 Ⅰ５ / Ⅲ６ -------------------------------------------------------------------------------------


@rule("renkei-iii6-shinai")
def renkei_vs_iii6(v: DocView, emit: Emitter) -> None:
    if v.text("I.5.1") != "実施する":
        return
    for f in v.files():
        nyushu, teikyo = f"III({f}).6.shinai_nyushu", f"III({f}).6.shinai_teikyo"
        if v.flag(nyushu) and v.flag(teikyo):
            emit("renkei-iii6-shinai", nyushu, renkei=v.name("I.5.1"), nyushu=v.name(nyushu), teikyo=v.name(teikyo))


def _ipnet_conflicts(v: DocView, shinai_a: str) -> Iterator[str]:
    if v.text("I.5.1") == "実施しない":
        yield f"「{v.name('I.5.1')}」は「実施しない」です"
    if v.flag(shinai_a):
        yield f"「{v.name(shinai_a)}」に印が付いています"


@rule("nyushu-ipnet-shinai")
def nyushu_ipnet(v: DocView, emit: Emitter) -> None:
    for f in v.files():
        a = f"II({f}).3.2"
        if v.checked(a, IPNET):
            for conflict in _ipnet_conflicts(v, f"III({f}).6.shinai_nyushu"):
                emit("nyushu-ipnet-shinai", a, nyushu=v.name(a), conflict=conflict)


@rule("teikyo-ipnet-shinai")
def teikyo_ipnet(v: DocView, emit: Emitter) -> None:
    for f in v.files():
        if v.checked(f"II({f}).5.umu", "行っていない"):
            continue
        group = f"II({f}).5.teikyo"
        for n in v.filled_entries(group):
            a = f"{group}[{n}].6"
            if v.checked(a, IPNET):
                for conflict in _ipnet_conflicts(v, f"III({f}).6.shinai_teikyo"):
                    emit("teikyo-ipnet-shinai", a, hoho=v.name(a), conflict=conflict)


@rule("system-ipnet-renkei-shinai")
def system_ipnet(v: DocView, emit: Emitter) -> None:
    if v.text("I.5.1") != "実施しない":
        return
    for n in v.filled_entries("I.2.system"):
        a = f"I.2.system[{n}].3"
        if v.checked(a, IPNET):
            emit("system-ipnet-renkei-shinai", a, setsuzoku=v.name(a), renkei=v.name("I.5.1"))


# -- ファイル名 Ⅰ３ / Ⅱ１ / Ⅲ１ -----------------------------------------------------------------------------

_FILE_MARK = re.compile(r"^(?:\(\d+\)|\d+[.．、]|[・･])")
_MARKS_IN_LIST = re.compile(r"\((\d+)\)")


def file_name_key(name: str) -> str:
    """A file name for comparison: folded, without a leading （１）/⑴/1. marker."""
    folded = fold(name)
    return _FILE_MARK.sub("", folded, count=1)


@rule("file-name-i3", "file-name-iii1", "file-name-duplicate")
def file_names(v: DocView, emit: Emitter) -> None:
    i3 = v.text("I.3")
    i3_key = fold(i3)
    seen: dict[str, int] = {}
    for f in v.files():
        ii1_a, iii1_a = f"II({f}).1", f"III({f}).1"
        ii1 = v.text(ii1_a)
        key = file_name_key(ii1)
        if not key:
            continue
        if i3_key and key not in i3_key:
            emit("file-name-i3", ii1_a, name=ii1, ii1=v.name(ii1_a), i3=v.name("I.3"), i3_value=i3)
        iii1 = v.text(iii1_a)
        if iii1 and file_name_key(iii1) != key:
            emit("file-name-iii1", iii1_a, iii1=v.name(iii1_a), iii1_value=iii1, ii1=v.name(ii1_a), ii1_value=ii1)
        if key in seen:
            emit("file-name-duplicate", ii1_a, ii1=v.name(ii1_a), other=v.name(f"II({seen[key]}).1"), name=ii1)
        else:
            seen[key] = f


@rule("file-name-count")
def file_name_count(v: DocView, emit: Emitter) -> None:
    i3 = v.text("I.3")
    if not i3:
        return
    marks = set(_MARKS_IN_LIST.findall(unicodedata.normalize("NFKC", i3)))
    lines = [ln for ln in i3.splitlines() if ln.strip()]
    listed = len(marks) if marks else (len(lines) if v.doc.file_count > 1 else 0)
    if listed and listed != v.doc.file_count:
        emit("file-name-count", "I.3", i3=v.name("I.3"), listed=listed, files=v.doc.file_count)


# -- 重大事故 Ⅲ７② -------------------------------------------------------------------------------------------


@rule("jiko-sync", "jiko-text-sync")
def jiko_sync(v: DocView, emit: Emitter) -> None:
    if v.doc.file_count < 2:
        return
    answered = [(f, v.text(f"III({f}).7.risk.2")) for f in v.files()]
    answered = [(f, a) for f, a in answered if a]
    if not answered:
        return
    first_f, first = answered[0]
    for f, a in answered[1:]:
        if a != first:
            here, other = f"III({f}).7.risk.2", f"III({first_f}).7.risk.2"
            emit("jiko-sync", here, here=v.name(here), value=a, other=v.name(other), other_value=first)
    ari = [f for f, a in answered if a == "発生あり"]
    for sub in ("naiyo", "saihatsu"):
        texts = [(f, fold(v.text(f"III({f}).7.risk.2.{sub}"))) for f in ari]
        texts = [(f, t) for f, t in texts if t]
        for f, t in texts[1:]:
            if t != texts[0][1]:
                here, other = f"III({f}).7.risk.2.{sub}", f"III({texts[0][0]}).7.risk.2.{sub}"
                emit("jiko-text-sync", here, here=v.name(here), other=v.name(other))


# -- 日付 ------------------------------------------------------------------------------------------------------


def _parsed(v: DocView, address: str) -> WarekiDate | None:
    text = v.text(address)
    return parse_wareki(text, partial=True) if text else None


def earlier(a: WarekiDate, b: WarekiDate) -> bool:
    """a is certainly before b; a date given to the month only is compared by month."""
    da, db = a.to_date(), b.to_date()
    if a.day is None or b.day is None or a.month is None or b.month is None:
        return (da.year, da.month) < (db.year, db.month)
    return da < db


def _date_pair(v: DocView, first: str, second: str) -> tuple[WarekiDate, WarekiDate] | None:
    a, b = _parsed(v, first), _parsed(v, second)
    return (a, b) if a is not None and b is not None else None


@rule("kohyo-before-kiso")
def kohyo_vs_kiso(v: DocView, emit: Emitter) -> None:
    kohyo_a, jisshi_a = v.form.roles.published, v.form.roles.conducted
    pair = _date_pair(v, kohyo_a, jisshi_a) if jisshi_a else None
    if pair and jisshi_a and earlier(*pair):
        emit("kohyo-before-kiso", kohyo_a, kohyo=v.name(kohyo_a), kohyo_value=pair[0].format(),
             jisshi=v.name(jisshi_a), jisshi_value=pair[1].format())


@rule("shiyo-before-hoyu")
def shiyo_vs_hoyu(v: DocView, emit: Emitter) -> None:
    for f in v.files():
        shiyo, hoyu = f"II({f}).3.6", f"II({f}).2.5"
        pair = _date_pair(v, shiyo, hoyu)
        if pair and earlier(*pair):
            emit("shiyo-before-hoyu", shiyo, shiyo=v.name(shiyo), shiyo_value=v.text(shiyo), hoyu=v.name(hoyu), hoyu_value=v.text(hoyu))


@rule("tenken-after-kohyo")
def tenken_vs_kohyo(v: DocView, emit: Emitter) -> None:
    pair = _date_pair(v, "cover.kohyo_bi", "V.3.1")
    if pair and earlier(*pair):
        emit("tenken-after-kohyo", "V.3.1", tenken=v.name("V.3.1"), tenken_value=pair[1].format(),
             kohyo=v.name("cover.kohyo_bi"), kohyo_value=pair[0].format())


@rule("annex2-jigo-after-kohyo", "annex2-order")
def annex2_dates(v: DocView, emit: Emitter) -> None:
    kohyo_a, group = v.form.roles.published, v.form.changes_rows
    kohyo = _parsed(v, kohyo_a)
    prev: tuple[int, WarekiDate] | None = None
    for n in v.entries(group) if group else ():
        a = f"{group}[{n}].henko_bi"
        d = _parsed(v, a)
        if d is None:
            continue
        if kohyo is not None and v.text(f"{group}[{n}].jiki") == "事後" and earlier(kohyo, d):
            emit("annex2-jigo-after-kohyo", a, henko_value=d.format(), kohyo=v.name(kohyo_a), kohyo_value=kohyo.format())
        if prev is not None and earlier(d, prev[1]):
            emit("annex2-order", a, henko_value=d.format(), prev=f"変更箇所{prev[0]}", prev_value=prev[1].format())
        prev = (n, d)


# -- 繰り返し項目 ------------------------------------------------------------------------------------------------

# (group template, identifying child relative to the entry: None = the titled header itself)
_ENTRY_GROUPS: tuple[tuple[str, str | None], ...] = (
    ("I.2.system[]", ".1"),
    ("II.4.itaku[]", None),
    ("II.5.teikyo[]", None),
    ("II.5.iten[]", None),
    ("annex1.group[]", ".items"),
    ("annex2.row[]", ".komoku"),
)


def _value_items(item: Item) -> Iterator[Item]:
    for child in item.children:
        if child.type == ItemType.GROUP:
            continue
        if child.has_value and child.type != ItemType.CHECKBOX:
            yield child
        yield from _value_items(child)


def _required_items(v: DocView, group_item: Item, entry: str, file: int | None, n: int) -> list[str]:
    out = []
    candidates = ([group_item] if group_item.repeat and group_item.repeat.titled else []) + list(_value_items(group_item))
    for item in candidates:
        address = entry if item is group_item else format_address(item.id, file, (n,))
        effects = active_effects(v.form, v.doc, address)
        if any(e.condition.effect == "not_applicable" for e in effects):
            continue
        if item.required or any(e.condition.effect == "required" for e in effects):
            out.append(address)
    return out


@rule("entry-empty", "entry-partial")
def entries_filled(v: DocView, emit: Emitter) -> None:
    for template, ident in _ENTRY_GROUPS:
        group_item = v.form.index.get(template)
        if group_item is None:
            continue  # a form without this group (基礎項目評価書)
        per_file = v.form.section_of(template).per_file
        for file in (list(v.files()) if per_file else [None]):
            group = format_address(template[:-2], file)
            for n in v.entries(group):
                entry = f"{group}[{n}]"
                if any(e.condition.effect == "not_applicable" for e in active_effects(v.form, v.doc, entry)):
                    continue
                if not v.has_content(entry):
                    emit("entry-empty", entry, entry=v.name(entry))
                    continue
                required = _required_items(v, group_item, entry, file, n)
                missing = [a for a in required if is_empty(v.doc.get(a))]
                ident_a = entry if ident is None else entry + ident
                if missing and (ident_a in missing or len(missing) * 2 > len(required)):
                    labels = "、".join(_label_in_entry(v, a, entry) for a in missing)
                    emit("entry-partial", entry, entry=v.name(entry), missing=labels)


def _label_in_entry(v: DocView, address: str, entry: str) -> str:
    if address == entry:
        return "名称"
    return v.form.index[parse_address(address).template].label


# -- 表紙・Ⅰ ---------------------------------------------------------------------------------------------------


@rule("hyokasho-mei-jimu", "sengen-jimu")
def jimu_name_used(v: DocView, emit: Emitter) -> None:
    jimu = v.text("I.1.1")
    if not jimu:
        return
    key = fold(jimu)
    title = v.form.roles.title
    mei = v.text(title)
    if mei and key not in fold(mei):
        emit("hyokasho-mei-jimu", title, mei=v.name(title), mei_value=mei, jimu=v.name("I.1.1"), jimu_value=jimu)
    sengen = v.text("cover.sengen")
    if sengen and key not in fold(sengen):
        emit("sengen-jimu", "cover.sengen", sengen=v.name("cover.sengen"), jimu=v.name("I.1.1"), jimu_value=jimu)


@rule("taisho-ninzu-vs-file")
def taisho_vs_file(v: DocView, emit: Emitter) -> None:
    taisho = parse_bracket(v.text("I.1.3")) if v.text("I.1.3") else None
    if taisho is None or taisho.hi is None:
        return
    for f in v.files():
        a = f"II({f}).2.2"
        r = parse_bracket(v.text(a)) if v.text(a) else None
        if r is not None and r.lo >= taisho.hi:
            emit("taisho-ninzu-vs-file", a, file_ninzu=v.name(a), file_value=v.text(a), taisho=v.name("I.1.3"), taisho_value=v.text("I.1.3"))


@rule("shuyo-kojin-bango")
def shuyo_kojin_bango(v: DocView, emit: Emitter) -> None:
    for f in v.files():
        a = f"II({f}).2.4.shuyo"
        cv = v.checks(a)
        if cv.checked and "個人番号" not in cv.checked:
            emit("shuyo-kojin-bango", a, shuyo=v.name(a))


# -- Ⅲ の措置とその評価 -----------------------------------------------------------------------------------------

# (rule, measure item, weak answers, judgement item, section checkbox that makes the block not apply)
_MEASURE_VS_JUDGEMENT = (
    ("ninsho-judan", "3.risk2.ninsho", ("行っていない",), "3.risk2.judan", None),
    ("kitei-judan", "4.risk.kitei", ("定めていない",), "4.risk.judan", "4.shinai"),
    ("saiitaku-tanpo-judan", "4.risk.saiitaku", ("十分に行っていない",), "4.risk.judan", "4.shinai"),
    ("rule-judan", "5.risk.rule", ("定めていない",), "5.risk.judan", "5.shinai"),
    ("jiko-tejun-judan", "7.risk.1", ("十分に行っていない",), "7.risk.judan", None),
)


@rule(*(r[0] for r in _MEASURE_VS_JUDGEMENT))
def measures_vs_judgement(v: DocView, emit: Emitter) -> None:
    for f in v.files():
        for rule_id, measure, weak, judgement, shinai in _MEASURE_VS_JUDGEMENT:
            if shinai and v.flag(f"III({f}).{shinai}"):
                continue
            m_a, j_a = f"III({f}).{measure}", f"III({f}).{judgement}"
            if v.text(m_a) in weak and v.text(j_a) in GOOD_JUDAN:
                emit(rule_id, j_a, sochi=v.name(m_a), sochi_value=v.text(m_a), judan=v.name(j_a), judan_value=v.text(j_a))


# -- Ⅴ２・Ⅴ３ 任意の手続 -----------------------------------------------------------------------------------------


@rule("optional-partial")
def optional_blocks(v: DocView, emit: Emitter) -> None:
    for block in ("V.2", "V.3"):
        items = [c.id for c in v.form.index[block].children if c.has_value]
        filled = [a for a in items if not is_empty(v.doc.get(a))]
        if filled and len(filled) < len(items):
            missing = [a for a in items if a not in filled]
            emit("optional-partial", missing[0], block=v.name(block), missing="、".join(v.form.index[a].label for a in missing))

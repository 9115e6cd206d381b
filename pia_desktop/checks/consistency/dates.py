"""Dates that must come in order: 公表日 after 評価の実施日, 使用開始日 after 保有開始日, 第三者点検 before
公表日, and the (別添２) 変更箇所 rows by 変更日 (a 事後 change no later than the 公表日).
"""

from __future__ import annotations

from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.registry import rule
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.wareki import WarekiDate, parse_wareki


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

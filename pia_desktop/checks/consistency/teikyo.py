"""提供・移転 (Ⅱ５) against Ⅲ５ and the 人数 of the file, and 情報連携 through the 情報提供ネットワークシステム
(Ⅰ５, Ⅱ３ 入手, Ⅱ５ 提供, Ⅰ２ システム) against Ⅲ６: what one part says is done, another must not deny.
"""

from __future__ import annotations

from collections.abc import Iterator

from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.registry import rule
from pia_desktop.domain.brackets import parse_bracket
from pia_desktop.domain.docview import DocView

IPNET = "情報提供ネットワークシステム"

# -- Ⅱ５ 提供・移転 / Ⅲ５ ---------------------------------------------------------------------------------

_TEIKYO_KINDS = (
    ("提供を行っている", "teikyo", "teikyo-kensu", "teikyo-unchecked"),
    ("移転を行っている", "iten", "iten-kensu", "iten-unchecked"),
)


@rule("teikyo-kensu", "iten-kensu", "teikyo-unchecked", "iten-unchecked", "teikyo-kensu-missing", "kensu-over-max")
def teikyo_counts(v: DocView, emit: Emitter) -> None:
    limit = v.max_entries("II.5.teikyo[]")
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

"""委託 (Ⅱ４) against itself and against its リスク対策 (Ⅲ４): the 委託事項 written and the 件数 stated, 委託する
with Ⅲ４ marked as not applying, 再委託 answered one way in the 委託事項 and the other in Ⅲ４, a 委託事項
written twice.
"""

from __future__ import annotations

from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.registry import rule
from pia_desktop.domain.docview import DocView, fold


@rule("itaku-kensu", "itaku-no-entry", "itaku-umu-missing", "kensu-over-max")
def itaku_counts(v: DocView, emit: Emitter) -> None:
    limit = v.max_entries("II.4.itaku[]")
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

"""表紙 and Ⅰ 基本情報 against the rest: the 事務の名称 (Ⅰ１①) in the 評価書名 and the 宣言, no file's 人数
(Ⅱ２②) above the 対象人数 (Ⅰ１③), 個人番号 among the 主な記録項目 (Ⅱ２④).
"""

from __future__ import annotations

from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.registry import rule
from pia_desktop.domain.brackets import parse_bracket
from pia_desktop.domain.docview import DocView, fold


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

"""What the 特定個人情報ファイル (Ⅱ and Ⅲ, one of each per file) must say alike or apart: the file names
(Ⅰ３ lists them, Ⅱ１ and Ⅲ１ name each, no two the same) and the 重大事故 of Ⅲ７② (the same for every file).
"""

from __future__ import annotations

import re
import unicodedata

from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.registry import rule
from pia_desktop.domain.docview import DocView, fold

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

"""The embedded JSON of a 提出用 PDF, checked against the printed pages before it is trusted.

The attachment is lossless, but it is only what the PDF carried when PIA Desktop wrote it: a PDF
corrected in Acrobat afterwards keeps its stale attachment, and anyone can graft an attachment onto
another PDF. So the pages are read as well (the printed route, as for any PDF) and compared with the
attachment: title, 機関名 and every answer both hold. When they differ the result carries an
``AttachmentConflict`` and the caller asks the user which to trust (the CLI exits non-zero unless
``--trust`` says). An attachment on a PDF printed as 公表用 (「（非公表）」 where the attachment
holds the text) is never used: a 公表用 PDF carries none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pia_desktop.domain.document import CheckValue, Document, Value, value_text
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.importers.folding import fold
from pia_desktop.importers.report import ImportResult

Trust = Literal["attachment", "pages"]
NON_PUBLIC = "（非公表）"
_LONG = 50  # a long value the printed route split between two items still agrees by its start
MAX_SHOWN = 10
MIN_EXTRA = 10  # characters of a printed value the attachment lacks before it counts as a difference


@dataclass(frozen=True)
class Difference:
    address: str
    path: str
    attached: str
    printed: str


@dataclass
class AttachmentConflict:
    """The attachment and the printed pages disagree; ``choose`` gives the import the user trusts."""

    source: str
    differences: list[Difference]
    attached: ImportResult
    printed: ImportResult | None  # None: the pages could not be read at all
    reason: str = ""
    notes: list[str] = field(default_factory=list)

    def message(self) -> str:
        head = f"{self.source} に添付された評価書データと、印刷された内容が一致しません"
        lines = [head + (f"（{self.reason}）" if self.reason else "") + "。"]
        for d in self.differences[:MAX_SHOWN]:
            lines.append(f"  {d.path}: 添付「{_cut(d.attached)}」／印刷「{_cut(d.printed)}」")
        if len(self.differences) > MAX_SHOWN:
            lines.append(f"  （ほか {len(self.differences) - MAX_SHOWN} 件）")
        lines.append("PDF を印刷後に修正した場合は印刷された内容を、PIA Desktop で出力したままなら添付データを選んでください。")
        return "\n".join(lines)

    def choose(self, trust: Trust) -> ImportResult:
        if trust == "attachment" or self.printed is None:
            chosen = self.attached
            chosen.report.notes.append("添付された評価書データと印刷された内容が異なりましたが、指示により添付データから取り込みました")
        else:
            chosen = self.printed
            chosen.report.notes.append("添付された評価書データと印刷された内容が異なったため、指示により印刷された内容から取り込みました")
        chosen.conflict = None
        return chosen


def _norm(value: Value | None) -> str:
    if value is None:
        return ""
    if isinstance(value, CheckValue):  # the ticked boxes; details print in other shapes
        return "|".join(sorted(fold(c) for c in value.checked))
    return "".join(fold(value_text(value)).split())


def _agree(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= _LONG and long_.startswith(short)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:40] + "…"


def printed_as_public(attached: Document, printed: Document) -> bool:
    """The pages print 「（非公表）」 where the attachment holds other text: a 公表用 PDF."""
    marker = _norm(NON_PUBLIC)
    return any(_norm(v) == marker and _norm(attached.values.get(a)) not in ("", marker) for a, v in printed.values.items())


def _lines_in(value: str, text: str) -> bool:
    """Every line of ``value`` is printed somewhere in ``text`` (a cell of a two-line label may be
    read between two lines of a value, so the value is looked up line by line)."""
    lines = ["".join(fold(line).split()) for line in value.splitlines()]
    return any(lines) and all(line in text for line in lines if line)


def _form_text(form: FormDefinition) -> str:
    """The form's own printed words (labels, options, fixed text) in form order, as printed_text."""
    parts: list[str] = []
    for item in form.iter_items():
        parts.append(item.label)
        parts.extend(o.text for o in item.options)
        fixed = item.fixed_value
        parts.extend([fixed] if isinstance(fixed, str) else fixed or [])
    return "".join("".join(fold(p).split()) for p in parts)


def printed_text(rows: list[list[str]]) -> str:
    """All the text the pages print, in reading order, folded and without blanks (to look values up in)."""
    return "".join("".join(fold(c).split()) for cells in rows for c in cells)


def differences(form: FormDefinition, attached: Document, printed: Document, describe, text: str = "") -> list[Difference]:  # type: ignore[no-untyped-def]
    """Title and 機関名 first, then every answer the two disagree on. The printed route does not place
    every value of every layout, so a written answer also agrees when its text is printed anywhere
    (``text``: printed_text of the pages); a choice or a check-item set only disagrees when the pages
    show another one (the option lists print every option text). A value the printed route put in an
    item the attachment leaves empty counts when its text is nowhere in the attachment."""
    from pia_desktop.domain.addresses import parse_address
    from pia_desktop.domain.form_definition import ItemType

    key_items = [a for a in (form.roles.title, form.roles.org) if a]
    rest = [a for a in attached.values if a not in key_items]
    found: list[Difference] = []
    for address in (*key_items, *rest):
        a, p = attached.values.get(address), printed.values.get(address)
        na, np_ = _norm(a), _norm(p)
        if _agree(na, np_):
            continue
        item = form.index.get(parse_address(address).template)
        written = isinstance(a, str) and item is not None and item.type not in (ItemType.CHOICE, ItemType.CHECKBOX)
        if written and _lines_in(a, text):  # type: ignore[arg-type]
            continue
        if not written and not np_:  # nothing printed to compare with (an option list is not an answer)
            continue
        found.append(Difference(address, describe(form, address), value_text(a) if a is not None else "",
                                value_text(p) if p is not None else ""))
    everything = "\n".join(_norm(v) for v in attached.values.values())
    vocabulary = _form_text(form)
    for address, p in printed.values.items():
        if address in attached.values or not isinstance(p, str) or len(_norm(p)) < MIN_EXTRA:
            continue  # short pieces ("（ ）件") are the printed route's, not anyone's answer
        if not _lines_in(p, everything) and not _lines_in(p, vocabulary):
            found.append(Difference(address, describe(form, address), "", value_text(p)))
    return found

"""Characters the PDF fonts cannot print, named with the item that holds them (点検 and the PDF export).

The bundled BIZ UD fonts (pia_desktop.pdf.coverage reads their cmaps, without ReportLab) hold ~11,700
characters, some rare kanji beyond the BMP among them (𩸽), but not every character a clerk can type or
paste: 𠮷 and most other CJK extension characters, radicals (⻎), 外字 in the private-use area, emoji. ReportLab prints those as an
empty box (.notdef) without a word; this module says so beforehand, per item.

Variation sequences (a kanji + an ideographic variation selector, 葛󠄀): the fonts draw ~10,000 of them
(cmap format 14) and the export prints those in their variant glyph (pia_desktop.pdf.glyphs). A
sequence the fonts do not list prints as the base character in its usual glyph (the PDF's text keeps
the selector), and this module reports it ("unprintable-variant"). A selector after a character that is
itself unprintable goes with it (the base is reported).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.registry import rule
from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.docview import DocView
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.validation import Finding
from pia_desktop.pdf.coverage import Coverage, bundled_coverage, is_selector

MISSING = "unprintable-char"
VARIANT = "unprintable-variant"
# Line and tab characters: the layout turns them into line breaks and spaces, nothing is drawn for them.
_LAYOUT = frozenset("\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass(frozen=True, slots=True)
class Unprintable:
    """What of one text the PDF cannot print as written: characters without a glyph (in order of first
    appearance) and variation sequences printed without their selector."""

    missing: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.missing or self.variants)


class _Scanner:
    """Memoised per character: a document has a few hundred distinct ones among ~50,000."""

    def __init__(self, coverage: Coverage, memo: dict[str, bool] | None = None) -> None:
        self.coverage = coverage
        self.ok: dict[str, bool] = {} if memo is None else memo

    def is_ok(self, ch: str) -> bool:
        ok = self.ok.get(ch)
        if ok is None:
            code = ord(ch)
            ok = self.ok[ch] = ch in _LAYOUT or (code in self.coverage and not is_selector(code))
        return ok

    def scan(self, text: str) -> Unprintable:
        if all(map(self.is_ok, set(text))):
            return Unprintable()
        missing: dict[str, None] = {}
        variants: dict[str, None] = {}
        base: str | None = None  # the character a selector would apply to (None: none, or unprintable)
        after_missing = False
        for ch in text:
            code = ord(ch)
            if is_selector(code):
                if base is not None and not self.coverage.has_variant(ord(base), code):
                    variants[base + ch] = None
                elif base is None and not after_missing:
                    variants[ch] = None  # a selector with nothing to apply to
                base, after_missing = None, False
            elif self.is_ok(ch):
                base, after_missing = (None if ch in _LAYOUT else ch), False
            else:
                missing[ch] = None
                base, after_missing = None, True
        return Unprintable(tuple(missing), tuple(variants))


_BUNDLED_MEMO: dict[str, bool] = {}  # for bundled_coverage(), which is fixed for the process


def _scanner(coverage: Coverage | None = None) -> _Scanner:
    return _Scanner(coverage) if coverage is not None else _Scanner(bundled_coverage(), _BUNDLED_MEMO)


def scan_text(text: str, coverage: Coverage | None = None) -> Unprintable:
    return _scanner(coverage).scan(text)


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, CheckValue):
        yield from value.details.values()  # "その他 （ … ）" texts; the checked options are the form's own


def unprintable_items(doc: Document, addresses: Iterable[str] | None = None) -> Iterator[tuple[str, Unprintable]]:
    """(address, what it cannot print) for every stored text answer (only ``addresses``, in their order,
    when given)."""
    scanner = _scanner()
    texts = [(a, "\n".join(_texts(doc.values.get(a)))) for a in (doc.values if addresses is None else addresses)]
    if all(map(scanner.is_ok, set().union(*(t for _, t in texts)))):
        return  # the usual case, decided on the document's distinct characters at once
    for address, text in texts:
        found = scanner.scan(text)
        if found:
            yield address, found


# -- naming the characters in a message ------------------------------------------------------------------


def _kind(ch: str) -> str:
    import unicodedata  # only when there is something to name

    code = ord(ch)
    if 0xE000 <= code <= 0xF8FF or code >= 0xF0000:
        return "外字"
    if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF:
        return "絵文字"
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Cn", "Zl", "Zp"):
        return "制御文字等"
    return ""


def char_name(text: str) -> str:
    """「𠮷」（U+20BB7）, 「」（U+E000、外字）, U+200B（制御文字等）, 「葛󠄂」（U+845B U+E0102）."""
    codes = " ".join(f"U+{ord(c):04X}" for c in text)
    kind = _kind(text[0])
    if kind == "制御文字等" or is_selector(ord(text[0])):
        return f"{codes}（{kind or '異体字セレクタ'}）"
    return f"「{text}」（{codes}{'、' + kind if kind else ''}）"


def _emit(emit: Emitter, address: str, found: Unprintable) -> None:
    if found.missing:
        emit(MISSING, address, chars="、".join(map(char_name, found.missing)))
    if found.variants:
        bases = "、".join(f"「{v[0]}」" for v in found.variants if not is_selector(ord(v[0])))
        emit(VARIANT, address, chars="、".join(map(char_name, found.variants)), bases=bases or "なし")


@rule(MISSING, VARIANT)
def unprintable_characters(view: DocView, emit: Emitter) -> None:
    for address, found in unprintable_items(view.doc):
        _emit(emit, address, found)


def printing_findings(form: FormDefinition, doc: Document, *, public: bool = False) -> list[Finding]:
    """The same findings for what a PDF export prints: items that do not apply print empty, and in the
    公表用 variant the 非公表 ones print "（非公表）" instead of their text."""
    from pia_desktop.domain.conditions import not_applicable_reason
    from pia_desktop.domain.traversal import walk

    view = DocView(form, doc)
    emit = Emitter(view)
    hidden = set(doc.non_public) if public else set()
    printed = [s.address for s in walk(form, doc) if s.address in doc.values and s.address not in hidden]
    for address, found in unprintable_items(doc, printed):
        if not_applicable_reason(form, doc, address) is None:
            _emit(emit, address, found)
    return emit.findings


def printing_notes(form: FormDefinition, doc: Document, *, public: bool = False) -> list[str]:
    """``printing_findings`` as lines for the export's report: "<path as dump prints it>: <message>"."""
    return [f"{f.path}: {f.message}" for f in printing_findings(form, doc, public=public)]

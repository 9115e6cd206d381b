"""Bounds on what one PDF page may cost, enforced while pdfminer reads it (README「読み込みの上限」).

pdfplumber reads a page by running pdfminer's interpreter over the whole content stream and keeping
every character and line it draws. A crafted page makes that unbounded: a stream that inflates to
gigabytes, 400,000 lines of text, form XObjects nested 9 deep and each used 10 times (a billion
draws). So each page is laid out here, by a counting interpreter and device, before pdfplumber
looks at it: content streams are inflated with a cap before pdfminer decodes them, every operator
counts, and the time budget is checked inside the page, not only between pages.

The limits are far above what real 評価書 pages use (the published samples and our own export:
at most 62 KB of content, 2,600 characters, 160 ruling lines per page, no nested XObjects).
"""

from __future__ import annotations

import time
import zlib
from typing import Any

from pia_desktop.importers.source import ImportFailure

MAX_STREAM_BYTES = 8 * 1024 * 1024  # one page's content (or one form XObject) once inflated
MAX_FILE_STREAM_BYTES = 400 * 1024 * 1024  # all pages together (300 real pages hold ~20 MB)
MAX_OPERATORS = 400_000  # per page, nested XObjects included
MAX_CHARS = 30_000  # per page
MAX_PATHS = 20_000  # lines, rectangles and curves per page
MAX_XOBJECT_DEPTH = 6  # a form XObject drawing one that draws one …
MAX_XOBJECT_USES = 5_000  # per page
MAX_OTHER_RAW_BYTES = 256 * 1024  # a stream under filters other than plain Flate
MAX_OBJECTS = 500_000  # per file (cross-reference entries)
_TICK = 512  # operators between clock readings


class PageLimits:
    """The running totals of one file: bytes inflated so far, the deadline; per page, the counts."""

    def __init__(self, name: str, deadline: float) -> None:
        self.name = name
        self.deadline = deadline
        self.inflated = 0
        self.page = 0
        self.ops = self.chars = self.paths = self.uses = 0

    def start_page(self, number: int) -> None:
        self.page = number
        self.ops = self.chars = self.paths = self.uses = 0

    def refuse(self, what: str) -> ImportFailure:
        return ImportFailure(f"{self.name} の {self.page} ページ目は{what}ため読み込めません。評価書の PDF ではないか、壊れていると思われます。")

    def over_time(self) -> ImportFailure:
        return ImportFailure(f"{self.name} の読み込みに時間がかかりすぎるため中止しました（{self.page} ページ目の途中）。")

    def op(self) -> None:
        self.ops += 1
        if self.ops > MAX_OPERATORS:
            raise self.refuse(f"描画の命令が多すぎる（{MAX_OPERATORS:,} 超）")
        if self.ops % _TICK == 0 and time.process_time() > self.deadline:
            raise self.over_time()

    def char(self) -> None:
        self.chars += 1
        if self.chars > MAX_CHARS:
            raise self.refuse(f"文字が多すぎる（{MAX_CHARS:,} 字超）")

    def path(self) -> None:
        self.paths += 1
        if self.paths > MAX_PATHS:
            raise self.refuse(f"罫線・図形が多すぎる（{MAX_PATHS:,} 超）")

    def xobject(self, depth: int) -> None:
        self.uses += 1
        if depth > MAX_XOBJECT_DEPTH:
            raise self.refuse(f"図形（XObject）の入れ子が深すぎる（{MAX_XOBJECT_DEPTH} 段超）")
        if self.uses > MAX_XOBJECT_USES:
            raise self.refuse(f"図形（XObject）の呼び出しが多すぎる（{MAX_XOBJECT_USES:,} 回超）")

    def inflate(self, stream: Any) -> None:
        """Decode ``stream`` with a cap before pdfminer does (it would inflate it whole)."""
        if getattr(stream, "data", None) is not None:
            return
        filters = stream.get_filters()
        raw = stream.rawdata or b""
        names = [getattr(f, "name", f) for f, _ in filters]
        if names in (["FlateDecode"], ["Fl"]) and not any(params for _, params in filters):
            out = zlib.decompressobj()
            try:
                data = out.decompress(raw, MAX_STREAM_BYTES + 1)
            except zlib.error:
                return  # pdfminer reports the damage in its own way
            self._count(len(data))
            stream.data, stream.rawdata = data, None  # decoded once: pdfminer uses it as it is
            return
        if not filters:
            self._count(len(raw))
            return
        # other filters (LZW, ASCII85 then Flate, predictors): pdfminer decodes them, but only from a raw
        # size whose worst inflation (Flate: ~1,000×) stays a bounded, passing cost
        if len(raw) > MAX_OTHER_RAW_BYTES:
            raise self.refuse(f"大きな圧縮データ（{'・'.join(map(str, names))}、{len(raw) // 1024} KB）を含む")
        self._count(len(stream.get_data()))

    def _count(self, n: int) -> None:
        if n > MAX_STREAM_BYTES:
            raise self.refuse(f"展開すると大きすぎる描画データ（{MAX_STREAM_BYTES // 1024 // 1024} MB 超）を含む")
        self.inflated += n
        if self.inflated > MAX_FILE_STREAM_BYTES:
            raise ImportFailure(f"{self.name} は展開すると大きすぎるため読み込めません（描画データが {MAX_FILE_STREAM_BYTES // 1024 // 1024} MB 超）。")


def check_objects(name: str, document: Any) -> None:
    """Refuse a file whose cross-reference tables list more objects than any 評価書 needs."""
    total = 0
    for xref in getattr(document, "xrefs", []):
        try:
            total += sum(1 for _ in xref.get_objids())
        except Exception:  # a damaged table: pdfminer reports it when it matters
            continue
        if total > MAX_OBJECTS:
            raise ImportFailure(f"{name} はオブジェクトが多すぎるため読み込めません（{MAX_OBJECTS:,} 超）。評価書の PDF ではないと思われます。")


def bounded_layout(page: Any, limits: PageLimits) -> None:
    """Lay ``page`` out under ``limits`` and hand the result to pdfplumber (its ``layout``)."""
    from pdfminer.pdftypes import stream_value
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    interpreter_cls = _counting_interpreter()

    class Device(PDFPageAggregatorWithMarkedContent):  # type: ignore[misc]
        def render_char(self, *args: Any, **kwargs: Any) -> float:
            limits.char()
            return super().render_char(*args, **kwargs)  # type: ignore[no-any-return]

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            limits.path()
            super().paint_path(*args, **kwargs)

    device = Device(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    for s in page.page_obj.contents or []:
        limits.inflate(stream_value(s))
    interpreter = interpreter_cls(page.pdf.rsrcmgr, device)
    interpreter.limits = limits
    interpreter.depth = 0
    interpreter.process_page(page.page_obj)
    page._layout = device.get_result()


_CLASS: list[type] = []


def _counting_interpreter() -> type:
    """pdfminer's interpreter with every ``do_*`` operator counted. pdfminer calls an operator
    with as many operands as its method's ``co_argcount`` says, so each wrapper keeps the arity."""
    if _CLASS:
        return _CLASS[0]
    from pdfminer.pdfinterp import LITERAL_FORM, PDFPageInterpreter
    from pdfminer.pdftypes import stream_value

    def wrap(name: str, fn: Any) -> Any:
        n = fn.__code__.co_argcount - 1
        if n == 0:
            def w0(self: Any) -> None:
                self.limits.op()
                fn(self)
            return w0
        if n == 1:
            def w1(self: Any, a: Any) -> None:
                self.limits.op()
                fn(self, a)
            return w1
        if n == 2:
            def w2(self: Any, a: Any, b: Any) -> None:
                self.limits.op()
                fn(self, a, b)
            return w2
        if n == 3:
            def w3(self: Any, a: Any, b: Any, c: Any) -> None:
                self.limits.op()
                fn(self, a, b, c)
            return w3
        if n == 4:
            def w4(self: Any, a: Any, b: Any, c: Any, d: Any) -> None:
                self.limits.op()
                fn(self, a, b, c, d)
            return w4
        if n == 6:
            def w6(self: Any, a: Any, b: Any, c: Any, d: Any, e: Any, f: Any) -> None:
                self.limits.op()
                fn(self, a, b, c, d, e, f)
            return w6
        return fn  # no other arity exists in pdfminer; counted by the operators around it

    ops = {name: wrap(name, getattr(PDFPageInterpreter, name)) for name in dir(PDFPageInterpreter)
           if name.startswith("do_") and name != "do_Do"}

    def subinterp(self: Any) -> Any:
        child = PDFPageInterpreter.subinterp(self)
        child.limits, child.depth = self.limits, self.depth + 1
        return child

    def do_Do(self: Any, xobjid: Any) -> None:
        self.limits.op()
        self.limits.xobject(self.depth + 1)
        from pdfminer.psparser import literal_name

        try:
            xobj = stream_value(self.xobjmap[literal_name(xobjid)])
        except Exception:
            xobj = None
        if xobj is not None and xobj.get("Subtype") is LITERAL_FORM:  # images are never decoded here
            self.limits.inflate(xobj)
        PDFPageInterpreter.do_Do(self, xobjid)

    cls = type("CountingInterpreter", (PDFPageInterpreter,), {**ops, "subinterp": subinterp, "do_Do": do_Do})
    _CLASS.append(cls)
    return cls


MAX_EDGE_PAIRS = 250_000  # horizontal × vertical rules after merging (real pages: < 800)
MAX_INTERSECTIONS = 2_000  # pdfplumber pairs every two intersections to find cells (real pages: < 210)


def check_rules(page: Any, settings: dict[str, Any], limits: PageLimits) -> None:
    """Refuse a page whose ruling would make pdfplumber's table finder quadratic (it compares every
    intersection of rules with every other): counted the way the finder counts them, first the
    pairs of rules, then their intersections."""
    from pdfplumber.table import TableFinder, TableSettings, edges_to_intersections

    resolved = TableSettings.resolve(settings)
    finder = TableFinder.__new__(TableFinder)  # only its edge merging, not the cell search
    finder.page, finder.settings = page, resolved
    edges = finder.get_edges()
    h = sum(1 for e in edges if e["orientation"] == "h")
    if h * (len(edges) - h) > MAX_EDGE_PAIRS:
        raise limits.refuse(f"罫線が多すぎる（横 {h:,} 本 × 縦 {len(edges) - h:,} 本）")
    if time.process_time() > limits.deadline:
        raise limits.over_time()
    crossings = len(edges_to_intersections(edges, resolved.intersection_x_tolerance, resolved.intersection_y_tolerance))
    if crossings > MAX_INTERSECTIONS:
        raise limits.refuse(f"罫線の交点が多すぎる（{crossings:,} 個、上限 {MAX_INTERSECTIONS:,} 個）")

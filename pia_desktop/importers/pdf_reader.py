"""Read a PDF's text into rows with pdfplumber: table rows where the page has ruled tables, text
lines elsewhere, all in reading order (page, then top to bottom).

A ruled table cell keeps its label and its value together even when the page's text order pulls
them apart (a label printed in the vertical middle of a long value). Pages without ruling are read
line by line, with cells split at wide gaps and each value line given to the label nearest it
(``text_route``). Page headers and footers repeated on most pages are dropped.

Lines that wrap inside a cell are joined without a line break (Japanese has no spaces to restore);
a line that ends well before the cell's right edge keeps its break.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pia_desktop.importers.folding import fold
from pia_desktop.importers.line_breaks import starts_new_line
from pia_desktop.importers.pdf_limits import PageLimits, bounded_layout, check_objects, check_rules
from pia_desktop.importers.source import ImportFailure, SourceDocument, SourceRow
from pia_desktop.importers.text_route import rows_from_chars

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PAGES = 300
TIME_BUDGET_S = 90.0
_PAGE_NUMBER = re.compile(r"^[-－―\s]*\d{1,4}[-－―\s]*$|^\d{1,4}\s*/\s*\d{1,4}$|^[-－]?\s*\d+\s*ページ")

Char = dict[str, Any]


@dataclass
class _Line:
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float


def group_lines(chars: list[Char]) -> list[_Line]:
    """Characters to lines: sorted by baseline, a new line where the top jumps by half a glyph."""
    chars = sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"]))
    lines: list[list[Char]] = []
    for ch in chars:
        if lines:
            last = lines[-1]
            ref = last[0]
            if abs(ch["top"] - ref["top"]) <= max(ref["size"], ch["size"]) * 0.5:
                last.append(ch)
                continue
        lines.append([ch])
    out = []
    for group in lines:
        group.sort(key=lambda c: c["x0"])
        out.append(_line_of(group))
    return out


def _line_of(group: list[Char]) -> _Line:
    parts: list[str] = []
    prev: Char | None = None
    for ch in group:
        text = ch["text"]
        if prev is not None:
            gap = ch["x0"] - prev["x1"]
            if gap > ch["size"] * 0.35 and not parts[-1].endswith(" ") and text != " ":
                parts.append(" ")
        parts.append(text)
        prev = ch
    text = "".join(parts).strip()
    size = sum(c["size"] for c in group) / len(group)
    return _Line(min(c["top"] for c in group), max(c["bottom"] for c in group), group[0]["x0"], group[-1]["x1"], text, size)


def join_cell_lines(lines: list[_Line], right: float) -> str:
    """A cell's lines as its text: wrapped lines (reaching the right edge) joined, others broken."""
    text = ""
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if text:
            prev = lines[i - 1]
            wrapped = prev.x1 >= right - max(prev.size * 3.2, 6.0) and not starts_new_line(prev.text, line.text)
            text += "" if wrapped else "\n"
        text += line.text
    return text


class _CharIndex:
    """Characters sorted by vertical centre, for fast "which characters lie in this box"."""

    def __init__(self, chars: list[Char]) -> None:
        self.chars = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
        self.keys = [(c["top"] + c["bottom"]) / 2 for c in self.chars]
        self.used: set[int] = set()

    def take(self, x0: float, top: float, x1: float, bottom: float) -> list[Char]:
        lo = bisect.bisect_left(self.keys, top)
        hi = bisect.bisect_right(self.keys, bottom)
        found = []
        for i in range(lo, hi):
            c = self.chars[i]
            cx = (c["x0"] + c["x1"]) / 2
            if x0 <= cx <= x1 and i not in self.used:
                self.used.add(i)
                found.append(c)
        return found

    def rest(self) -> list[Char]:
        return [c for i, c in enumerate(self.chars) if i not in self.used]


def _table_settings(page: Any) -> dict[str, Any]:
    """Close tables cut by a page break: a row split over two pages has side borders but no
    top (or bottom) line, so the ends of the vertical rules are added as horizontal lines."""
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 4]
    if not verticals:
        return {}
    return {"explicit_horizontal_lines": [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]}


@dataclass
class _Placed:
    top: float
    row: SourceRow
    full: tuple[bool, ...] = ()  # per cell: its last line reaches the right edge (wrapped on)


@dataclass
class _PageRows:
    placed: list[_Placed]
    ruled: bool
    cut_top: _Placed | None = None  # the first table row, when the page break cut it
    cut_bottom: _Placed | None = None  # the last table row, when the page break cut it


def _has_rule(page: Any, y: float, x0: float, x1: float) -> bool:
    """Whether a horizontal rule is drawn at ``y`` across the table."""
    width = x1 - x0
    pieces = sorted((e["x0"], e["x1"]) for e in page.edges if e["orientation"] == "h" and abs(e["top"] - y) < 1.5)
    covered, reach = 0.0, x0
    for a, b in pieces:  # rules drawn cell by cell count together
        a, b = max(a, reach), min(b, x1)
        if b > a:
            covered += b - a
            reach = b
    return covered > width * 0.5


def _page_rows(page: Any, number: int, limits: PageLimits | None = None) -> _PageRows:
    """The page's rows in reading order, and which table rows the page break cut."""
    if limits is not None:
        limits.start_page(number)
        bounded_layout(page, limits)  # counted and timed inside the page (pdfplumber would not stop)
    chars = [c for c in page.chars if c["text"].strip() or c["text"] == " "]
    index = _CharIndex(chars)
    out = _PageRows([], False)
    settings = _table_settings(page)
    if limits is not None:
        check_rules(page, settings, limits)  # the table finder is quadratic in the rules' intersections
    tables = page.find_tables(settings)
    out.ruled = bool(tables)
    first_row: _Placed | None = None
    last_row: _Placed | None = None
    for t_index, table in enumerate(tables):
        for r_index, r in enumerate(table.rows):
            cells: list[str] = []
            full: list[bool] = []
            spans: list[tuple[float, float]] = []
            for bbox in r.cells:
                if bbox is None:
                    cells.append("")
                    full.append(False)
                    spans.append((-1.0, -1.0))
                    continue
                x0, top, x1, bottom = bbox
                spans.append((float(x0), float(x1)))
                lines = group_lines(index.take(x0, top, x1, bottom))
                cells.append(join_cell_lines(lines, x1))
                full.append(bool(lines) and lines[-1].x1 >= x1 - max(lines[-1].size * 3.2, 6.0))
            if not any(c.strip() for c in cells):
                continue
            blank = r.cells[0] is not None and not cells[0].strip()
            placed = _Placed(r.bbox[1], SourceRow(tuple(cells), f"p.{number}", label_blank=blank, spans=tuple(spans)), tuple(full))
            out.placed.append(placed)
            if t_index == 0 and r_index == 0:
                first_row = placed
                if not _has_rule(page, r.bbox[1], r.bbox[0], r.bbox[2]):
                    out.cut_top = placed
            if t_index == len(tables) - 1:
                last_row = placed
                last_bbox = r.bbox
    if last_row is not None and not _has_rule(page, last_bbox[3], last_bbox[0], last_bbox[2]):
        out.cut_bottom = last_row
    out.placed.extend(_Placed(top, row) for top, row in rows_from_chars(index.rest(), number))
    out.placed.sort(key=lambda p: p.top)
    del first_row
    return out


def _stitch(pages: list[_PageRows]) -> None:
    """Join a table row cut by a page break with its rest on the next page (label printed on
    either part, or on both)."""
    for before, after in itertools.pairwise(pages):
        a = before.cut_bottom
        b = after.cut_top or (next((p for p in after.placed if not p.row.loose), None) if a else None)
        if a is None or b is None or (before.cut_bottom is None and after.cut_top is None):
            continue
        if a not in before.placed or b not in after.placed or len(a.row.cells) != len(b.row.cells):
            continue
        if any(p.row.loose for p in after.placed[: after.placed.index(b)]):
            continue  # a heading between the two parts: not one row
        if b is not after.cut_top and a is not before.cut_bottom:
            continue
        la, lb = fold(a.row.cells[0]), fold(b.row.cells[0])
        both_cut = a is before.cut_bottom and b is after.cut_top
        if la and lb and la != lb and not both_cut:
            continue  # a label of its own on the next page: a new row (unless no rule closed the first)
        cells = []
        for i, (x, y) in enumerate(zip(a.row.cells, b.row.cells, strict=True)):
            if i == 0 and la and la == lb:
                cells.append(x)
            elif x and y:
                wrapped = i < len(a.full) and a.full[i]
                cells.append(x + ("" if wrapped else "\n") + y)
            else:
                cells.append(x or y)
        a.row = SourceRow(tuple(cells), a.row.where, a.row.loose, a.row.label_blank and not cells[0].strip(), spans=a.row.spans)
        after.placed.remove(b)


def _drop_running_heads(pages: list[_PageRows], heights: list[float]) -> list[SourceRow]:
    """Remove page numbers, and loose lines repeated at the same place on most pages (returned,
    for the report's accounting)."""
    seen: Counter[str] = Counter()
    for page, height in zip(pages, heights, strict=True):
        texts = {p.row.text for p in page.placed if p.row.loose and (p.top < 60 or p.top > height - 60)}
        seen.update(texts)
    repeated = {t for t, n in seen.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}
    dropped: list[SourceRow] = []
    for page in pages:
        kept = []
        for p in page.placed:
            if p.row.loose and (p.row.text in repeated or _PAGE_NUMBER.match(p.row.text)):
                dropped.append(p.row)
            else:
                kept.append(p)
        page.placed = kept
    return dropped


def _open(path: Path) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    encrypted = f"{path.name} はパスワードで保護（暗号化）されているため読み込めません。保護を解除した PDF を指定してください。"
    # The file is opened and closed here (read_pdf), not by pdfplumber, which leaves it open when the PDF is
    # broken or its closing fails: Windows would keep the user's file locked until Python collects it.
    fh = path.open("rb")
    try:
        return pdfplumber.open(fh)
    except Exception as exc:  # pdfplumber wraps pdfminer's many error kinds
        fh.close()
        causes = [exc, *exc.args, exc.__cause__, exc.__context__]
        if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes):
            raise ImportFailure(encrypted) from exc
        raise ImportFailure(f"{path.name} は壊れているため PDF として読み込めません。") from exc


def read_pdf(path: Path, *, time_budget: float = TIME_BUDGET_S) -> SourceDocument:
    """The PDF's rows. Every failure of pdfplumber/pdfminer (many kinds, some raised only when a page
    is first touched or when the file is closed) becomes an ImportFailure naming the file."""
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise ImportFailure(f"{path.name} は大きすぎます（{size // 1024 // 1024} MB）。評価書の PDF ではないと思われます。")
    pdf = _open(path)
    try:
        doc = _read_pages(path, pdf, time_budget)
    except ImportFailure:
        raise
    except RecursionError as exc:
        raise ImportFailure(f"{path.name} は壊れているため PDF として読み込めません（入れ子が深すぎます）。") from exc
    except Exception as exc:  # pdfminer's PSSyntaxError, PDFSyntaxError, PdfminerException, zlib, KeyError …
        raise ImportFailure(f"{path.name} は壊れているため PDF として読み込めません（{type(exc).__name__}）。") from exc
    finally:
        with contextlib.suppress(Exception):  # closing walks the pages again: a damaged page tree fails here too
            pdf.close()
        pdf.stream.close()
    if not any(r.texts for r in doc.rows):
        raise ImportFailure(f"{path.name} から文字を読み取れませんでした。画像だけの PDF（スキャンしたもの）は取り込めません。")
    return doc


def _read_pages(path: Path, pdf: Any, time_budget: float) -> SourceDocument:
    start = time.process_time()  # work done, not the machine's load (a busy PC must not refuse a real file)
    doc = SourceDocument(name=path.name, kind="pdf")
    try:
        n_pages = len(pdf.pages)
    except Exception as exc:
        raise ImportFailure(f"{path.name} は壊れているため PDF として読み込めません（{type(exc).__name__}）。") from exc
    if n_pages == 0:
        raise ImportFailure(f"{path.name} にはページがありません。")
    if n_pages > MAX_PAGES:
        raise ImportFailure(f"{path.name} は {n_pages} ページあり、評価書としては大きすぎます（上限 {MAX_PAGES} ページ）。")
    check_objects(path.name, getattr(pdf, "doc", None))
    limits = PageLimits(path.name, start + time_budget)
    pages: list[_PageRows] = []
    heights: list[float] = []
    ruled = 0
    for number, page in enumerate(pdf.pages, start=1):
        if time.process_time() - start > time_budget:
            raise ImportFailure(f"{path.name} の読み込みに時間がかかりすぎるため中止しました（{number - 1} ページまで読了）。")
        try:
            rows = _page_rows(page, number, limits)
            height = float(page.height)
            page.flush_cache()
        except ImportFailure:
            raise
        except Exception as exc:
            raise ImportFailure(f"{path.name} の {number} ページ目が壊れているため読み込めません（{type(exc).__name__}）。") from exc
        ruled += rows.ruled or len(rows.placed) < 15  # short pages (cover, 項目一覧) need no table
        pages.append(rows)
        heights.append(height)
    doc.furniture = _drop_running_heads(pages, heights)
    _stitch(pages)
    for rows in pages:
        doc.rows.extend(p.row for p in rows.placed)
    if ruled < n_pages:
        doc.notes.append(f"罫線の表が見つからない {n_pages - ruled} ページは、文字の並びから項目を読み取りました")
    return doc

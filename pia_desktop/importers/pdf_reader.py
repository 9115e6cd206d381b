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
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


_BULLET = re.compile(r"^\s*([・◆◇■□●○◎※＜<【〈《「\[［]|[①-⑳⑴-⒇]|\(?\d{1,2}[).）]|\d{1,2}\.\s)")


def starts_new_line(prev: str, nxt: str) -> bool:
    """A full line ending a sentence, followed by a bullet or number: a real line break."""
    if nxt.lstrip().startswith("・") and " ・" in prev:
        return True  # a list of "・item ・item" laid out in lines
    return prev.rstrip().endswith(("。", "）", ")", "」", "】", ">", "＞")) and bool(_BULLET.match(nxt))


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


@dataclass
class _Placed:
    top: float
    row: SourceRow


def _page_rows(page: Any, number: int) -> tuple[list[_Placed], bool]:
    """The page's rows in reading order, and whether ruled tables were found."""
    chars = [c for c in page.chars if c["text"].strip() or c["text"] == " "]
    index = _CharIndex(chars)
    placed: list[_Placed] = []
    tables = page.find_tables()
    for table in tables:
        for r in table.rows:
            cells: list[str] = []
            for bbox in r.cells:
                if bbox is None:
                    cells.append("")
                    continue
                x0, top, x1, bottom = bbox
                lines = group_lines(index.take(x0, top, x1, bottom))
                cells.append(join_cell_lines(lines, x1))
            if any(c.strip() for c in cells):
                placed.append(_Placed(r.bbox[1], SourceRow(tuple(cells), f"p.{number}")))
    placed.extend(_Placed(top, row) for top, row in rows_from_chars(index.rest(), number))
    placed.sort(key=lambda p: p.top)
    return placed, bool(tables)


def _drop_running_heads(pages: list[list[_Placed]], heights: list[float]) -> None:
    """Remove page numbers, and loose lines repeated at the same place on most pages."""
    if len(pages) < 3:
        return
    seen: Counter[str] = Counter()
    for placed, height in zip(pages, heights, strict=True):
        texts = {p.row.text for p in placed if p.row.loose and (p.top < 60 or p.top > height - 60)}
        seen.update(texts)
    repeated = {t for t, n in seen.items() if n >= max(3, len(pages) // 2)}
    for i, placed in enumerate(pages):
        pages[i] = [
            p for p in placed
            if not (p.row.loose and (p.row.text in repeated or _PAGE_NUMBER.match(p.row.text)))
        ]


def _open(path: Path) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        return pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ImportFailure(f"{path.name} はパスワードで保護（暗号化）されているため読み込めません。保護を解除した PDF を指定してください。") from exc
    except PDFSyntaxError as exc:
        raise ImportFailure(f"{path.name} は壊れているため PDF として読み込めません。") from exc
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise ImportFailure(f"{path.name} はパスワードで保護（暗号化）されているため読み込めません。保護を解除した PDF を指定してください。") from exc
        raise ImportFailure(f"{path.name} は壊れているため PDF として読み込めません（{type(exc).__name__}）。") from exc


def read_pdf(path: Path, *, time_budget: float = TIME_BUDGET_S) -> SourceDocument:
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise ImportFailure(f"{path.name} は大きすぎます（{size // 1024 // 1024} MB）。評価書の PDF ではないと思われます。")
    start = time.monotonic()
    doc = SourceDocument(name=path.name, kind="pdf")
    pdf = _open(path)
    try:
        try:
            n_pages = len(pdf.pages)
        except Exception as exc:
            raise ImportFailure(f"{path.name} は壊れているため PDF として読み込めません（{type(exc).__name__}）。") from exc
        if n_pages == 0:
            raise ImportFailure(f"{path.name} にはページがありません。")
        if n_pages > MAX_PAGES:
            raise ImportFailure(f"{path.name} は {n_pages} ページあり、評価書としては大きすぎます（上限 {MAX_PAGES} ページ）。")
        pages: list[list[_Placed]] = []
        heights: list[float] = []
        ruled = 0
        for number, page in enumerate(pdf.pages, start=1):
            if time.monotonic() - start > time_budget:
                raise ImportFailure(f"{path.name} の読み込みに時間がかかりすぎるため中止しました（{number - 1} ページまで読了）。")
            try:
                placed, has_tables = _page_rows(page, number)
            except ImportFailure:
                raise
            except Exception as exc:
                raise ImportFailure(f"{path.name} の {number} ページ目が壊れているため読み込めません（{type(exc).__name__}）。") from exc
            ruled += has_tables
            pages.append(placed)
            heights.append(float(page.height))
            page.flush_cache()
        _drop_running_heads(pages, heights)
        for placed in pages:
            doc.rows.extend(p.row for p in placed)
        if ruled < n_pages:
            doc.notes.append(f"罫線の表が見つからない {n_pages - ruled} ページは、文字の並びから項目を読み取りました")
    finally:
        pdf.close()
    if not any(r.texts for r in doc.rows):
        raise ImportFailure(f"{path.name} から文字を読み取れませんでした。画像だけの PDF（スキャンしたもの）は取り込めません。")
    return doc

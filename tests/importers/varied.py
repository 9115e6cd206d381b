"""Varied 評価書 documents made from the published-style samples, for the importer's accounting tests.

The rows of a sample workbook (what another tool printed) are changed the ways other
municipalities' files differ — (別添1) group headings marked ◆, ・, 【】, numbered or not marked at
all, items written another way, older 様式 stamps (平成30年, 令和2年), values split over rows, labels
and values in other columns or merged cells, a label and its value in one cell — and written back
as a workbook (openpyxl) or drawn as a ruled PDF (ReportLab) with other column widths, font sizes
and page heights, so rows wrap and groups are cut by page breaks. Nothing is committed: every
file is generated in the test's temporary folder.

``truth_for`` rewrites the sample's truth.json the same way, so recovery can be scored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pia_desktop.importers.source import SourceRow
from pia_desktop.importers.xlsx_reader import read_xlsx

Rows = list[tuple[str, ...]]
_FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
_ENCLOSED = re.compile(r"^\s*(?:【([^】]+)】|[<＜]([^>＞]+)[>＞])\s*$")
_STAMP = re.compile(r"\[\s*令和\s*[6６]年\s*10月\s*様式\s*[3３]\s*\]")
_ANNEX1_HEADING = re.compile(r"annex1\(\d+\)\.group\[\d+\]\.heading")
_ANNEX1_ITEMS = re.compile(r"annex1\(\d+\)\.group\[\d+\]\.items")
_SECTION = re.compile(r"^\s*(?:[ⅠⅡⅢⅣⅤI-V]+\s|（別添|\(別添)")


def sample_rows(xlsx: Path) -> Rows:
    """The sample workbook's rows as printed (cells by position, "" where empty)."""
    return [tuple(r.cells) for r in read_xlsx(xlsx).rows]


def _annex1_span(rows: Rows) -> tuple[int, int]:
    """Row indices [start, end) of the (別添1) body (after its heading, before Ⅲ)."""
    starts = [i for i, r in enumerate(rows) if len([c for c in r if c]) == 1 and "別添1" in "".join(r).replace("１", "1")
              and "記録項目" in "".join(r)]
    start = starts[-1] + 1  # the last one: the first is the 項目一覧 entry
    end = next(i for i in range(start, len(rows)) if "リスク対策" in "".join(rows[i]))
    return start, end


HEADING_STYLES: dict[str, Callable[[str, int], str]] = {
    "brackets": lambda h, n: f"【{h}】",
    "angle": lambda h, n: f"＜{h}＞",
    "diamond": lambda h, n: f"◆{h}",
    "bullet": lambda h, n: f"・{h}",
    "numbered": lambda h, n: f"({n}) {h}",
    "plain": lambda h, n: h,
    "mixed": lambda h, n: h if n % 2 == 0 else f"◆{h}",  # some headings lost their mark
}


@dataclass
class Variant:
    name: str
    heading: str = ""  # a HEADING_STYLES key ("" keeps the sample's)
    items: str = ""  # "", "comma" (、 between items), "lines" (one item per row)
    same_row: bool = False  # (別添1) heading and items side by side in one row
    stamp: str = ""  # e.g. "[平成30年5月 様式3]"
    split_values: bool = False  # long values continued on rows of their own
    shift: int = 0  # xlsx: columns moved right
    merge: bool = False  # xlsx: value cells merged over several columns
    prefix: bool = False  # xlsx: "①事務の名称　value" in one cell
    pdf: dict[str, float] = field(default_factory=dict)  # PDF: label_w, value_w, extra_w, size, page_h
    headings: dict[str, str] = field(default_factory=dict)  # filled by apply(): old (別添1) heading → new


def _items_as(text: str, how: str) -> list[str]:
    parts = [p for p in re.split(r"[,、，]|\s*・\s*|\s+", re.sub(r"\d+\.", " ", text)) if p.strip()]
    if how == "comma":
        return ["、".join(parts)]
    if how == "lines":
        return [f"・{p}" for p in parts]
    return [text]


def apply(rows: Rows, v: Variant) -> Rows:
    out: Rows = []
    start, end = _annex1_span(rows)
    n = 0
    for i, row in enumerate(rows):
        row = tuple(_STAMP.sub(v.stamp, c) if v.stamp else c for c in row)
        texts = [c for c in row if c]
        if start <= i < end and len(texts) == 1:
            m = _ENCLOSED.match(texts[0])
            if m:
                n += 1
                name = m.group(1) or m.group(2)
                new = HEADING_STYLES[v.heading](name, n) if v.heading else texts[0]
                v.headings[texts[0]] = new
                if v.same_row:
                    out.append((new, ""))
                else:
                    out.append((new,))
                continue
            lines = _items_as(texts[0], v.items) if v.items else [texts[0]]
            if v.same_row and out and out[-1][1:] == ("",):
                out[-1] = (out[-1][0], lines[0])
                lines = lines[1:]
            out.extend((line,) for line in lines)
            continue
        if v.split_values and len(texts) == 2 and row[0] and len(texts[1]) > 60 and "[" not in texts[1] and "\n" not in texts[1]:
            value = texts[1]
            cut = value.find("。", 20) + 1 or 40
            j = row.index(texts[1])
            first = list(row)
            first[j] = value[:cut]
            out.append(tuple(first))
            rest = [""] * len(row)
            rest[j] = value[cut:]
            out.append(tuple(rest))
            continue
        out.append(row)
    return out


def truth_for(truth_file: Path, v: Variant) -> list[dict[str, object]]:
    """The sample's truth.json with the variant's (別添1) headings and items."""
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for entry in truth:
        if "address" in entry:  # a generated sample's truth
            if _ANNEX1_HEADING.fullmatch(entry["address"]) and entry["value"] in v.headings:
                entry["value"] = v.headings[entry["value"]]
            elif _ANNEX1_ITEMS.fullmatch(entry["address"]) and v.items:
                entry["value"] = "".join(_items_as(str(entry["value"]), v.items))
            continue
        path = entry["path"]
        if entry["section"] == "別添1" and path and path[-1] in v.headings:
            path[-1] = v.headings[path[-1]]
            if v.items:
                key = "value" if "value" in entry else "value_prefix"
                entry[key] = "".join(_items_as(str(entry[key]), v.items))
    return truth


# -- writers ---------------------------------------------------------------------------------------


def write_xlsx(rows: Rows, path: Path, v: Variant) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価書"
    r = 1
    for row in rows:
        cells = list(row)
        if v.prefix and len([c for c in cells if c]) == 2 and re.match(r"^[①-⑳]|^委託事項\d", cells[0]):
            value = next(c for c in cells[1:] if c)
            if "[" not in value and "\n" not in value and "<" not in value:
                cells = [f"{cells[0]}　{value}"]
        for c, text in enumerate(cells):
            if not text:
                continue
            col = 1 + c + (v.shift if c else 0) + (2 * c if v.merge else 0)
            ws.cell(r, col, text)
            if v.merge and c:
                ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + 2)
        r += 1
    wb.save(path)


def write_pdf(rows: Rows, path: Path, v: Variant, *, as_excel_prints: bool = False) -> None:
    """Ruled label │ value │ extra rows; a single-cell row spans the table, section headings are
    printed without a box; a row that does not fit is cut by the page break. The text is in a CID
    font the reader must have, as some tools write it.

    ``as_excel_prints``: as a spreadsheet exports its sheets — BIZ UDゴシック embedded with its Unicode
    map, and a row (with the unlabelled rows of its check grid) that fits on a page moved to the next
    one rather than cut."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if as_excel_prints:
        font = "PublishedGothic"
        pdfmetrics.registerFont(TTFont(font, str(_FONTS / "BIZUDGothic-Regular.ttf")))
    else:
        font = "HeiseiKakuGo-W5"
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    size = v.pdf.get("size", 8.0)
    lead = size * 1.35
    widths = (v.pdf.get("label_w", 150.0), v.pdf.get("value_w", 260.0), v.pdf.get("extra_w", 100.0))
    left, top = 40.0, v.pdf.get("page_h", A4[1]) - 40
    bottom = 40.0
    c = canvas.Canvas(str(path), pagesize=(A4[0], v.pdf.get("page_h", A4[1])))
    y = top

    def wrap(text: str, width: float) -> list[str]:
        lines: list[str] = []
        for para in text.split("\n"):
            line = ""
            for ch in para:
                if pdfmetrics.stringWidth(line + ch, font, size) > width - 6:
                    lines.append(line)
                    line = ch
                else:
                    line += ch
            lines.append(line)
        return lines

    def new_page() -> None:
        nonlocal y
        c.showPage()
        y = top

    def height(row: tuple[str, ...], table: bool) -> float:
        return max(len(wrap(t, w)) for _, w, t in _columns(row, left, widths, table)) * lead + 4

    def block_height(at: int, table: bool) -> float:
        """A labelled row and the unlabelled rows under it (a check grid's rows): kept on one page."""
        end = at + 1
        while end < len(rows) and any(rows[end]) and not any(rows[end][:2]) and not _SECTION.match(rows[end][0]):
            end += 1
        return sum(height(r, table) for r in rows[at:end] if any(r))

    annex2 = False
    for at, row in enumerate(rows):
        texts = [t for t in row if t]
        if not texts:
            continue
        if len(texts) == 1 and _SECTION.match(texts[0]):
            annex2 = "別添2" in texts[0].replace("２", "2")
            if y - lead * 2 < bottom:
                new_page()
            c.setFont(font, size + 2)
            c.drawString(left, y - lead, texts[0])
            y -= lead * 2
            continue
        if as_excel_prints and any(row[:2]) and y - bottom < block_height(at, annex2) <= top - bottom:
            new_page()
        cols = _columns(row, left, widths, annex2)
        wrapped = [wrap(t, w) for _, w, t in cols]
        n = max(len(ws) for ws in wrapped)
        done = 0
        while done < n:
            fit = int((y - bottom - 4) // lead)
            if fit <= 0:
                new_page()
                continue
            part = min(n - done, fit)
            h = part * lead + 4
            for (x, w, _), lines in zip(cols, wrapped, strict=True):
                c.line(x, y, x, y - h)
                c.line(x + w, y, x + w, y - h)
                if done == 0:
                    c.line(x, y, x + w, y)
                if done + part == n:
                    c.line(x, y - h, x + w, y - h)
                c.setFont(font, size)
                for k, line in enumerate(lines[done : done + part]):
                    c.drawString(x + 3, y - 2 - (k + 1) * lead + lead * 0.25, line)
            y -= h
            done += part
            if done < n:
                new_page()
    c.showPage()
    c.save()


def _columns(row: tuple[str, ...], left: float, widths: tuple[float, float, float], table: bool) -> list[tuple[float, float, str]]:
    """(x, width, text) of the row's cells: label │ sub-label │ value │ options as the workbook has
    them (positions 0, 1, 2–3, 4–), empty label cells kept as boxes; six equal columns for 別添2."""
    total = sum(widths)
    if table and len([c for c in row if c]) >= 2:
        cells = (list(row) + [""] * 6)[:6]
        w = total / 6
        return [(left + i * w, w, t) for i, t in enumerate(cells)]
    slots = ["", "", "", ""]
    for i, c in enumerate(row):
        if c:
            k = 0 if i == 0 else 1 if i == 1 else 2 if i <= 3 else 3
            slots[k] = (slots[k] + " " + c).strip() if slots[k] else c
    if not any(slots[1:]):
        return [(left, total, slots[0])]
    bounds = [left, left + widths[0] * 0.55, left + widths[0], left + widths[0] + widths[1], left + total]
    cols: list[tuple[float, float, str]] = []
    k = 0
    while k < 4:
        end = k + 1
        if k == 0 and not slots[1] and slots[0]:
            end = 2  # a label without a sub-label spans both label columns
        if k == 2 and not slots[3]:
            end = 4  # a value without options runs to the right edge
        cols.append((bounds[k], bounds[end] - bounds[k], slots[k]))
        k = end
    return [c for c in cols if c[2] or c[0] < left + widths[0]]  # empty label boxes stay, other empties go


def rows_as_source(rows: Rows) -> list[SourceRow]:
    return [SourceRow(r, f"r{i}") for i, r in enumerate(rows)]


VARIANTS: list[Variant] = [
    Variant("headings-plain", heading="plain"),
    Variant("headings-mixed-marks", heading="mixed"),
    Variant("headings-diamond-items-comma", heading="diamond", items="comma"),
    Variant("headings-plain-items-one-per-row", heading="plain", items="lines"),
    Variant("headings-bullet-items-comma", heading="bullet", items="comma"),
    Variant("headings-numbered", heading="numbered"),
    Variant("heading-and-items-one-row", heading="plain", same_row=True),
    Variant("stamp-h30-split-values", stamp="[平成30年5月 様式3]", split_values=True),
    Variant("stamp-r2-angle", stamp="[令和2年4月 様式3]", heading="angle"),
    Variant("columns-shifted-merged", shift=2, merge=True),
    Variant("label-and-value-in-one-cell", prefix=True, heading="diamond"),
]
PDF_LAYOUTS: list[dict[str, float]] = [
    {"label_w": 150, "value_w": 260, "extra_w": 100, "size": 8},
    {"label_w": 110, "value_w": 330, "extra_w": 70, "size": 9, "page_h": 600},  # narrow labels, short pages
    {"label_w": 190, "value_w": 200, "extra_w": 120, "size": 7.5, "page_h": 700},
]

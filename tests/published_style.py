"""Published-style samples made from our own fixtures: last year's 評価書 as another tool keeps it.

A workbook laid out the way the published 様式 Excel sheets are (label │ sub-label │ value │ │ options │
count, one sheet per part, the 項目一覧 one entry a row), the ruled PDF printed from it (``varied.write_pdf``
as a spreadsheet exports it) and the truth: every value of the fixture that prints, by
address. The importer tests read these on every machine; the reference samples under ``../shared``, where
a checkout has them, are run in addition (``tests/importers/truth.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook

from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.document import CheckValue, Document, value_text
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import FormDefinition, load_form
from pia_desktop.domain.traversal import walk
from pia_desktop.pdf.view_model.build import build_view
from pia_desktop.pdf.view_model.cells import CheckGrid, Choice, Content, Text
from pia_desktop.pdf.view_model.rows import Band, Caption, Field, Wide
from tests.foreign_workbook import option_lines

Row = list[str]
VALUE_COLUMN = 2  # label, sub-label, then the value; options two columns further, the count after them


def _spread(cells: list[str]) -> Row:
    """Cells at every other column from the value column on, as the sheets' merged cells leave them."""
    out: Row = []
    for cell in cells:
        out += [cell, ""]
    return out[:-1]


def _content(content: Content) -> list[Row]:
    """The value part of a row (from the value column on), one list per sheet row."""
    if isinstance(content, Text):
        return [[content.text]]
    if isinstance(content, Choice):
        row = _spread([content.value, option_lines(content)])
        return [[*row, content.suffix.strip()] if content.suffix.strip() else row]
    assert isinstance(content, CheckGrid)
    return [_spread(list(r.cells)) for r in content.rows]


def sheets(form: FormDefinition, doc: Document) -> list[tuple[str, list[Row]]]:
    """(sheet name, rows) per printed part of the 評価書."""
    out = []
    for n, section in enumerate(build_view(form, doc).sections, 1):
        rows: list[Row] = []
        if section.stamp:
            rows.append([section.stamp])
        if section.heading:
            rows.append([section.heading])
        if section.head:  # 評価書番号 │ 評価書名 over their values
            rows.append([section.head[0][0], "", section.head[1][0]])
            rows.append([section.head[0][1], "", section.head[1][1]])
        rows.append([section.title])
        if section.columns:
            rows.append([c.label for c in section.columns])
            rows.extend(list(r) for r in section.table_rows)
        for row in section.rows:
            if isinstance(row, Band):
                title = _content(row.value)[0] if row.value else []
                rows.append([row.text, "", *_spread([*row.boxes, *title])] if row.boxes or title else [row.text])
            elif isinstance(row, Caption):
                rows.append([row.text])
            elif isinstance(row, Wide) and section.kind == "toc":
                assert isinstance(row.content, Text)
                rows.extend(["", line] for line in row.content.text.splitlines())
            elif isinstance(row, Wide):
                parts = _content(row.content)
                rows.extend(parts if len(parts) == 1 and len(parts[0]) == 1 else [["", "", *p] for p in parts])
            else:
                assert isinstance(row, Field)
                lead = [row.outer, row.label] if row.outer is not None else [row.label, ""]
                for i, part in enumerate(_content(row.content)):
                    rows.append([*lead, *part] if i == 0 else ["", "", *part])
        out.append((f"{n:02d}", rows))
    return out


def write_workbook(form: FormDefinition, doc: Document, path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets(form, doc):
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def truth(form: FormDefinition, doc: Document) -> list[dict[str, object]]:
    """Every value that prints, by address: text as written, a check grid as its ticked options and
    their （…） details, a single box as true."""
    out: list[dict[str, object]] = []
    for slot in walk(form, doc):
        value = doc.get(slot.address)
        if value is None or value is False or not_applicable_reason(form, doc, slot.address) is not None:
            continue
        if isinstance(value, CheckValue):
            out.append({"address": slot.address, "value": list(value.checked),
                        "details": {k: v for k, v in value.details.items() if v.strip()}})
        elif value is True:
            out.append({"address": slot.address, "value": True})
        else:
            out.append({"address": slot.address, "value": value_text(value)})
    return out


def make_sample(fixture: Path, folder: Path) -> Path:
    """``folder``/NAME.xlsx, NAME.pdf (printed from the workbook) and truth.json for one fixture."""
    from pia_desktop.importers.xlsx_reader import read_xlsx
    from tests.importers.varied import Variant, write_pdf

    doc = read_document(fixture)
    form = load_form(doc.form_id)
    folder.mkdir(parents=True, exist_ok=True)
    xlsx = write_workbook(form, doc, folder / f"{fixture.stem}.xlsx")
    rows = [tuple(r.cells) for r in read_xlsx(xlsx).rows]
    write_pdf(rows, folder / f"{fixture.stem}.pdf", Variant("published"), as_excel_prints=True)
    (folder / "truth.json").write_text(json.dumps(truth(form, doc), ensure_ascii=False, indent=1), encoding="utf-8")
    return folder

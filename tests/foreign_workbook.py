"""A workbook as another tool (or the 様式 Excel file) would hold a 評価書: one sheet per section, the
printed labels and values in cells, "[ 値 ]" choices with their ＜選択肢＞ cell, "[ ○ ]" check rows.

Made from the print view model, so it works for every form; no cell positions of ours are assumed
by the importer, which matches by printed labels only.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.pdf.view_model.build import build_view
from pia_desktop.pdf.view_model.cells import CHOICE_CAPTION, CheckGrid, Choice, Content, Text
from pia_desktop.pdf.view_model.rows import Band, Caption, Field, Wide


def option_lines(choice: Choice) -> str:
    """The ＜選択肢＞ cell of a choice: the caption, then the numbered options row by row."""
    return CHOICE_CAPTION + "\n" + "\n".join("　".join(row) for row in choice.options)


def _cells(content: Content) -> list[list[str]]:
    """The rows of cells a content takes: a text is one cell, a choice two, a check grid one row per row."""
    if isinstance(content, Text):
        return [[content.text]]
    if isinstance(content, Choice):
        return [[content.value + content.suffix, option_lines(content)]]
    assert isinstance(content, CheckGrid)
    return [list(row.cells) for row in content.rows]


def write_workbook(form: FormDefinition, doc: Document, path: Path) -> Path:
    view = build_view(form, doc)
    wb = Workbook()
    wb.remove(wb.active)
    for n, section in enumerate(view.sections, 1):
        ws = wb.create_sheet(f"{n:02d}")
        if section.stamp:
            ws.append([section.stamp])
        if section.heading:
            ws.append([section.heading])
        for label, value in section.head:
            ws.append([label, value])
        ws.append([section.title])
        if section.columns:
            ws.append([c.label for c in section.columns])
            for table_row in section.table_rows:
                ws.append(list(table_row))
        for row in section.rows:
            if isinstance(row, Band):
                ws.append([row.text, *row.boxes, *(_cells(row.value)[0] if row.value else [])])
            elif isinstance(row, Caption):
                ws.append([row.text])
            elif isinstance(row, Wide):
                for cells in _cells(row.content):
                    ws.append(cells)
            else:
                assert isinstance(row, Field)
                lead = [row.outer] if row.outer else []
                for i, cells in enumerate(_cells(row.content)):
                    ws.append([*lead, row.label, *cells] if i == 0 else ["", *cells])
    wb.save(path)
    return path

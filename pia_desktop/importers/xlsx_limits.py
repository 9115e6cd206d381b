"""Bounds on a workbook, checked from the zip directory before openpyxl parses a part, and on the
rows a sheet makes us visit (README「読み込みの上限」).

openpyxl reads styles.xml and sharedStrings.xml whole when it opens a workbook, and its row
iterator yields an empty row for every row number a sheet skips: a 515 KB file with 3 million cell
formats took 2.5 GB, and a 7.6 KB file whose sheet holds one cell on row 1,048,576 took 31 s. Real
評価書 workbooks (the published samples) hold a few hundred formats and rows, and parts of a few
hundred KB.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import Any

from pia_desktop.importers.source import ImportFailure

MAX_PART_BYTES = {"xl/styles.xml": 8 * 1024 * 1024, "xl/sharedStrings.xml": 32 * 1024 * 1024}
MAX_SHEET_BYTES = 64 * 1024 * 1024  # each xl/worksheets/*.xml, once inflated
MAX_OTHER_PART_BYTES = 16 * 1024 * 1024  # anything else openpyxl may read (workbook.xml, rels, themes)
MAX_PARTS = 2_000
MAX_CELL_FORMATS = 64_000  # Excel's own limit on cell formats in a workbook
MAX_ROWS_VISITED = 200_000  # rows written in the sheets' XML, kept or not
MAX_STYLE_ELEMENTS = 400_000  # every element of styles.xml (the samples: ~280)
MAX_SHARED_STRINGS = 500_000  # openpyxl keeps them all in memory while the workbook is open
_XF = re.compile(rb"<(?:\w+:)?xf[\s/>]")
_SI = re.compile(rb"<(?:\w+:)?si[\s/>]")


def check_parts(name: str, zf: zipfile.ZipFile) -> None:
    """Refuse before parsing: too many parts, a part that inflates beyond its cap, too many formats."""
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        raise ImportFailure(f"{name} は部品（{len(infos):,} 個）が多すぎるため読み込めません。評価書の Excel ファイルではないと思われます。")
    for info in infos:
        part = info.filename
        if part.startswith("xl/media/") or part.startswith("docProps/thumbnail"):
            continue  # pictures are never parsed
        cap = MAX_PART_BYTES.get(part, MAX_SHEET_BYTES if part.startswith("xl/worksheets/") else MAX_OTHER_PART_BYTES)
        if info.file_size > cap:
            raise ImportFailure(f"{name} の「{part}」は展開すると大きすぎます（{info.file_size // 1024 // 1024} MB、上限 {cap // 1024 // 1024} MB）。"
                                "評価書の Excel ファイルではないと思われます。")
    if "xl/styles.xml" in zf.namelist():
        try:
            styles = _read_capped(zf, "xl/styles.xml", MAX_PART_BYTES["xl/styles.xml"])
        except zipfile.BadZipFile as exc:
            raise ImportFailure(f"{name} は壊れているため読み込めません（styles.xml）。") from exc
        formats = len(_XF.findall(styles))
        if formats > MAX_CELL_FORMATS:
            raise ImportFailure(f"{name} はセルの書式が多すぎます（{formats:,} 個、上限 {MAX_CELL_FORMATS:,} 個）。評価書の Excel ファイルではないと思われます。")
        if styles.count(b"<") > MAX_STYLE_ELEMENTS:  # fonts, fills, borders … each parsed into objects
            raise ImportFailure(f"{name} は書式の定義が多すぎます（{styles.count(b'<'):,} 個）。評価書の Excel ファイルではないと思われます。")
    if "xl/sharedStrings.xml" in zf.namelist():
        try:
            strings = _read_capped(zf, "xl/sharedStrings.xml", MAX_PART_BYTES["xl/sharedStrings.xml"])
        except zipfile.BadZipFile as exc:
            raise ImportFailure(f"{name} は壊れているため読み込めません（sharedStrings.xml）。") from exc
        count = len(_SI.findall(strings))
        if count > MAX_SHARED_STRINGS:
            raise ImportFailure(f"{name} は共有文字列が多すぎます（{count:,} 個、上限 {MAX_SHARED_STRINGS:,} 個）。評価書の Excel ファイルではないと思われます。")


def _read_capped(zf: zipfile.ZipFile, part: str, cap: int) -> bytes:
    """The part, never more than ``cap`` bytes (the directory's sizes may lie)."""
    with zf.open(part) as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise ImportFailure(f"「{part}」は展開すると大きすぎます（上限 {cap // 1024 // 1024} MB）。")
    return data


def sheet_rows(ws: Any, max_col: int, name: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of the rows the sheet's XML holds — never the rows it skips (openpyxl's
    iterator makes up an empty row for each) — refusing after MAX_ROWS_VISITED rows."""
    for visited, (number, values) in enumerate(_parsed_rows(ws, max_col), start=1):
        if visited > MAX_ROWS_VISITED:
            raise ImportFailure(f"{name} のシート「{ws.title}」は行が多すぎます（{MAX_ROWS_VISITED:,} 行超）。評価書の Excel ファイルではないと思われます。")
        yield number, values


def _parsed_rows(ws: Any, max_col: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:  # openpyxl's own parser, row by row as written (its read-only sheet uses the same)
        from openpyxl.worksheet._reader import WorkSheetParser

        source = ws._get_source
        wb = ws.parent
        strings = ws._shared_strings
    except (ImportError, AttributeError):  # another openpyxl: its iterator, gaps included
        yield from enumerate(ws.iter_rows(max_col=max_col, values_only=True), start=1)
        return
    with source() as src:
        parser = WorkSheetParser(src, strings, data_only=wb.data_only, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for number, cells in parser.parse():
            yield number, tuple(ws._get_row(cells, 1, max_col, True))

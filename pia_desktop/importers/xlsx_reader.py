"""Read an Excel workbook (.xlsx) into rows, sheet by sheet in workbook order.

Only cell values are read (no formatting, no formulas: the cached results). Worksheet names and
cell positions are reported as "where" for the review screen but never used for matching.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from pia_desktop.importers.source import ImportFailure, SourceDocument, SourceRow
from pia_desktop.importers.xlsx_limits import check_parts, sheet_rows

MAX_XLSX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a zip bomb stops here
MAX_ROWS = 20_000
MAX_COLUMNS = 60
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        from pia_desktop.domain.wareki import normalize_wareki

        d = value.date() if isinstance(value, dt.datetime) else value
        return normalize_wareki(f"{d.year}/{d.month}/{d.day}") or d.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_ole(path: Path, head: bytes) -> None:
    """Encrypted .xlsx files and old .xls files are OLE containers, not zip files."""
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()[: 4 * 1024 * 1024]
        if _ENCRYPTED_MARK in data:
            raise ImportFailure(f"{path.name} はパスワードで保護（暗号化）されているため読み込めません。Excel でパスワードを解除して保存し直してから取り込んでください。")
        raise ImportFailure(f"{path.name} は古い Excel 形式（.xls）です。Excel で「Excel ブック（*.xlsx）」として保存し直してから取り込んでください。")


def read_xlsx(path: Path) -> SourceDocument:
    size = path.stat().st_size
    if size > MAX_XLSX_BYTES:
        raise ImportFailure(f"{path.name} は大きすぎます（{size // 1024 // 1024} MB）。評価書の Excel ファイルではないと思われます。")
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if "xl/workbook.xml" not in names:
                raise ImportFailure(f"{path.name} は Excel ブック（.xlsx）ではありません。")
            if sum(i.file_size for i in zf.infolist()) > MAX_UNZIPPED_BYTES:
                raise ImportFailure(f"{path.name} は展開後の大きさが上限を超えるため読み込めません。")
            check_parts(path.name, zf)
    except zipfile.BadZipFile as exc:
        raise ImportFailure(f"{path.name} は壊れているため読み込めません（Excel ブックとして開けません）。") from exc

    import openpyxl

    # The file is opened and closed here: openpyxl leaves its archive open when the workbook is broken, and
    # Windows then keeps the user's file locked (cannot be saved over or deleted) until Python collects it.
    fh = path.open("rb")
    try:
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on broken parts
        fh.close()
        raise ImportFailure(f"{path.name} は壊れているため読み込めません（{type(exc).__name__}）。") from exc
    doc = SourceDocument(name=path.name, kind="xlsx")
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                doc.notes.append(f"非表示のシート「{ws.title}」は読み飛ばしました")
                continue
            for r, row in sheet_rows(ws, MAX_COLUMNS, path.name):
                if not any(v is not None for v in row):
                    continue
                cells = tuple(_cell_text(v).strip() for v in row)
                if not any(cells):
                    continue
                while cells and not cells[-1]:
                    cells = cells[:-1]
                first = next(i for i, c in enumerate(cells) if c)
                wheres = tuple(f"{ws.title}!{_col(i)}{r}" for i in range(len(cells)))
                doc.rows.append(SourceRow(cells, wheres[first], wheres=wheres))
                if len(doc.rows) > MAX_ROWS:
                    raise ImportFailure(f"{path.name} は行数が多すぎます（{MAX_ROWS} 行超）。評価書の Excel ファイルではないと思われます。")
    except ImportFailure:
        raise
    except Exception as exc:
        raise ImportFailure(f"{path.name} の読み込み中に問題が起きました（{type(exc).__name__}）。ファイルが壊れている可能性があります。") from exc
    finally:
        wb.close()
        fh.close()
    if not doc.rows:
        raise ImportFailure(f"{path.name} には何も記載されていません。")
    return doc


def _col(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        name = chr(65 + rem) + name
    return name

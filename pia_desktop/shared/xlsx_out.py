"""Writing the lists a 取りまとめ課 opens in a spreadsheet (the portfolio, the 指摘・回答一覧): every cell is text
(whatever it begins with, never a formula), characters an xlsx cannot hold are replaced, and the file is saved
whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def xlsx_text(text: str) -> str:
    """Characters an xlsx cannot hold (C0 controls but tab and newline) would make openpyxl refuse the whole list."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def put_text(cell: Any, text: str) -> None:
    """A text cell, whatever it begins with ("=HYPERLINK(…)" stays words): never a formula."""
    cell.value = xlsx_text(text)
    cell.data_type = "s"


def save_workbook(workbook: Any, path: Path) -> None:
    """Saved beside the target and renamed: no partial file is left (a full disk, a failed save)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        workbook.save(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)

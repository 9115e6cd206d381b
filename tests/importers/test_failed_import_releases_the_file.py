"""A failed import leaves the user's file closed at once.

On Windows an open file cannot be saved over or deleted ("別のプログラムが使用中"): openpyxl and pdfplumber
left a broken workbook or PDF open until Python happened to collect it (found by scripts/fuzz.py under
Windows Python). Checked while the error, and the traceback that would keep such a file alive, still exist.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from pia_desktop.importers import ImportFailure, import_file


def _is_open(path: Path) -> bool:
    if os.name == "nt":  # an open file cannot be renamed there
        try:
            path.rename(path.with_name("moved"))
        except PermissionError:
            return True
        path.with_name("moved").rename(path)
        return False
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("no /proc/self/fd to list this process's open files")
    return any(os.path.realpath(fd) == str(path.resolve()) for fd in fds.iterdir())


def _broken_workbook() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:  # looks like a workbook to the size checks; openpyxl fails inside
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<not-a-workbook")
    return buf.getvalue()


BROKEN = {
    "workbook.xlsx": _broken_workbook(),
    "no-pages.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "garbage.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 8,
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_is_closed_when_its_import_fails(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BROKEN[name])
    with pytest.raises(ImportFailure) as failure:
        import_file(path)
    assert name in str(failure.value)
    assert not _is_open(path)

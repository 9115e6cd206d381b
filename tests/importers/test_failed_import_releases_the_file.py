"""A failed import leaves the user's file closed at once.

On Windows an open file cannot be saved over or deleted ("別のプログラムが使用中"): openpyxl and pdfplumber
left a broken workbook or PDF open until Python happened to collect it (found by scripts/fuzz.py under
Windows Python). Checked while the error, and the traceback that would keep such a file alive, still exist.
"""

from __future__ import annotations

import io
import os
import re
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


def test_a_damaged_store_gives_the_message_naming_it(tmp_path: Path) -> None:
    # Its list opens but a document does not: on Windows SQLite kept the temporary copy open while the error
    # lived, and the import ended in a sharing violation on that copy instead of this message.
    import sqlite3

    from pia_desktop.domain.exchange import read_document
    from pia_desktop.importers.api import StoreSource
    from pia_desktop.storage.store import Store

    path = tmp_path / "同僚の保存ファイル.sqlite3"
    with Store(path) as store:
        aid = store.add_document(read_document(Path(__file__).parents[1] / "fixtures" / "seed-003.json"))
    with sqlite3.connect(path) as db:
        db.execute("update answers set value = cast(x'ff22fe' as text)")  # not UTF-8
    db.close()
    with pytest.raises(ImportFailure, match=re.escape(path.name)), StoreSource(path) as source:
        assert [s.id for s in source.summaries] == [aid]
        source.load(aid)

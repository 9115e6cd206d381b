"""Reading a store file's table layout directly, for the migration tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def assessment_columns(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {row[1] for row in con.execute("PRAGMA table_info(assessments)")}
    finally:
        con.close()

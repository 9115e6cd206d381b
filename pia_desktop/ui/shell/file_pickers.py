"""The file pickers: a QFileDialog that opens in the folder last used for the same purpose (保存ファイル,
取り込み, 一覧表…), each its own, and remembers the folder chosen; the file filters of the main window's
questions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from pia_desktop.ui.shell.settings import remember_folder, start_folder

STORE_FILTER = "PIA Desktop 保存ファイル (*.sqlite3 *.db);;すべてのファイル (*)"
LIST_FILTER = "CSV (*.csv);;Excel (*.xlsx);;すべてのファイル (*)"
IMPORT_FILTER = "評価書 (*.pdf *.xlsx *.json);;すべてのファイル (*)"


def choose_file(parent: QWidget | None, purpose: str, title: str, start: Path, filter_: str, *, save: bool = False) -> Path | None:
    """QFileDialog starting where the user last chose a file for ``purpose`` (else at ``start``);
    the folder chosen is remembered."""
    # A folder to start in, or a suggested file name: kept, in the remembered folder.
    begin = start_folder(purpose, start) if start.is_dir() else start_folder(purpose, start.parent) / start.name
    ask = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
    path, _ = ask(parent, title, str(begin), filter_)
    if not path:
        return None
    remember_folder(purpose, Path(path))
    return Path(path)

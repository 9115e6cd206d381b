"""出力's questions and what it tells the user: where to save (the file name it suggests), what the
written file holds (提出用 / 公表用 / JSON), what could not be printed, and "フォルダを開く".

Both the export (``ui/output/export.py``) and the 印刷プレビュー's 保存 (``ui/output/preview.py``) ask
through an ``ExportDialogs`` object, so tests substitute scripted answers and nothing modal can hang them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import load_form

PDF_FILTER = "PDF ファイル (*.pdf)"
JSON_FILTER = "評価書データ JSON (*.json)"
SUBMISSION_NOTE = "提出用PDFには、非公表とした記載を含むすべての記載を印字し、評価書データ（すべての回答）を添付しています。公表には公表用PDFを使ってください。"
PUBLIC_NOTE = "公表用PDFでは、非公表とした {n} 項目を「（非公表）」と印字しています。評価書データは添付していません。"
PUBLIC_NONE_NOTE = "非公表とした項目はありません。公表用PDFにはすべての記載をそのまま印字しています（評価書データは添付していません）。"
JSON_NOTE = "評価書データ（JSON）には、非公表とした記載を含むすべての回答が入っています。公表しないでください。"


def suggested_file_name(doc: Document, public: bool, suffix: str = ".pdf") -> str:
    """評価書名 (or 評価書) + "_公表用" for the public variant, safe as a Windows file name."""
    from pia_desktop.domain.file_names import safe_file_stem

    name = doc.get(load_form(doc.form_id).roles.title)
    base = safe_file_stem(name, "評価書") if isinstance(name, str) else "評価書"
    return f"{base}{'_公表用' if public else ''}{suffix}"


def export_note(doc: Document, public: bool) -> str:
    """What the exported file holds, in the clerk's words: the 提出用 embeds every answer (非公表 ones
    too), the 公表用 does not, and a 公表用 with nothing 非公表 says so."""
    if not public:
        return SUBMISSION_NOTE
    hidden = [a for a in doc.non_public if doc.get(a) is not None]
    return PUBLIC_NOTE.format(n=len(hidden)) if hidden else PUBLIC_NONE_NOTE


class ExportDialogs:
    """The real, modal questions of the export."""

    def ask_save_path(self, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to save: a PDF, or the JSON when ``suggested`` ends in .json."""
        suffix = ".json" if suggested.suffix.lower() == ".json" else ".pdf"
        title, filter_ = ("評価書データの保存先", JSON_FILTER) if suffix == ".json" else ("PDFの保存先", PDF_FILTER)
        path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_)
        if not path:
            return None
        out = Path(path)
        return out if out.suffix.lower() == suffix else out.with_suffix(suffix)

    def ask_open_folder(self, parent: QWidget | None, path: Path, note: str = "") -> bool:
        what = "評価書データを保存しました。" if path.suffix.lower() == ".json" else "PDFを出力しました。"
        text = f"{what}\n{path}" + (f"\n\n{note}" if note else "")
        box = QMessageBox(QMessageBox.Icon.Information, what.rstrip("。"), text, QMessageBox.StandardButton.NoButton, parent)
        open_button = box.addButton("フォルダを開く", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("閉じる", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is open_button

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)


def unprintable_message(notes: list[str], limit: int = 10) -> str:
    """The warning after an export whose PDF has characters the fonts cannot print."""
    shown = notes[:limit] + ([f"ほか {len(notes) - limit} 項目"] if len(notes) > limit else [])
    return "PDFを出力しましたが、印字できない文字があります。\n\n" + "\n\n".join(shown)


def open_folder(folder: Path) -> None:
    """Show the folder in the file manager (Explorer on Windows)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


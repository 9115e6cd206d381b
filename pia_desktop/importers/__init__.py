"""取り込み: last year's 評価書 from JSON, our own PDFs, other tools' PDFs and Excel sheets, and other
store files. ``api.import_file`` is the entry point; nothing in this package imports Qt."""

from pia_desktop.importers.api import copy_from_store, detect_kind, import_file
from pia_desktop.importers.report import ImportReport, ImportResult
from pia_desktop.importers.source import ImportFailure

__all__ = ["ImportFailure", "ImportReport", "ImportResult", "copy_from_store", "detect_kind", "import_file"]

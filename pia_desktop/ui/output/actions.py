"""出力: 印刷プレビュー and the two PDFs of the open 評価書, run in the background (``ui/output/export.py``)."""

from __future__ import annotations

from typing import Any

from pia_desktop.ui.output.export import ExportJob


class OutputActions:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.jobs: list[ExportJob] = []  # running exports, kept alive until they finish

    def _dialogs(self) -> Any:
        dialogs = self.window.dialogs
        return dialogs if hasattr(dialogs, "ask_save_path") else None

    def _document(self) -> Any:
        session = self.window.current_session()
        if session is None:
            return None
        if self.window.wizard is not None:
            self.window.wizard.flush()
        return session.doc

    def preview(self) -> Any:
        from pia_desktop.ui.output.preview import PdfPreviewDialog

        doc = self._document()
        if doc is None:
            return None
        dialog = PdfPreviewDialog(doc, parent=self.window, dialogs=self._dialogs())
        dialog.open()
        return dialog

    def export(self, public: bool) -> ExportJob | None:
        doc = self._document()
        if doc is None:
            return None
        job = ExportJob(self.window, doc, public=public, dialogs=self._dialogs())
        self.jobs.append(job)
        job.finished.connect(lambda _p: self.jobs.remove(job) if job in self.jobs else None)
        job.start()
        return job

    def export_submit(self) -> ExportJob | None:
        return self.export(False)

    def export_public(self) -> ExportJob | None:
        return self.export(True)

    def export_json(self) -> object:
        from pia_desktop.ui.output.export import export_json

        doc = self._document()
        return export_json(self.window, doc, dialogs=self._dialogs()) if doc is not None else None

"""Scripted answers for the yearly-review actions of the main window (``YearlyDialogs``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pia_desktop.ui.yearly.import_review import ImportReviewDialog


class FakeYearly:
    def __init__(self) -> None:
        self.import_path: Path | None = None
        self.accept_review = True
        self.reviewed: list[Any] = []
        self.store_ids: list[int] | None = None
        self.baseline: int | None = None
        self.kept: Any = "all"
        self.place: list[tuple[int, str]] = []  # (fragment index, address) placed by hand in the review

    def ask_import_file(self, parent: Any, start: Path) -> Path | None:
        return self.import_path

    def review_import(self, parent: Any, result: Any, facts: Any = None) -> list[Any] | None:
        dlg = ImportReviewDialog(result, parent, facts)  # built for real, answered by the script
        self.reviewed.append(dlg)
        for index, address in self.place:
            dlg.select_fragment(index)
            dlg.set_target(address)
            dlg.assign_button.click()
        return dlg.accepted_links() if self.accept_review else None

    def choose_from_store(self, parent: Any, name: str, summaries: list[Any]) -> list[int] | None:
        return self.store_ids if self.store_ids is not None else [s.id for s in summaries]

    def choose_baseline(self, parent: Any, summaries: list[Any]) -> int | None:
        return self.baseline

    def review_changes(self, parent: Any, form: Any, draft: Any, rows: list[Any], phrases: list[str], default_reason: str) -> Any:
        return rows if self.kept == "all" else self.kept

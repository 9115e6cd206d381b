"""The import report: for every item, what was imported from where, and what was not found.

The same report drives the CLI's --report JSON and the GUI's 取り込み review screen.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from pia_desktop.domain.document import Document

Status = Literal["imported", "empty", "not_found", "ambiguous", "fixed"]
STATUS_LABELS: dict[str, str] = {
    "imported": "取り込み済み",
    "empty": "空欄",
    "not_found": "見つからない",
    "ambiguous": "要確認",
    "fixed": "定型文",
}


@dataclass(frozen=True)
class ReportEntry:
    address: str
    path: str  # the printed path ("Ⅱ　特定個人情報ファイルの概要（１） › ２．基本情報 › …")
    status: Status
    value: str = ""  # as imported, as text
    source: str = ""  # the source text the value came from
    where: str = ""  # "p.3", "Ⅰ基本情報!C9"
    note: str = ""


@dataclass(frozen=True)
class UnmatchedText:
    text: str
    where: str


@dataclass
class ImportReport:
    source: str  # file name
    kind: str  # json | pdf-embedded | pdf | xlsx | store
    entries: list[ReportEntry] = field(default_factory=list)
    unmatched: list[UnmatchedText] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source_version: str = ""  # the 様式 stamp read from the file, when printed

    def count(self, status: Status) -> int:
        return sum(1 for e in self.entries if e.status == status)

    def summary(self) -> str:
        parts = [f"{STATUS_LABELS[s]} {self.count(s)} 件" for s in ("imported", "ambiguous", "not_found")]
        return f"{self.source}: " + "、".join(parts)

    def to_data(self) -> dict[str, object]:
        return {
            "source": self.source,
            "kind": self.kind,
            "source_version": self.source_version,
            "summary": {s: self.count(s) for s in STATUS_LABELS},  # type: ignore[arg-type]
            "notes": list(self.notes),
            "items": [asdict(e) for e in self.entries],
            "unmatched": [asdict(u) for u in self.unmatched],
        }


@dataclass
class ImportResult:
    document: Document
    report: ImportReport

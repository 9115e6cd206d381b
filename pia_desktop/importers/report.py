"""The import report: for every item, what was imported from where, and what was not found; and for
every text fragment read from the file (a PDF cell or line, a worksheet cell), where it went.

The same report drives the CLI's --report JSON and the GUI's 取り込み review screen.

Fragment accounting: each fragment is ``placed`` (its text is in an item's value), ``form`` (the
form's own printed text: labels, option lists, headings, 様式 stamp, page furniture), ``review``
(placed, but its text has the shape of another entry: check it) or ``unplaced`` (in no item: the
user places it by hand or confirms it is not needed). Nothing read from the file goes uncounted.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from pia_desktop.domain.document import Document

Status = Literal["imported", "empty", "not_found", "ambiguous", "fixed"]
STATUS_LABELS: dict[str, str] = {
    "imported": "取り込み済み",
    "empty": "空欄",
    "not_found": "見つからない",
    "ambiguous": "要確認",
    "fixed": "定型文",
}

FragmentStatus = Literal["placed", "form", "review", "unplaced"]
FRAGMENT_LABELS: dict[str, str] = {
    "placed": "項目に取り込み済み",
    "form": "様式の文字",
    "review": "要確認",
    "unplaced": "未配置",
}
# What kind of the form's own text a "form" fragment is.
FORM_KINDS: dict[str, str] = {
    "label": "項目名",
    "heading": "見出し",
    "option": "選択肢の一覧",
    "fixed": "定型文",
    "stamp": "様式の版",
    "furniture": "ページの余白（ページ番号・柱）",
    "slot": "繰り返しの見出し",
    "toc": "項目一覧",
    "hand": "不要（手作業で確認）",
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
class Fragment:
    """One piece of text read from the file and what became of it."""

    text: str
    where: str  # "p.3", "Ⅰ基本情報!C9"
    status: FragmentStatus = "unplaced"
    addresses: list[str] = field(default_factory=list)  # placed / review: the items it went to
    kind: str = ""  # form: a FORM_KINDS key
    note: str = ""  # review / unplaced: why
    by_hand: bool = False  # placed or dismissed by the user in the review screen

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())


@dataclass(frozen=True)
class Assignment:
    """A fragment placed by hand in the review screen: kept with the import."""

    fragment: int  # index into ImportReport.fragments
    address: str  # "" when dismissed as not needed
    mode: Literal["append", "replace", "dismiss"]
    text: str


@dataclass
class ImportReport:
    source: str  # file name
    kind: str  # json | pdf-embedded | pdf | xlsx | store
    entries: list[ReportEntry] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source_version: str = ""  # the 様式 stamp read from the file, when printed
    assignments: list[Assignment] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for e in self.entries if e.status == status)

    def fragment_count(self, status: FragmentStatus) -> int:
        return sum(1 for f in self.fragments if f.status == status)

    @property
    def unplaced(self) -> list[Fragment]:
        return [f for f in self.fragments if f.status == "unplaced"]

    @property
    def to_review(self) -> list[Fragment]:
        return [f for f in self.fragments if f.status == "review"]

    @property
    def unmatched(self) -> list[UnmatchedText]:
        """The unplaced fragments (the older name, kept for callers)."""
        return [UnmatchedText(f.text, f.where) for f in self.unplaced]

    def summary(self) -> str:
        parts = [f"{STATUS_LABELS[s]} {self.count(s)} 件" for s in ("imported", "ambiguous", "not_found")]
        text = f"{self.source}: " + "、".join(parts)
        if self.fragments:
            text += f"（読み取った記載 {len(self.fragments)} 件のうち未配置 {self.fragment_count('unplaced')} 件、要確認 {self.fragment_count('review')} 件）"
        return text

    def to_data(self) -> dict[str, object]:
        return {
            "source": self.source,
            "kind": self.kind,
            "source_version": self.source_version,
            "summary": {s: self.count(s) for s in STATUS_LABELS},  # type: ignore[arg-type]
            "fragments_summary": {"total": len(self.fragments), **{s: self.fragment_count(s) for s in FRAGMENT_LABELS}},  # type: ignore[arg-type]
            "notes": list(self.notes),
            "items": [asdict(e) for e in self.entries],
            "unmatched": [asdict(u) for u in self.unmatched],
            "unplaced": [asdict(f) for f in self.unplaced],
            "review": [asdict(f) for f in self.to_review],
            "fragments": [asdict(f) for f in self.fragments],
            "assignments": [asdict(a) for a in self.assignments],
        }


@dataclass
class ImportResult:
    document: Document
    report: ImportReport
    # importers.attachment.AttachmentConflict: a PDF's attachment disagrees with its printed pages.
    # ``document`` is then the printed one; ``conflict.choose("attachment" | "pages")`` gives the other.
    conflict: Any = None

"""The portfolio for the 取りまとめ課: every 評価書 of the store grouped by 事務, with its last 見直し,
next due dates and open errors, and a CSV / xlsx list of it.

A 事務 held over several years (last year's published copy, this year's 新年度版, copies imported
twice) is one 事務 here: each of its 評価書 (基礎, 重点, 全項目) is one row showing its latest version,
with the 年度 of every version listed, and its due dates counted from its latest published version
(``shared.lineage``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pia_desktop.checks.due_dates import wareki_text
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.fiscal_year import nendo_text
from pia_desktop.domain.form_definition import load_form
from pia_desktop.shared import lineage
from pia_desktop.shared.xlsx_out import put_text, save_workbook
from pia_desktop.storage.listing import Summary
from pia_desktop.storage.store import Store

KIND_SHORT = {"kiso": "基礎", "juten": "重点", "zen": "全項目"}
KIND_RANK = {"kiso": 0, "juten": 1, "zen": 2}
COLUMNS = ("事務", "種類", "評価書番号", "評価書名", "評価実施機関名", "状況", "公表日", "最後の見直し", "見直しの結果",
           "見直しの目安", "再実施の期限", "誤り", "警告", "年度", "年度ごとの版")


@dataclass(frozen=True)
class PortfolioRow:
    group: str  # the 事務 key (jimu, or "#id" for an assessment on its own)
    jimu: str  # 事務の名称 as written (or the 評価書名 when there is none)
    kind: str  # 基礎 / 重点 / 全項目
    assessment_id: int
    number: str
    title: str
    org: str
    status: str
    published: str
    last_review: date | None
    last_result: str
    review_due: date | None
    rerun_due: date | None
    errors: int | None  # None: could not be checked (a damaged row)
    warnings: int | None
    nendo: int | None = None  # the 年度 of the version shown (the latest)
    versions: str = ""  # every version of this 評価書, newest first: 「令和8年度 作成中（ID 5）・令和6年度 公表済（ID 2）」
    due_from: int | None = None  # the version the due dates are counted from (its latest published one)
    version_count: int = 1  # how many versions of this 評価書 the store holds

    def cells(self) -> list[str]:
        def d(x: date | None) -> str:
            return wareki_text(x) if x else ""

        return [self.jimu, self.kind, self.number, self.title, self.org, self.status, self.published, d(self.last_review),
                self.last_result, d(self.review_due), d(self.rerun_due), "" if self.errors is None else str(self.errors),
                "" if self.warnings is None else str(self.warnings), nendo_text(self.nendo), self.versions]

    def overdue(self, today: date) -> bool:
        return any(x is not None and x < today for x in (self.review_due, self.rerun_due))


def _versions_text(versions: list[Summary]) -> str:
    """Every version, newest first, with its 年度 and 状況 (only when there is more than one)."""
    if len(versions) < 2:
        return ""
    ordered = sorted(versions, key=lineage.version_key, reverse=True)
    return "・".join(f"{nendo_text(lineage.nendo_of(v)) or '年度不明'} {v.status}（ID {v.id}）" for v in ordered)


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _row(store: Store, group: str, versions: list[Summary], today: date) -> PortfolioRow:
    """The row of one 評価書 of a 事務: its latest version, due dates from its latest published one. Read from
    the kept 点検 summaries: a document is loaded and checked only when it changed since."""
    from dataclasses import replace

    from pia_desktop.shared.check_summaries import summary_of

    s = lineage.latest(versions)
    base = lineage.latest_published(versions, today)
    extra = {"nendo": lineage.nendo_of(s), "versions": _versions_text(versions), "due_from": base.id if base else None,
             "version_count": len(versions)}
    try:
        summary = summary_of(store, s.id, today)
        form = load_form(s.form_id)
        errors, warnings = summary.counts(today)
        reviewed = [v for v in versions if v.last_review]  # a 見直し recorded on any version of it
        last = max(reviewed, key=lambda v: (v.last_review or "", v.id)) if reviewed else None
        row = PortfolioRow(group, summary.jimu_name or "（名称未記入）", KIND_SHORT.get(form.roles.kind, ""), s.id, s.number,
                           s.name, s.org, s.status, s.published, _day(last.last_review) if last else None,
                           (last.last_review_result or "") if last else "", None, None, errors, warnings, **extra)  # type: ignore[arg-type]
        if base is not None:
            row = replace(row, **_due_of(store, base, last, today))
        return row
    except PiaError:  # a row that cannot be read is listed, not dropped
        return PortfolioRow(group, s.name or "（読み取れません）", "", s.id, s.number, s.name, s.org, s.status,
                            s.published, None, "", None, None, None, None, **extra)  # type: ignore[arg-type]


def _due_of(store: Store, base: Summary, last: Summary | None, today: date) -> dict[str, date | None]:
    """The published version's due dates, counted from the latest 見直し of any version of it (which needs the
    document only when that 見直し was recorded on another version)."""
    from pia_desktop.checks.due_dates import due_dates
    from pia_desktop.shared.check_summaries import summary_of

    if last is None or last.id == base.id or (last.last_review or "") <= (base.last_review or ""):
        kept = summary_of(store, base.id, today)
        return {"review_due": _day(kept.review_due), "rerun_due": _day(kept.rerun_due)}
    doc = store.load(base.id)
    due = due_dates(load_form(doc.form_id), doc, last_review=_day(last.last_review))
    return {"review_due": due.review_due, "rerun_due": due.rerun_due}


def portfolio(store: Store, *, today: date | None = None, progress: Callable[[int, int], None] | None = None) -> list[PortfolioRow]:
    """One row per 評価書 of a 事務 (the trash left out) — its latest version, every 年度 held listed — the
    評価書 of one 事務 together: 基礎, 重点, 全項目."""
    today = today or date.today()
    summaries = store.list_assessments()
    groups = lineage.group_keys(summaries)
    by_kind: dict[tuple[str, str], list[Summary]] = {}
    for s in summaries:
        by_kind.setdefault((groups[s.id], lineage.kind_of(s.form_id) or f"#{s.id}"), []).append(s)
    rows = []
    for i, ((group, _kind), versions) in enumerate(by_kind.items(), 1):
        rows.append(_row(store, group, versions, today))
        if progress is not None:
            progress(i, len(by_kind))
    first_name: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: (KIND_RANK.get(_kind_id(r.kind), 9), r.assessment_id)):
        first_name.setdefault(r.group, r.jimu)
    rows = [r if first_name[r.group] == r.jimu else _with_jimu(r, first_name[r.group]) for r in rows]
    return sorted(rows, key=lambda r: (r.jimu, r.group, KIND_RANK.get(_kind_id(r.kind), 9), r.assessment_id))


def _kind_id(short: str) -> str:
    return next((k for k, v in KIND_SHORT.items() if v == short), "")


def _with_jimu(row: PortfolioRow, jimu: str) -> PortfolioRow:
    from dataclasses import replace

    return replace(row, jimu=jimu)


# A cell beginning with one of these is taken by Excel (and LibreOffice) as a formula: =HYPERLINK(...) from a
# crafted 評価書名 would become a live link in the list the 取りまとめ課 opens (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """``text`` for a CSV cell: one that would start a formula gets a leading apostrophe (shown as text)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(rows: list[PortfolioRow]) -> str:
    """CSV with a header, for Excel: written as UTF-8 with BOM by ``write_csv``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([csv_safe(c) for c in r.cells()])
    return out.getvalue()


def write_csv(rows: list[PortfolioRow], path: Path) -> None:
    from pia_desktop.fileio import atomic_write_text

    atomic_write_text(Path(path), "\ufeff" + to_csv(rows))


def write_xlsx(rows: list[PortfolioRow], path: Path, *, title: str = "評価書一覧") -> None:
    """An .xlsx workbook: one sheet, a header row, frozen panes and a filter."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for row_number, r in enumerate(rows, 2):
        for col, text in enumerate(r.cells(), 1):
            if col in (12, 13):  # 誤り, 警告: counts as numbers
                ws.cell(row_number, col, int(text) if text else None)
            elif text:
                put_text(ws.cell(row_number, col), text)
    widths = (28, 8, 10, 40, 18, 8, 16, 16, 10, 16, 16, 6, 6)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    save_workbook(wb, path)


def write_list(rows: list[PortfolioRow], path: Path) -> None:
    """The list as CSV or xlsx, by the name's suffix (the command line's ``store portfolio``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise PiaError(f"一覧表の書き出し先 {path.name} の拡張子は .csv 又は .xlsx にしてください")
    try:
        (write_csv if suffix == ".csv" else write_xlsx)(rows, path)
    except OSError as exc:
        raise PiaError(f"一覧表を {path} に書き出せません（{exc.strerror or exc}）") from exc

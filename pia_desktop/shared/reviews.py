"""見直し records: the yearly review leaves a trace even when nothing changed.

The rules expect a 見直し at least once a year; the next one is counted from the last recorded review
(or the 公表日, whichever is later). The history is kept with the assessment, exported with it
(exchange format ``reviews``) and carried by 新年度版を作成.
"""

from __future__ import annotations

from datetime import date

from pia_desktop.checks.due_dates import DueDates, due_dates
from pia_desktop.domain.conversion import ConversionError, convert, error_parts
from pia_desktop.domain.document import REVIEW_RESULTS, Document, ReviewRecord
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import load_form
from pia_desktop.storage.store import Store


class ReviewError(PiaError):
    """A 見直し record cannot be made as given."""


def make_record(reviewed_on: date, reviewer: str, result: str, note: str = "", *, today: date | None = None) -> ReviewRecord:
    if result not in REVIEW_RESULTS:
        raise ReviewError(f"見直しの結果は「{'」「'.join(REVIEW_RESULTS)}」のいずれかです: {result}")
    if reviewed_on > (today or date.today()):
        raise ReviewError("見直しを行った日に未来の日付は記録できません")
    try:  # converted, not constructed: the lengths of 見直しを行った者 and 備考 are checked too
        return convert({"reviewed_on": reviewed_on, "reviewer": reviewer.strip(), "result": result, "note": note.strip()}, ReviewRecord)
    except ConversionError as exc:
        msg, loc = error_parts(exc)
        field = {"reviewer": "見直しを行った者", "note": "備考"}.get(str(loc[-1]) if loc else "", "見直しの記録")
        raise ReviewError(f"{field}が正しくありません（{msg}）") from exc


def record_review(store: Store, aid: int, record: ReviewRecord) -> int:
    """Store the record with the assessment (no answer changes, no 変更箇所 row)."""
    return store.add_review(aid, record)


def last_review_date(doc: Document) -> date | None:
    last = doc.last_review()
    return last.reviewed_on if last else None


def due_dates_of(doc: Document) -> DueDates:
    """The document's due dates, the 見直し counted from its last recorded review."""
    return due_dates(load_form(doc.form_id), doc, last_review=last_review_date(doc))


def review_line(record: ReviewRecord | None) -> str:
    from pia_desktop.checks.due_dates import wareki_text

    if record is None:
        return "（記録なし）"
    who = f"　{record.reviewer}" if record.reviewer else ""
    return f"{wareki_text(record.reviewed_on)}　{record.result}{who}"

"""The 年度 of the assessments a store held before it had one (schema migration 5), derived once."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.fiscal_year import fiscal_year, next_nendo, year_of_text


def _created_day(stamp: str) -> date:
    try:
        return datetime.fromisoformat(stamp).date()
    except (TypeError, ValueError):
        return date.today()


def _conducted_address(form_id: str, cache: dict[str, str | None]) -> str | None:
    if form_id not in cache:
        from pia_desktop.domain.form_definition import load_form

        try:
            cache[form_id] = load_form(form_id).roles.conducted
        except PiaError:  # a form this release no longer has: its dates cannot be found
            cache[form_id] = None
    return cache[form_id]


def backfill_nendo(db: Any) -> None:
    """Fill ``nendo`` where it is NULL: 公表日 → 評価の実施日 → the year after the baseline's (not before the
    year the row was created in) → the year it was created in. Runs inside the migration's transaction."""
    rows = db.execute("select id, form_id, published, created_at, baseline_id from assessments where nendo is null").fetchall()
    known: dict[int, int] = {int(i): int(n) for i, n in db.execute("select id, nendo from assessments where nendo is not null")}
    pending = {int(r[0]): r for r in rows}
    forms: dict[str, str | None] = {}

    def resolve(aid: int, seen: frozenset[int] = frozenset()) -> int | None:
        if aid in known:
            return known[aid]
        row = pending.get(aid)
        if row is None or aid in seen:  # gone, or a (damaged) baseline cycle
            return None
        _, form_id, published, created_at, baseline_id = row
        year = year_of_text(published)
        if year is None:
            address = _conducted_address(str(form_id), forms)
            found = db.execute("select value from answers where assessment_id=? and address=?", (aid, address)).fetchone() if address else None
            try:
                year = year_of_text(json.loads(found[0])) if found else None
            except ValueError:
                year = None
        created = _created_day(str(created_at))
        if year is None and baseline_id is not None:
            base = resolve(int(baseline_id), seen | {aid})
            year = next_nendo(base, today=created) if base is not None else None
        known[aid] = year if year is not None else fiscal_year(created)
        return known[aid]

    for aid in pending:
        db.execute("update assessments set nendo=? where id=?", (resolve(aid), aid))

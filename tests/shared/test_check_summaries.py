"""点検 summaries kept per revision: the same counts as checking the document, computed again only when the
document, a rule table, the program or the law in force changes; the due warnings follow the day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pia_desktop.checks import summary as summary_mod
from pia_desktop.checks.review import run_review
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import load_form
from pia_desktop.shared.check_summaries import summary_of
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path


@pytest.mark.parametrize("name", ["seed-003", "seed-004", "example-kiso"])
@pytest.mark.parametrize("today", [date(2025, 3, 1), date(2026, 12, 7), date(2031, 1, 1)])
def test_counts_are_those_of_the_check(name: str, today: date, tmp_path: Path) -> None:
    doc = read_document(fixture_path(name))
    result = run_review(load_form(doc.form_id), doc, today)
    with Store(tmp_path / "s.sqlite3") as store:
        aid = store.add_document(doc)
        summary_of(store, aid, date(2025, 1, 1))  # kept on another day …
        kept = summary_of(store, aid, today)  # … and read on this one
    assert kept.counts(today) == (len(result.errors), len(result.warnings))


def test_kept_until_the_document_or_the_rules_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = summary_mod.summarize

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("pia_desktop.shared.check_summaries.summarize", counting)
    with Store(tmp_path / "s.sqlite3") as store:
        aid = store.add_document(read_document(fixture_path("seed-003")))
        first = summary_of(store, aid)
        summary_of(store, aid)
        assert len(calls) == 1  # the second read is the kept one
        store.set_value(aid, "III(1).7.risk.2", None)  # an edit: checked again
        again = summary_of(store, aid)
        assert len(calls) == 2 and again != first
        monkeypatch.setattr(summary_mod, "_rules_digest", lambda form_id: "another rule table")
        summary_of(store, aid)
        assert len(calls) == 3
        store.db.execute("update check_summaries set data='{broken'")  # a damaged entry is not believed
        summary_of(store, aid)
        assert len(calls) == 4


def test_a_read_only_store_checks_without_keeping(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        aid = store.add_document(read_document(fixture_path("seed-003")))
    with Store(path, readonly=True) as store:
        assert summary_of(store, aid).percent > 0
        assert store.db.execute("select count(*) from check_summaries").fetchone()[0] == 0

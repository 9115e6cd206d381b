"""Schema 4: a store of today's schema (3) opens upgraded with its rows intact, and gains the new tables."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import sqlite_utils

from pia_desktop.domain.document import ReviewRecord
from pia_desktop.domain.exchange import read_document
from pia_desktop.storage.schema import SCHEMA_VERSION, _v1, _v2, _v3
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path


def _schema_3_store(path: Path) -> None:
    """A store as schema 3 left it, with one assessment of a 事務."""
    con = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(con)
    for step in (_v1, _v2, _v3):
        step(db)
    con.execute("insert into meta (key, value) values ('schema_version', '3')")
    con.execute(
        "insert into assessments (id, form_id, name, created_at, updated_at, jimu) values (7, 'yoshiki3-r0610', '児童手当',"
        " '2025-01-01T00:00:00', '2025-01-01T00:00:00', 'abc')")
    con.execute("insert into answers (assessment_id, address, value) values (7, 'cover.hyokasho_mei', '\"児童手当\"')")
    con.close()


def test_a_schema_3_store_opens_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _schema_3_store(path)
    with Store(path, readonly=True) as store:  # read-only: not upgraded, still readable
        assert store.schema_version() == 3
        [s] = store.list_assessments()
        assert s.last_review is None and store.load(7).reviews == []
        assert store.facts() == [] and store.phrases() == [] and store.links_of(7) == {}
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 4
        [s] = store.list_assessments()
        assert (s.id, s.name, s.jimu) == (7, "児童手当", "abc")
        assert store.load(7).values == {"cover.hyokasho_mei": "児童手当"}
        store.add_review(7, ReviewRecord(reviewed_on=date(2025, 6, 1), result="変更なし"))
        fid = store.add_fact("連絡先", "電話 000")
        store.link(7, "IV.2.1", fid)
        store.add_phrase("定型", "本文")
    with Store(path) as store:  # reopening does not migrate again
        assert store.list_assessments()[0].last_review == "2025-06-01"
        assert store.links_of(7) == {"IV.2.1": fid}
        assert [p.title for p in store.phrases()] == ["定型"]
        assert store.integrity_check() == []


def test_purging_an_assessment_drops_its_links_and_reviews(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        aid = store.add_document(read_document(fixture_path("seed-003")))
        fid = store.add_fact("連絡先", "電話 000")
        store.link(aid, "IV.2.1", fid)
        store.add_review(aid, ReviewRecord(reviewed_on=date(2025, 6, 1), result="変更なし"))
        store.delete(aid)
        assert store.usages(fid) == []  # the trash is not offered a change
        store.purge(aid)
        assert store.reviews(aid) == [] and store.fact(fid) is not None
        assert store.integrity_check() == []


def test_entry_facts_round_trip_check_values(tmp_path: Path) -> None:
    doc = read_document(fixture_path("seed-003"))
    value = {k[len("I.2.system[1]"):]: v for k, v in doc.values.items() if k.startswith("I.2.system[1].")}
    with Store(tmp_path / "s.sqlite3") as store:
        fid = store.add_fact("システム", value, kind="entry", template="I.2.system[]")
        assert store.fact(fid).value == value  # type: ignore[union-attr]

"""Copies say what they are: 公表済 is read-only in the store, each row has its 年度 (schema 5 derives it
for older rows), and ``find_same`` finds a 評価書 the store already holds."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from pia_desktop.changes.rollforward import roll_forward
from pia_desktop.domain.document import PUBLISHED, Document
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.fingerprint import content_fingerprint
from pia_desktop.domain.fiscal_year import fiscal_year, nendo_text, next_nendo, year_of_text
from pia_desktop.storage.schema import SCHEMA_VERSION, _v1, _v2, _v3, _v4
from pia_desktop.storage.store import PublishedError, Store, StoreError
from tests.conftest import fixture_path

THIS_YEAR = fiscal_year(date.today())


def published_003() -> Document:
    doc = read_document(fixture_path("seed-003"))  # 公表日 令和7年1月14日 → 令和6年度
    doc.status = PUBLISHED
    return doc


def test_nendo_text_and_fiscal_year_boundaries() -> None:
    assert fiscal_year(date(2026, 3, 31)) == 2025 and fiscal_year(date(2026, 4, 1)) == 2026
    assert nendo_text(2025) == "令和7年度" and nendo_text(2019) == "令和元年度" and nendo_text(2018) == "平成30年度"
    assert nendo_text(None) == ""
    assert year_of_text("令和7年1月14日") == 2024
    assert year_of_text("令和6年11月1日時点") == 2024
    assert year_of_text("未定") is None and year_of_text("") is None
    assert next_nendo(2024, today=date(2026, 12, 7)) == 2026  # two years old: rolled into this year
    assert next_nendo(2026, today=date(2027, 2, 1)) == 2027  # made early for next year


def test_published_row_refuses_edits_and_changes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        aid = store.add_document(published_003())
        before = store.load(aid)
        assert store.is_published(aid)
        for edit in (lambda: store.set_value(aid, "cover.hyokasho_mei", "別の名前"),
                     lambda: store.save_document(aid, before.copy(status="作成中")),
                     lambda: store.set_threshold(aid, None)):
            with pytest.raises(PublishedError) as caught:
                edit()
            assert f"評価書 ID {aid} は公表済" in caught.value.message and "新年度版" in caught.value.message
        assert store.load(aid) == before
        [s] = store.list_assessments()
        assert s.status == "公表済" and s.published_copy
        snap = store.snapshot(aid, "版")  # reading it is fine, and so is recording a 見直し's 版
        with pytest.raises(PublishedError):
            store.restore_snapshot(snap)
        store.set_status(aid, "作成中")  # an import wrongly taken as published can be freed explicitly
        store.set_value(aid, "cover.hyokasho_mei", "別の名前")
        assert not store.is_published(aid)


def test_nendo_follows_the_published_date_and_the_baseline(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        old = store.add_document(published_003())
        assert store.nendo_of(old) == 2024
        new = roll_forward(store, old)
        assert not store.is_published(new) and store.load(new).status == "作成中"
        assert store.nendo_of(new) == max(2025, THIS_YEAR)
        assert store.baseline_of(new) == old
        by_id = {s.id: s for s in store.list_assessments()}
        assert (by_id[old].nendo, by_id[new].nendo) == (2024, max(2025, THIS_YEAR))
        store.set_value(new, "cover.kohyo_bi", "令和9年6月1日")  # published: its 年度 is the date's
        assert store.nendo_of(new) == 2027
        store.set_value(new, "cover.kohyo_bi", None)  # cleared again: the year stays as it was
        assert store.nendo_of(new) == 2027
        draft = store.add_document(Document(form_id="yoshiki3-r0610"))
        assert store.nendo_of(draft) == THIS_YEAR
        copy = store.duplicate(old)  # a copy to edit: same 年度, but a draft
        assert store.nendo_of(copy) == 2024 and not store.is_published(copy)


def test_find_same_ignores_status_provenance_and_whitespace(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        first = store.add_document(published_003())
        other = store.add_document(Document(form_id="yoshiki3-r0610", values={"cover.hyokasho_mei": "別の事務"}))
        again = read_document(fixture_path("seed-003"))  # 作成中, no 非公表 marks, a line break more
        name = str(again.get("cover.hyokasho_mei"))
        again.set("cover.hyokasho_mei", name[:3] + "\n" + name[3:])
        again.non_public = ["cover.kohyo_bi"]
        assert [s.id for s in store.find_same(again)] == [first]
        assert store.find_same(again, exclude=first) == []
        changed = again.copy()
        changed.set("cover.kikan_mei", "別の市長")
        assert store.find_same(changed) == []
        new = roll_forward(store, first)  # 公表日 cleared: no longer the same 評価書
        assert [s.id for s in store.find_same(store.load(new))] == [new]
        store.set_value(other, "cover.hyokasho_mei", name)  # an edit forgets the fingerprint; it is recomputed
        assert other not in [s.id for s in store.find_same(again)]
        store.delete(first)  # the trash is not offered
        assert store.find_same(again) == []
        store.undelete(first)
        store.snapshot(new, "新年度版作成時")
        [(owner, snap)] = store.find_same_versions(store.load(new))
        assert owner.id == new and snap.name == "新年度版作成時"


def test_fingerprint_reads_through_whitespace_and_width() -> None:
    a = Document(form_id="yoshiki3-r0610", values={"cover.hyokasho_mei": "児童手当に関する事務", "cover.hyokasho_no": "16"})
    b = Document(form_id="yoshiki3-r0610", values={"cover.hyokasho_mei": "児童手当に\n関する事務", "cover.hyokasho_no": "１６"})
    c = Document(form_id="yoshiki4-r0610", values=dict(a.values))
    assert content_fingerprint(a) == content_fingerprint(b) != content_fingerprint(c)
    assert content_fingerprint(a) != content_fingerprint(a.copy(values={**a.values, "cover.hyokasho_no": "17"}))


def _schema_4_store(path: Path) -> None:
    """A store as schema 4 left it: a published import, its 新年度版 without dates, a draft with only a
    実施日, and a bare draft."""
    con = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(con)
    for step in (_v1, _v2, _v3, _v4):
        step(db)
    con.execute("insert into meta (key, value) values ('schema_version', '4')")
    rows = [
        (1, "令和6年11月1日", "2025-01-10T09:00:00", None),
        (2, "", "2025-05-01T09:00:00", 1),  # 新年度版 of 1 (令和6年度) made in 令和7年度
        (3, "", "2023-06-01T09:00:00", None),  # only a 実施日 (below)
        (4, "", "2022-02-01T09:00:00", None),  # nothing: the year it was made (令和3年度)
    ]
    for aid, published, created, baseline in rows:
        con.execute(
            "insert into assessments (id, form_id, published, created_at, updated_at, baseline_id) values (?,?,?,?,?,?)",
            (aid, "yoshiki3-r0610", published, created, created, baseline))
    con.execute("insert into answers (assessment_id, address, value) values (3, 'V.1.1', '\"令和5年4月10日\"')")
    for aid in (1, 2, 3):
        con.execute("insert into answers (assessment_id, address, value) values (?, 'cover.hyokasho_mei', ?)", (aid, f'"事務{aid}"'))
    con.close()


def test_schema_5_derives_the_nendo_of_older_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _schema_4_store(path)
    with Store(path, readonly=True) as store:  # read-only: not upgraded, still listed (no 年度)
        assert store.schema_version() == 4
        assert [s.nendo for s in store.list_assessments()] == [None] * 4
        assert [s.id for s in store.find_same(Document(form_id="yoshiki3-r0610"))] == [4]  # computed in memory
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 6
        assert {s.id: s.nendo for s in store.list_assessments()} == {1: 2024, 2: 2025, 3: 2023, 4: 2021}
        # the baseline of a 新年度版 with a 公表日 is last year's published one; the others keep their 状況
        assert {s.id: s.status for s in store.list_assessments()} == {1: "公表済", 2: "作成中", 3: "作成中", 4: "作成中"}
        assert [s.id for s in store.successors(1)] == [2] and store.successors(2) == []
        assert [s.id for s in store.find_same(Document(form_id="yoshiki3-r0610"))] == [4]
        assert store.fingerprint_of(4) == content_fingerprint(Document(form_id="yoshiki3-r0610"))


def test_texts_for_the_title_and_the_questions(tmp_path: Path) -> None:
    from pia_desktop.shared.copy_texts import (
        ASK_ROLL_FORWARD,
        copy_label,
        duplicate_question,
        published_edit_question,
        title_text,
    )

    with Store(tmp_path / "s.sqlite3") as store:
        old = store.add_document(published_003())
        new = roll_forward(store, old)
        assert copy_label(store.summary(old)) == "令和6年度・公表済"
        assert copy_label(store.summary(new)) == f"{nendo_text(max(2025, THIS_YEAR))} 新年度版・作成中"
        assert title_text(store.summary(old)).endswith("［令和6年度・公表済］")
        question = duplicate_question("前年度.pdf", store.find_same(published_003()))
        assert question.startswith("前年度.pdf と同じ内容の評価書") and f"ID {old}「" in question and "開きますか" in question
        assert "新年度版を作成しますか" in ASK_ROLL_FORWARD
        assert published_edit_question(store.successors(new)) == ASK_ROLL_FORWARD
        offer = published_edit_question(store.successors(old))
        assert f"ID {new}「" in offer and offer.endswith("新年度版を開きますか？")
        with pytest.raises(StoreError):
            store.summary(999)


def test_a_shared_fact_changes_the_new_draft_not_the_published_copy(tmp_path: Path) -> None:
    from pia_desktop.shared.facts import apply_change, make_fact, plan_change

    contact = "cover.kikan_mei"
    with Store(tmp_path / "s.sqlite3") as store:
        draft_first = store.add_document(read_document(fixture_path("seed-003")))
        fid = make_fact(store, draft_first, contact, "評価実施機関名")
        old = store.add_document(published_003())
        store.link(old, contact, fid)  # as the import review links it
        new = roll_forward(store, old)
        assert store.links_of(new) == {contact: fid}  # the 新年度版 keeps following the fact
        published_before = store.load(old)
        plans = plan_change(store, fid, "金沢市長（新）", changed_on="令和8年6月1日")
        assert sorted(p.assessment_id for p in plans) == sorted([draft_first, new])
        apply_change(store, fid, "金沢市長（新）", plans)
        assert store.load(new).get(contact) == "金沢市長（新）"
        assert store.load(old) == published_before

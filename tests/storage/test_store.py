"""The store: edits, snapshots, trash, versions, and refusing what it cannot read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.storage.schema import SCHEMA_VERSION
from pia_desktop.storage.store import Store, StoreError


def _doc(form: FormDefinition) -> Document:
    doc = Document(form_id=form.form_id)
    doc.set("cover.hyokasho_no", "16")
    doc.set("cover.hyokasho_mei", "児童手当に関する事務　重点項目評価書")
    doc.set("cover.kikan_mei", "金沢市長")
    doc.add_entry("I.2.system")
    doc.set("I.2.system[1].3", CheckValue(checked=["その他"], details={"その他": "電子申請"}))
    return doc


def test_edit_is_saved_and_summary_follows(tmp_path: Path, form: FormDefinition) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        aid = store.add_document(_doc(form))
        store.set_value(aid, "cover.hyokasho_mei", "新しい名前")
        store.set_value(aid, "I.2.system[1].3", None)
        [summary] = store.list_assessments()
        assert (summary.number, summary.name, summary.org) == ("16", "新しい名前", "金沢市長")
    with Store(tmp_path / "s.sqlite3") as store:
        doc = store.load(aid)
    assert doc.get("cover.hyokasho_mei") == "新しい名前"
    assert doc.get("I.2.system[1].3") is None
    assert doc.count("I.2.system") == 1


def test_default_store_lives_under_pia_desktop_home(_isolated_home: Path) -> None:
    from pia_desktop.paths import default_store_path

    assert default_store_path().parent == _isolated_home


def test_snapshot_and_restore_keeps_the_current_state_as_a_version(tmp_path: Path, form: FormDefinition) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        aid = store.add_document(_doc(form))
        sid = store.snapshot(aid, "提出版")
        store.set_value(aid, "cover.kikan_mei", "金沢市教育委員会")
        store.restore_snapshot(sid)
        assert store.load(aid).get("cover.kikan_mei") == "金沢市長"
        names = [s.name for s in store.list_snapshots(aid)]
        assert names == ["提出版", "「提出版」の復元前（自動）"]
        auto = store.list_snapshots(aid)[1]
        assert store.load_snapshot(auto.id).get("cover.kikan_mei") == "金沢市教育委員会"


def test_save_document_writes_structural_changes(tmp_path: Path, form: FormDefinition) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        aid = store.add_document(_doc(form))
        doc = store.load(aid)
        doc.add_entry("I.2.system")
        doc.set("I.2.system[2].1", "宛名システム")
        doc.remove_entry("I.2.system", 1)
        store.save_document(aid, doc)
        back = store.load(aid)
    assert back.count("I.2.system") == 1 and back.get("I.2.system[1].1") == "宛名システム"
    assert back.get("I.2.system[1].3") is None


def test_trash_duplicate_and_purge(tmp_path: Path, form: FormDefinition) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        aid = store.add_document(_doc(form))
        copy = store.duplicate(aid)
        assert store.load(copy).copy(identity=None) == store.load(aid).copy(identity=None)
        assert store.identity(copy) != store.identity(aid)  # a copy is another 評価書
        store.delete(aid)
        assert [s.id for s in store.list_assessments()] == [copy]
        assert [s.id for s in store.list_assessments(deleted=True)] == [aid]
        store.undelete(aid)
        assert len(store.list_assessments()) == 2
        store.purge(copy)
        assert [s.id for s in store.list_assessments()] == [aid]


def test_store_from_a_newer_version_is_refused_and_untouched(tmp_path: Path, form: FormDefinition) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        store.add_document(_doc(form))
    con = sqlite3.connect(path)
    con.execute("update meta set value=? where key='schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="新しい版"):
        Store(path)
    con = sqlite3.connect(path)
    assert con.execute("select value from meta where key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION + 1)
    con.close()
    assert len(path.read_bytes()) == len(before)


def test_a_file_that_is_not_a_store_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db.sqlite3"
    path.write_bytes(b"this is a text file, not SQLite" * 100)
    with pytest.raises(StoreError, match=r"not-a-db\.sqlite3"):
        Store(path)
    assert path.read_bytes() == b"this is a text file, not SQLite" * 100


def test_integrity_check_reports_ok(tmp_path: Path, form: FormDefinition) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        store.add_document(_doc(form))
        assert store.integrity_check() == []


def test_unknown_assessment_is_a_clear_error(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store, pytest.raises(StoreError, match="ID 99"):
        store.set_value(99, "cover.hyokasho_no", "1")


def test_two_edits_in_one_millisecond_have_different_times(tmp_path: Path) -> None:
    """``updated_at`` is the revision kept 点検 summaries are checked against and the 最終更新 the list sorts by:
    edits faster than the clock still get times in the order they were made."""
    from pia_desktop.storage.codec import _now

    times = [_now() for _ in range(2000)]  # far more than one per millisecond
    assert times == sorted(times) and len(set(times)) == len(times)
    with Store(tmp_path / "s.sqlite3") as store:
        ids = [store.add_document(Document(form_id="yoshiki3-r0610", values={"cover.hyokasho_no": str(n)})) for n in range(5)]
        updated = [s.updated_at for s in sorted(store.list_assessments(), key=lambda s: s.id)]
    assert updated == sorted(updated) and len(set(updated)) == len(ids)

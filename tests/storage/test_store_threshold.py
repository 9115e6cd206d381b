"""The しきい値判断 inputs in the store: carried by every write and read, schema 1 stores upgraded."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from pia_desktop.cli.main import main
from pia_desktop.domain.conversion import replace
from pia_desktop.domain.document import Document, ThresholdInputs
from pia_desktop.storage.schema import SCHEMA_VERSION, _v1
from pia_desktop.storage.store import Store, StoreError
from tests.storage.tables import assessment_columns

INPUTS = ThresholdInputs(taisho_kubun="30万人以上", toriatsukai_ninzu=650, jiko=None, handan_bi=date(2025, 6, 1))


def _doc(threshold: ThresholdInputs | None = None) -> Document:
    doc = Document(form_id="yoshiki3-r0610", threshold=threshold)
    doc.set("cover.hyokasho_no", "16")
    doc.set("cover.hyokasho_mei", "児童手当に関する事務　重点項目評価書")
    return doc


def test_inputs_are_saved_loaded_duplicated_and_kept_in_versions(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        aid = store.add_document(_doc(INPUTS))
        assert store.load(aid).threshold == INPUTS
        other = store.add_document(_doc())
        assert store.load(other).threshold is None
        sid = store.snapshot(aid, "第1版")
        changed = replace(INPUTS, jiko=True, handan_bi=date(2025, 7, 1))
        store.set_threshold(aid, changed)
        copy = store.duplicate(aid)
    with Store(path) as store:  # reopened: the change was committed
        assert store.load(aid).threshold == changed
        assert store.load(copy).threshold == changed
        assert store.load(other).threshold is None
        store.restore_snapshot(sid)
        assert store.load(aid).threshold == INPUTS
        doc = store.load(aid)
        doc.threshold = None
        store.save_document(aid, doc)
        assert store.load(aid).threshold is None
        store.set_threshold(aid, INPUTS)
        store.save_document(aid, store.load(aid))  # a structural save keeps them
        assert store.load(aid).threshold == INPUTS


def test_set_threshold_on_an_unknown_assessment_is_a_clear_error(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store, pytest.raises(StoreError, match="ID 7"):
        store.set_threshold(7, INPUTS)


def _make_schema_1_store(path: Path) -> None:
    """A store as version 1 of the program wrote it: the v1 tables, one assessment with answers."""
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    _v1(db)
    db.execute("insert into meta (key, value) values ('schema_version', '1')")
    db.execute(
        "insert into assessments (id, form_id, status, file_count, repeat_counts, non_public, number, name,"
        " created_at, updated_at) values (5, 'yoshiki3-r0610', '確認中', 1, '{\"I.2.system\": 1}', '[]', '16', '旧版',"
        " '2024-01-01T00:00:00.000', '2024-01-02T00:00:00.000')"
    )
    for address, value in (("cover.hyokasho_no", "16"), ("I.2.system[1].1", "福祉保健総合システム")):
        db.execute("insert into answers values (5, ?, ?)", (address, json.dumps(value, ensure_ascii=False)))
    db.conn.close()


def test_a_schema_1_store_opens_upgraded_with_its_rows_intact(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    _make_schema_1_store(path)
    assert "threshold" not in assessment_columns(path)
    with Store(path, readonly=True) as store:  # read-only: not upgraded, still readable
        assert store.schema_version() == 1 and store.load(5).threshold is None
    assert "threshold" not in assessment_columns(path)
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 2
        [summary] = store.list_assessments()
        assert (summary.id, summary.number, summary.name, summary.status) == (5, "16", "旧版", "確認中")
        assert summary.updated_at == "2024-01-02T00:00:00.000"
        doc = store.load(5)
        assert doc.values == {"cover.hyokasho_no": "16", "I.2.system[1].1": "福祉保健総合システム"}
        assert doc.count("I.2.system") == 1 and doc.threshold is None
        store.set_threshold(5, INPUTS)
    assert "threshold" in assessment_columns(path)
    with Store(path) as store:  # opening again migrates nothing twice
        assert store.load(5).threshold == INPUTS and store.integrity_check() == []


def test_a_store_of_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        store.add_document(_doc())
    con = sqlite3.connect(path)
    con.execute("update meta set value=? where key='schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(StoreError, match=f"データ形式 {SCHEMA_VERSION + 1}"):
        Store(path)


def test_store_export_writes_the_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        aid = store.add_document(_doc(INPUTS))
    out = tmp_path / "out.json"
    assert main(["store", "export", str(aid), str(out), "--store", str(path)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["threshold"] == {"taisho_ninzu": None, "taisho_kubun": "30万人以上", "toriatsukai_ninzu": 650,
                                 "jiko": None, "handan_bi": "2025-06-01"}

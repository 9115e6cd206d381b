"""The 事務 key linking the 評価書 of one 事務: stored, listed, kept by 新年度版, schema 2 stores upgraded."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from pia_desktop.changes.rollforward import roll_forward
from pia_desktop.domain.document import Document
from pia_desktop.storage.schema import SCHEMA_VERSION, _v1, _v2
from pia_desktop.storage.store import Store, StoreError, new_jimu
from tests.storage.tables import assessment_columns


def _doc(form_id: str = "yoshiki3-r0610", name: str = "児童手当に関する事務　重点項目評価書") -> Document:
    doc = Document(form_id=form_id)
    doc.set("cover.hyokasho_mei", name)
    return doc


def test_linked_assessments_share_a_jimu(tmp_path: Path) -> None:
    jimu = new_jimu()
    assert len(jimu) == 32 and int(jimu, 16) >= 0
    with Store(tmp_path / "s.sqlite3") as store:
        kiso = store.add_document(_doc("yoshiki2-r0610", "児童手当に関する事務　基礎項目評価書"), jimu=jimu)
        juten = store.add_document(_doc(), jimu=jimu)
        alone = store.add_document(_doc(name="別の事務"))
        assert [s.id for s in store.linked(kiso)] == [kiso, juten]
        assert [s.jimu for s in store.linked(juten)] == [jimu, jimu]
        assert store.linked(alone) == [] and store.jimu_of(alone) is None
        by_id = {s.id: s for s in store.list_assessments()}
        assert by_id[kiso].jimu == jimu and by_id[alone].jimu is None

        store.set_jimu(alone, jimu)
        assert [s.id for s in store.linked(kiso)] == [kiso, juten, alone]
        store.delete(alone)  # the trash is not part of the set
        assert [s.id for s in store.linked(kiso)] == [kiso, juten]
        store.set_jimu(alone, None)
        assert store.jimu_of(alone) is None
        with pytest.raises(StoreError, match="ID 99"):
            store.set_jimu(99, jimu)

        copy = store.duplicate(juten)  # a copy is edited into another 評価書: not linked
        assert store.jimu_of(copy) is None
        rolled = roll_forward(store, juten)  # 新年度版 stays with its 事務
        assert store.jimu_of(rolled) == jimu and store.baseline_of(rolled) == juten
        assert store.jimu_of(roll_forward(store, copy)) is None


def _make_schema_2_store(path: Path) -> None:
    """A store as version 2 of the program wrote it (v1 + v2 tables), one assessment with answers."""
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    _v1(db)
    _v2(db)
    db.execute("insert into meta (key, value) values ('schema_version', '2')")
    db.execute(
        "insert into assessments (id, form_id, status, file_count, repeat_counts, non_public, number, name,"
        " created_at, updated_at, threshold) values (4, 'yoshiki3-r0610', '確定', 1, '{}', '[]', '16', '前年度版',"
        " '2024-01-01T00:00:00.000', '2024-01-02T00:00:00.000', null)"
    )
    db.execute("insert into answers values (4, 'cover.hyokasho_no', ?)", (json.dumps("16"),))
    db.conn.close()


def test_a_schema_2_store_opens_upgraded_with_its_rows_intact(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    _make_schema_2_store(path)
    assert "jimu" not in assessment_columns(path)
    with Store(path, readonly=True) as store:  # read-only: not upgraded, still listed and readable
        assert store.schema_version() == 2
        [summary] = store.list_assessments()
        assert summary.jimu is None and store.linked(4) == [] and store.load(4).values == {"cover.hyokasho_no": "16"}
    assert "jimu" not in assessment_columns(path)
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 3
        [summary] = store.list_assessments()
        assert (summary.id, summary.number, summary.name, summary.status, summary.jimu) == (4, "16", "前年度版", "確定", None)
        assert summary.updated_at == "2024-01-02T00:00:00.000"
        jimu = new_jimu()
        store.set_jimu(4, jimu)
        other = store.add_document(_doc("yoshiki2-r0610"), jimu=jimu)
    assert "jimu" in assessment_columns(path)
    with Store(path) as store:  # opening again migrates nothing twice
        assert [s.id for s in store.linked(4)] == [4, other]
        assert store.integrity_check() == []

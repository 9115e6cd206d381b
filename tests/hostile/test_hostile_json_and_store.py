"""Hostile input to the JSON reader and the store opener: never a crash, never a hang, a clear message."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import DocumentFormatError, PiaError
from pia_desktop.domain.exchange import parse_document, read_document, write_document
from pia_desktop.storage.store import Store, StoreError

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_give_a_clear_error(data: bytes) -> None:
    with pytest.raises(DocumentFormatError):
        parse_document(data, "random.json")


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_gives_a_clear_error(value: object) -> None:
    with pytest.raises(DocumentFormatError):
        parse_document(json.dumps(value), "random.json")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=40), json_values, max_size=8), st.integers(-3, 80))
def test_documents_with_random_values_either_load_or_fail_cleanly(values: dict[str, object], files: int) -> None:
    data = {"format": "pia-desktop/assessment", "format_version": 1, "form_id": "yoshiki3-r0610",
            "file_count": files, "values": values}
    try:
        doc = parse_document(json.dumps(data), "x.json")
    except DocumentFormatError as exc:
        assert "x.json" in exc.message
        return
    assert isinstance(doc, Document)


def test_deeply_nested_json_is_refused_quickly() -> None:
    text = "[" * 200_000 + "]" * 200_000
    started = time.monotonic()
    with pytest.raises(DocumentFormatError, match=r"入れ子|JSON"):
        parse_document(text, "deep.json")
    assert time.monotonic() - started < 10


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.truncate(101 * 1024 * 1024)  # sparse: 101 MB on paper, nothing on disk
    with pytest.raises(DocumentFormatError, match="大きすぎます"):
        read_document(path)


def test_newer_format_version_is_refused(tmp_path: Path) -> None:
    data = {"format": "pia-desktop/assessment", "format_version": 99, "form_id": "yoshiki3-r0610"}
    with pytest.raises(DocumentFormatError, match="新しい版"):
        parse_document(json.dumps(data), "new.json")


def _good_store(tmp_path: Path) -> Path:
    path = tmp_path / "good.sqlite3"
    doc = Document(form_id="yoshiki3-r0610")
    doc.set("cover.hyokasho_mei", "壊す前")
    with Store(path) as store:
        store.add_document(doc)
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 20_000), st.binary(min_size=1, max_size=512))
def test_damaged_store_opens_cleanly_or_fails_with_a_message(tmp_path: Path, offset: int, garbage: bytes) -> None:
    src = _good_store(tmp_path)
    path = tmp_path / "damaged.sqlite3"
    shutil.copy(src, path)
    data = bytearray(path.read_bytes())
    offset %= max(1, len(data))
    data[offset : offset + len(garbage)] = garbage
    path.write_bytes(bytes(data))
    try:
        with Store(path) as store:
            store.integrity_check()
            for s in store.list_assessments():
                store.load(s.id)
    except PiaError as exc:
        assert "damaged.sqlite3" in exc.message
    for p in tmp_path.glob("good.sqlite3-*"):
        p.unlink()


@pytest.mark.parametrize("size", [0, 10, 100, 4096, 10_000])
def test_truncated_store(tmp_path: Path, size: int) -> None:
    src = _good_store(tmp_path)
    path = tmp_path / "cut.sqlite3"
    path.write_bytes(src.read_bytes()[:size])
    try:
        with Store(path) as store:
            problems = store.integrity_check()
            rows = store.list_assessments()
        assert problems or rows == [] or size == 0
    except StoreError as exc:
        assert "cut.sqlite3" in exc.message


def test_exported_file_is_written_atomically(tmp_path: Path) -> None:
    doc = Document(form_id="yoshiki3-r0610")
    path = tmp_path / "out.json"
    write_document(doc, path)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert read_document(path) == doc

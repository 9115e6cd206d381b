"""見直し records: 変更なし moves the due date; the history survives export → import and 新年度版."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pia_desktop.changes.rollforward import roll_forward
from pia_desktop.cli.main import main
from pia_desktop.domain.errors import DocumentFormatError
from pia_desktop.domain.exchange import document_to_data, dumps_document, parse_document, read_document, write_document
from pia_desktop.shared.reviews import ReviewError, due_dates_of, make_record, record_review
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path

KOHYO = date(2025, 1, 14)  # seed 003: 令和7年1月14日


def test_a_review_without_changes_moves_the_due_date(store: Store) -> None:
    aid = store.add_document(read_document(fixture_path("seed-003")))
    before = due_dates_of(store.load(aid))
    assert before.review_due == date(2026, 1, 14)
    values = store.load(aid).values
    record_review(store, aid, make_record(date(2025, 12, 1), "子育て支援課 山田", "変更なし", today=date(2025, 12, 2)))
    doc = store.load(aid)
    assert doc.values == values  # nothing in the 評価書 changed
    after = due_dates_of(doc)
    assert after.review_due == date(2026, 12, 1)
    assert after.rerun_due == before.rerun_due  # a 見直し is not a 再実施
    [summary] = store.list_assessments()
    assert summary.last_review == "2025-12-01" and summary.last_review_result == "変更なし"


def test_record_is_checked() -> None:
    with pytest.raises(ReviewError):
        make_record(date(2025, 1, 1), "", "やり直し")
    with pytest.raises(ReviewError):
        make_record(date(2030, 1, 1), "", "変更なし", today=date(2025, 1, 1))


def test_the_history_survives_export_and_import(store: Store, tmp_path: Path) -> None:
    aid = store.add_document(read_document(fixture_path("seed-003")))
    record_review(store, aid, make_record(date(2025, 6, 1), "山田", "修正", "別添２に1行追加", today=date(2025, 7, 1)))
    record_review(store, aid, make_record(date(2025, 12, 1), "佐藤", "変更なし", today=date(2025, 12, 2)))
    out = tmp_path / "out.json"
    write_document(store.load(aid), out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format_version"] == 3  # reviews and the store's identity
    assert data["reviews"] == [
        {"reviewed_on": "2025-06-01", "reviewer": "山田", "result": "修正", "note": "別添２に1行追加"},
        {"reviewed_on": "2025-12-01", "reviewer": "佐藤", "result": "変更なし", "note": ""},
    ]
    with Store(tmp_path / "other.sqlite3") as other:
        back = other.load(other.add_document(read_document(out)))
    assert [r.result for r in back.reviews] == ["修正", "変更なし"]
    assert dumps_document(back) == out.read_text(encoding="utf-8")  # byte for byte


def test_cli_store_export_add_keeps_the_history(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aid = store.add_document(read_document(fixture_path("seed-003")))
    record_review(store, aid, make_record(date(2025, 12, 1), "佐藤", "変更なし", today=date(2025, 12, 2)))
    out = tmp_path / "e.json"
    assert main(["store", "export", str(aid), str(out), "--store", str(store.path)]) == 0
    target = tmp_path / "t.sqlite3"
    assert main(["store", "add", str(out), "--store", str(target)]) == 0
    capsys.readouterr()
    assert main(["store", "list", "--store", str(target)]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert "令和7年12月1日 変更なし" in line


def test_the_history_is_carried_by_the_new_year_draft(store: Store) -> None:
    aid = store.add_document(read_document(fixture_path("seed-003")))
    record_review(store, aid, make_record(date(2025, 12, 1), "佐藤", "変更なし", today=date(2025, 12, 2)))
    draft = roll_forward(store, aid)
    assert [r.reviewed_on for r in store.load(draft).reviews] == [date(2025, 12, 1)]


def test_files_without_reviews_stay_version_1_byte_for_byte() -> None:
    for name in ("seed-000", "seed-003", "example-kiso"):
        text = fixture_path(name).read_text(encoding="utf-8")
        doc = parse_document(text)
        assert doc.format_version == 3 and doc.reviews == [] and doc.identity is None  # migrated on reading
        assert dumps_document(doc) == text
        assert document_to_data(doc)["format_version"] == 1


def test_a_version_1_file_with_reviews_is_refused() -> None:
    data = json.loads(fixture_path("seed-003").read_text(encoding="utf-8"))
    data["reviews"] = [{"reviewed_on": "2025-01-01", "result": "変更なし"}]
    with pytest.raises(DocumentFormatError, match="形式 1"):
        parse_document(json.dumps(data))
    data["format_version"] = 2
    assert parse_document(json.dumps(data)).reviews[0].result == "変更なし"
    data["reviews"][0]["result"] = "たぶん"
    with pytest.raises(DocumentFormatError, match="reviews"):
        parse_document(json.dumps(data))

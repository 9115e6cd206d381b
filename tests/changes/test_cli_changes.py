"""``pia-desktop changes`` and ``pia-desktop import`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pia_desktop.changes import rolled_forward
from pia_desktop.cli.main import main
from pia_desktop.domain.exchange import read_document, write_document
from tests.conftest import fixture_path


def test_changes_writes_rows_and_applies_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = read_document(fixture_path("seed-003"))
    new = rolled_forward(old)
    new.set("cover.kohyo_bi", "令和8年1月14日")
    new.set("II(1).3.3", "児童手当の支給事務を処理するため。")
    new.set("IV.2.1", "子育て支援課 電話 076-220-0000")
    write_document(old, tmp_path / "old.json")
    write_document(new, tmp_path / "new.json")
    rows_path, applied = tmp_path / "rows.json", tmp_path / "applied.json"
    code = main(["changes", str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--out", str(rows_path), "--apply", str(applied)])
    assert code == 0
    rows = json.loads(rows_path.read_text(encoding="utf-8"))
    assert [set(r) for r in rows] == [{"changed_on", "item", "before", "after", "timing", "reason"}] * 2
    assert [(r["item"], r["timing"]) for r in rows] == [
        ("Ⅱ 特定個人情報ファイルの概要 3. 特定個人情報の入手・使用 ③使用目的", "事前"),
        ("Ⅳ 開示請求、問合せ 2. 特定個人情報ファイルの取扱いに関する問合せ ①連絡先", "事後"),
    ]
    assert rows[1]["reason"] == "重要な変更項目でないため" and rows[0]["reason"] == ""
    assert all(r["changed_on"] == "令和8年1月14日" for r in rows)
    out = read_document(applied)
    assert out.count("annex2.row") == 84
    assert "変更箇所 2 件（事前 1 件、事後 1 件）" in capsys.readouterr().out


def test_changes_with_an_explicit_date_and_a_bad_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = read_document(fixture_path("seed-003"))
    new = rolled_forward(old)
    new.set("I.7", "－")
    write_document(old, tmp_path / "old.json")
    write_document(new, tmp_path / "new.json")
    rows_path = tmp_path / "rows.json"
    assert main(["changes", str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--out", str(rows_path), "--date", "R8.2.1"]) == 0
    assert json.loads(rows_path.read_text(encoding="utf-8"))[0]["changed_on"] == "令和8年2月1日"
    assert main(["changes", str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--date", "来年"]) == 2
    assert "来年" in capsys.readouterr().err


def test_import_cli_writes_document_and_report(tmp_path: Path) -> None:
    src = tmp_path / "last.json"
    write_document(read_document(fixture_path("seed-003")), src)
    out, report = tmp_path / "out.json", tmp_path / "report.json"
    assert main(["import", str(src), "--out", str(out), "--report", str(report)]) == 0
    assert read_document(out).count("annex2.row") == 82
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["kind"] == "json" and data["summary"]["not_found"] == 0
    assert {"address", "path", "status", "value", "source", "where", "note"} <= set(data["items"][0])


def test_import_cli_from_another_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pia_desktop.storage.store import Store

    colleague = tmp_path / "colleague.sqlite3"
    with Store(colleague) as s:
        aid = s.add_document(read_document(fixture_path("seed-003")))
    assert main(["import", str(colleague), "--list"]) == 0
    assert "児童手当" in capsys.readouterr().out
    mine = tmp_path / "mine.sqlite3"
    assert main(["import", str(colleague), "--id", str(aid), "--add", "--store", str(mine)]) == 0
    with Store(mine, readonly=True) as s:
        assert len(s.list_assessments()) == 1

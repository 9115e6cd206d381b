"""pia-desktop convert: the counts in Japanese, the converted JSON and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.domain.exchange import read_document
from tests.conftest import fixture_path


def test_convert_writes_the_new_form_and_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, report = tmp_path / "zen.json", tmp_path / "report.json"
    args = ["convert", str(fixture_path("seed-003")), "--to", "yoshiki4-r0610", "--out", str(out), "--report", str(report), "--result", "kiso_zen"]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "全項目評価書に引き継いだ記載" in text and "引き継げなかった記載 1 件" in text and "記入が必要" in text
    doc = read_document(out)
    assert doc.form_id == "yoshiki4-r0610" and doc.get("VI.1.2") == "基礎項目評価及び全項目評価の実施が義務付けられる"
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["from"] == "yoshiki3-r0610" and data["to"] == "yoshiki4-r0610"
    assert [d["address"] for d in data["dropped"]] == ["III(1).8.umu"] and data["dropped"][0]["reason"]
    assert len(data["carried"]) > 500 and data["to_fill"]


@pytest.mark.parametrize(("extra", "message"), [
    (["--to", "yoshiki9-r0000"], "yoshiki9-r0000"),
    (["--to", "yoshiki3-r0610"], "既に重点項目評価書"),
    (["--to", "yoshiki4-r0610", "--result", "nanika"], "nanika"),
])
def test_convert_errors_are_japanese_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str) -> None:
    assert main(["convert", str(fixture_path("seed-003")), "--out", str(tmp_path / "o.json"), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("エラー: ") and message in err
    assert not (tmp_path / "o.json").exists()


def test_convert_without_a_mapping_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pia_desktop.domain.document import Document
    from pia_desktop.domain.exchange import write_document

    src = tmp_path / "kiso.json"
    write_document(Document(form_id="yoshiki2-r0610"), src)
    assert main(["convert", str(src), "--to", "yoshiki4-r0610", "--out", str(tmp_path / "o.json")]) == 2
    assert "変換表" in capsys.readouterr().err

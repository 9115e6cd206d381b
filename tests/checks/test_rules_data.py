"""Broken rule files give a Japanese message naming the file and the place, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from pia_desktop.checks import rules_data
from pia_desktop.domain import rule_tables
from pia_desktop.domain.rule_tables import RulesFileError
from pia_desktop.domain.threshold import table as threshold_table


@pytest.fixture
def rules_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    real = rule_tables.rules_dir()
    for f in real.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(rule_tables, "rules_dir", lambda: tmp_path)
    rules_data.clear_caches()
    yield tmp_path
    rules_data.clear_caches()


def test_yaml_syntax_error(rules_in: Path) -> None:
    (rules_in / "citations.yaml").write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(RulesFileError, match=r"citations\.yaml の書式が壊れています"):
        rules_data.citation_rules()


def test_threshold_row_with_unknown_result(rules_in: Path) -> None:
    path = rules_in / "thresholds.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("result: kiso_zen\n    evidence: 対象人数30万人以上", "result: zen\n    evidence: 対象人数30万人以上"), encoding="utf-8")
    with pytest.raises(RulesFileError, match=r"thresholds\.yaml.*結果「zen」が results にありません"):
        threshold_table.threshold_rules()


def test_unknown_severity(rules_in: Path) -> None:
    path = rules_in / "review-rules.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity: error", "severity: fatal", 1), encoding="utf-8")
    with pytest.raises(RulesFileError, match=r"review-rules\.yaml の「rules/0/severity」に誤りがあります"):
        rules_data.review_rules()


def test_missing_file(rules_in: Path) -> None:
    (rules_in / "timing.yaml").unlink()
    with pytest.raises(RulesFileError, match=r"timing\.yaml を読み込めません"):
        rules_data.timing_rules()


def test_cli_reports_a_broken_rule_file_without_traceback(rules_in: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pia_desktop.cli.main import main
    from tests.conftest import fixture_path

    (rules_in / "review-rules.yaml").write_text("version: x\nrules: 3\n", encoding="utf-8")
    assert main(["check", str(fixture_path("seed-001"))]) == 2
    assert "エラー: 点検ルールのファイル review-rules.yaml" in capsys.readouterr().err


def test_a_bad_date_names_the_rule_and_field(rules_in: Path) -> None:
    path = rules_in / "citations.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("effective: 2024-05-27", "effective: 未定", 1), encoding="utf-8")
    with pytest.raises(RulesFileError, match=r"citations\.yaml の「rules/0/effective」に誤りがあります: 日付（YYYY-MM-DD）ではありません"):
        rules_data.citation_rules()


def test_a_duplicate_rule_id_is_a_whole_table_error(rules_in: Path) -> None:
    path = rules_in / "review-rules.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: itaku-no-entry\n", "- id: itaku-kensu\n"), encoding="utf-8")
    with pytest.raises(RulesFileError, match=r"review-rules\.yaml に誤りがあります: ルールID「itaku-kensu」が重複しています"):
        rules_data.review_rules()

"""Editing, merging and dropping proposed rows; rolling forward in the store; lint of rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from pia_desktop.changes import ChangeRow, drop_rows, edit_row, merge_at, merge_rows, roll_forward
from pia_desktop.changes.lint import lint_existing, lint_proposed
from pia_desktop.changes.phrases import phrase_rules
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import load_form
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path

A = ChangeRow("令和8年1月14日", "Ⅲ リスク対策 7. 特定個人情報の保管・消去 ②過去3年以内に", "発生なし", "発生あり", "事後", "しきい値判断結果の変更のため")
B = ChangeRow("令和8年1月14日", "Ⅲ リスク対策 7. 特定個人情報の保管・消去 ②過去3年以内に その内容", "", "内容", "事後", "しきい値判断結果の変更のため")
C = ChangeRow("令和8年1月14日", "Ⅱ 特定個人情報ファイルの概要 2. 基本情報 ①ファイルの種類", "システム用ファイル", "その他", "事前", "")


def test_edit_row_and_timing_rules() -> None:
    edited = edit_row(A, reason="法令改正等による形式的な変更であるため、重要な変更に当たらない")
    assert edited.reason.startswith("法令改正等") and edited.before == A.before
    assert edit_row(A, timing="事前").reason == ""  # 事前 rows leave the explanation blank
    with pytest.raises(ValueError):
        edit_row(A, timing="随時")
    with pytest.raises(KeyError):
        edit_row(A, colour="red")


def test_merge_and_drop() -> None:
    merged = merge_rows([A, B])
    assert merged.item == "Ⅲ リスク対策 7. 特定個人情報の保管・消去 ②過去3年以内に"
    assert merged.after == "発生あり\n内容" and merged.timing == "事後"
    assert merge_rows([A, C]).timing == "事前" and merge_rows([A, C]).reason == ""
    assert merge_at([A, B, C], [0, 2]) == [merge_rows([A, C]), B]
    assert drop_rows([A, B, C], {1}) == [A, C]


def test_phrase_list_comes_from_the_rules_file() -> None:
    rules = phrase_rules()
    assert rules.not_starred == "重要な変更項目でないため"
    assert rules.threshold == "しきい値判断結果の変更のため"
    assert any(t.startswith("法令改正等による形式的な変更") for t in rules.texts())
    assert {"III.7.risk.2", "III.7.risk.2.naiyo"} <= rules.threshold_linked_items(load_form("yoshiki3-r0610"))
    assert rules.not_logged(load_form("yoshiki4-r0610")) == {"cover.kohyo_bi", "VI.1.1"}


def test_roll_forward_keeps_the_baseline(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        old_id = store.add_document(read_document(fixture_path("seed-003")))
        new_id = roll_forward(store, old_id)
        assert store.baseline_of(new_id) == old_id
        old, new = store.load(old_id), store.load(new_id)
    assert new.get("cover.kohyo_bi") is None and old.get("cover.kohyo_bi") == "令和7年1月14日"
    assert new.get("V.1.1") is None and old.get("V.1.1") is not None
    assert new.status == "作成中"
    assert new.count("annex2.row") == old.count("annex2.row") == 82
    assert {k: v for k, v in new.values.items() if k.startswith("annex2")} == {k: v for k, v in old.values.items() if k.startswith("annex2")}


def test_lint_existing_rows_of_seed_003() -> None:
    doc = read_document(fixture_path("seed-003"))
    rules = {f.rule for f in lint_existing(load_form(), doc)}
    assert "annex2-star-not-important" in rules  # Ⅰ5 (※) explained as 重要な変更項目でないため
    assert "annex2-hourei-nonlegal" in rules  # Ⅲ7② 発生なし→発生あり explained as 法令改正等


def test_lint_of_proposed_rows_by_index() -> None:
    doc = read_document(fixture_path("seed-003"))
    doc.set("cover.kohyo_bi", "令和8年1月14日")
    no_reason = edit_row(A, reason="")
    star_wrong = ChangeRow("令和8年1月14日", "Ⅰ 基本情報 5. 情報提供ネットワークシステムによる情報連携 ①実施の有無", "実施する", "実施しない", "事後", "重要な変更項目でないため")
    findings = lint_proposed(load_form(), doc, [C, no_reason, star_wrong])
    assert 0 not in findings
    assert any(f.rule == "required" for f in findings[1])
    assert any(f.rule == "annex2-star-not-important" for f in findings[2])

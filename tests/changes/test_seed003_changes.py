"""The 変更箇所 generator on the seed 003 fixture: a handful of edits of different kinds and the
rows they produce (項目 text, before/after, 提出時期, 説明)."""

from __future__ import annotations

import pytest

from pia_desktop.changes import append_rows, propose_changes, rolled_forward
from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.exchange import read_document
from tests.conftest import fixture_path

KOHYO = "令和8年1月14日"


@pytest.fixture
def baseline() -> Document:
    return read_document(fixture_path("seed-003"))


def _draft(baseline: Document) -> Document:
    draft = rolled_forward(baseline)
    draft.set("cover.kohyo_bi", KOHYO)
    return draft


def _by_item(rows):  # type: ignore[no-untyped-def]
    return {r.item: r for r in rows}


def test_unchanged_draft_proposes_nothing(baseline: Document) -> None:
    assert propose_changes(baseline, _draft(baseline)) == []


def test_handful_of_edits_of_different_kinds(baseline: Document) -> None:
    assert baseline.get("II(1).2.1") == "システム用ファイル"
    assert baseline.get("III(1).7.risk.2") == "発生なし"
    draft = _draft(baseline)
    draft.set("II(1).2.1", "その他の電子ファイル（表計算ファイル等）")  # ※ choice in Ⅱ
    draft.set("I.6.1", "こども未来局こども家庭課")  # Ⅰ 6 担当部署 (no ※)
    n = draft.add_entry("II(1).4.itaku")  # a new 委託事項
    draft.set(f"II(1).4.itaku[{n}]", "児童手当システム改修業務")
    draft.set(f"II(1).4.itaku[{n}].1", "制度改正に伴うシステム改修")
    draft.set(f"II(1).4.itaku[{n}].saiitaku.4", "再委託しない")
    draft.set("III(1).7.risk.2", "発生あり")  # Ⅲ７② (outside ※)
    draft.set("III(1).7.risk.2.naiyo", "委託先の職員による書類の紛失")

    rows = propose_changes(baseline, draft)
    by_item = _by_item(rows)
    assert len(rows) == 5, [r.item for r in rows]
    assert all(r.changed_on == KOHYO for r in rows)

    r = by_item["Ⅱ 特定個人情報ファイルの概要 2. 基本情報 ①ファイルの種類"]
    assert (r.before, r.after, r.timing, r.reason) == ("システム用ファイル", "その他の電子ファイル（表計算ファイル等）", "事前", "")

    r = by_item["Ⅰ 基本情報 6. 評価実施機関における担当部署 ①部署"]
    assert (r.before, r.after, r.timing, r.reason) == ("こども未来局子育て支援課", "こども未来局こども家庭課", "事後", "重要な変更項目でないため")

    r = by_item["Ⅱ 特定個人情報ファイルの概要 4. 特定個人情報ファイルの取扱いの委託 委託事項2"]
    assert (r.before, r.after, r.kind) == ("", "「児童手当システム改修業務」を追加", "added")
    assert r.timing == "事前" and r.reason == ""  # the entry's ④再委託の有無 is a ※ item

    item = "Ⅲ リスク対策 7. 特定個人情報の保管・消去 ②過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか"
    r = by_item[item]
    assert (r.before, r.after, r.timing) == ("発生なし", "発生あり", "事後")
    assert r.reason == "重要な変更項目でないため"  # Ⅲ７② is excluded from ※; the しきい値 did not change
    r = by_item[item + " その内容"]
    assert (r.before, r.after, r.timing) == ("", "委託先の職員による書類の紛失", "事後")

    # document order: Ⅰ, Ⅱ, Ⅱ, Ⅲ, Ⅲ
    assert [r.item.split(" ")[0] for r in rows] == ["Ⅰ", "Ⅱ", "Ⅱ", "Ⅲ", "Ⅲ"]


def test_changed_threshold_explains_the_serious_incident_rows(baseline: Document) -> None:
    draft = _draft(baseline)
    draft.set("V.1.2", "基礎項目評価の実施が義務付けられる（任意に重点項目評価を実施）")
    draft.set("III(1).7.risk.2", "発生あり")
    rows = propose_changes(baseline, draft)
    assert {(r.timing, r.reason) for r in rows} == {("事後", "しきい値判断結果の変更のため")}
    assert len(rows) == 2


def test_removed_and_reordered_entries(baseline: Document) -> None:
    draft = _draft(baseline)
    assert draft.count("I.2.system") == 8
    name3 = draft.get("I.2.system[3].1")
    draft.remove_entry("I.2.system", 3)  # a システム removed: one row, the others unchanged
    draft.move_entry("II(1).5.teikyo", 1, 2)  # 提供先 reordered: pairing by name, no row
    rows = propose_changes(baseline, draft)
    assert len(rows) == 1
    assert rows[0].item == "Ⅰ 基本情報 2. 特定個人情報ファイルを取り扱う事務において使用するシステム システム3"
    assert (rows[0].before, rows[0].after, rows[0].kind, rows[0].timing) == (name3, f"「{name3}」を削除", "removed", "事後")


def test_check_boxes_and_star_inherited_from_section_heading(baseline: Document) -> None:
    draft = _draft(baseline)
    old = baseline.get("II(1).3.1")
    assert isinstance(old, CheckValue)
    draft.set("II(1).3.1", CheckValue(checked=[*old.checked, "その他"], details={**old.details, "その他": "新しい入手元"}))
    draft.set("III(1).9.hoho", "年2回の研修を実施する。")
    rows = _by_item(propose_changes(baseline, draft))
    r = rows["Ⅱ 特定個人情報ファイルの概要 3. 特定個人情報の入手・使用 ①入手元"]
    assert r.timing == "事前" and r.after.endswith("その他（新しい入手元）")
    r = rows["Ⅲ リスク対策 9. 従業者に対する教育・啓発 具体的な方法"]
    assert r.timing == "事前"  # all of Ⅲ is ※ (except 7②)


def test_several_files_carry_the_file_number(baseline: Document) -> None:
    two = read_document(fixture_path("seed-001"))
    draft = rolled_forward(two)
    draft.set("III(2).10", "新しい対策")
    rows = propose_changes(two, draft, changed_on="令和8年5月30日")
    assert [r.item for r in rows] == ["Ⅲ リスク対策（２） 10. その他のリスク対策"]
    assert rows[0].changed_on == "令和8年5月30日"


def test_kept_rows_go_after_the_existing_history(baseline: Document) -> None:
    draft = _draft(baseline)
    draft.set("I.6.2", "こども未来局長")
    rows = propose_changes(baseline, draft)
    history = {k: v for k, v in draft.values.items() if k.startswith("annex2")}
    out = append_rows(draft, rows)
    assert out.count("annex2.row") == 83
    assert {k: v for k, v in out.values.items() if k.startswith("annex2") and k in history} == history
    assert out.get("annex2.row[83].komoku") == "Ⅰ 基本情報 6. 評価実施機関における担当部署 ②所属長の役職名"
    assert out.get("annex2.row[83].jiki") == "事後"
    assert out.get("annex2.row[83].henko_bi") == KOHYO
    assert draft.count("annex2.row") == 82  # the draft itself is untouched

"""A 事務's set shares its answers: an answer saved in one 評価書 reaches the others (store level, as the
editor's save path calls it), never overwriting a different answer or a 確定 評価書; existing sets are
aligned on demand; 基礎 Ⅳ１ follows the set."""

from __future__ import annotations

from pathlib import Path

import pytest

from pia_desktop.changes.convert import convert
from pia_desktop.changes.rollforward import roll_forward
from pia_desktop.domain.assessment_set import ThresholdAnswers, new_documents
from pia_desktop.shared.set_sharing import (
    add_to_set,
    align_set,
    apply_alignment,
    current_set,
    propagate_shared,
    sync_submitted,
)
from pia_desktop.storage.store import Store, new_jimu

KISO, JUTEN, ZEN = "yoshiki2-r0610", "yoshiki3-r0610", "yoshiki4-r0610"
SHURUI = "IV.1.shurui"


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "s.sqlite3") as s:
        yield s


def make_set(store: Store, forms: tuple[str, ...] = (KISO, JUTEN), jimu: str | None = None) -> list[int]:
    jimu = jimu or new_jimu()
    docs = new_documents(list(forms), 1, "軽自動車税に関する事務", ThresholdAnswers("1万人以上10万人未満", True, False))
    return [store.add_document(d, jimu=jimu) for d in docs]


def edit(store: Store, aid: int, address: str, value: str | None) -> list[tuple[int, str]]:
    """What EditSession does: save the answer, then propagate it with the answer it replaced."""
    previous = store.answer(aid, address)
    store.set_value(aid, address, value)
    return propagate_shared(store, aid, address, value, previous=previous)


def test_a_new_set_names_its_kinds_in_kiso_iv1(store: Store) -> None:
    kiso, juten = make_set(store)
    assert store.load(kiso).get(SHURUI) == "基礎項目評価書及び重点項目評価書"
    assert store.load(juten).get(SHURUI) is None
    (alone,) = make_set(store, (KISO,))
    assert store.load(alone).get(SHURUI) == "基礎項目評価書"
    zen_kiso, _zen = make_set(store, (KISO, ZEN))
    assert store.load(zen_kiso).get(SHURUI) == "基礎項目評価書及び全項目評価書"


def test_typing_in_the_kiso_fills_the_juten(store: Store) -> None:
    kiso, juten = make_set(store)
    other_kiso, other_juten = make_set(store)
    # typed character by character, as the editor saves it
    for typed in ("熊", "熊谷", "熊谷市長"):
        edit(store, kiso, "cover.kikan_mei", typed)
    assert store.answer(juten, "cover.kikan_mei") == "熊谷市長"
    assert edit(store, kiso, "I.kaiji.seikyusaki", "熊谷市役所 総務課") == [(juten, "IV.1.1")]
    assert store.load(juten).get("IV.1.1") == "熊谷市役所 総務課"
    assert edit(store, juten, "I.6.2", "市民税課長") == [(kiso, "I.6.2")]  # either way round
    # the summary column of the list follows too
    assert next(s for s in store.list_assessments() if s.id == juten).org == "熊谷市長"
    # another 事務 is untouched; an item outside the table is not shared
    assert store.answer(other_juten, "cover.kikan_mei") is None and store.answer(other_kiso, "cover.kikan_mei") is None
    assert edit(store, kiso, "I.1.2", "概要") == []


def test_a_different_answer_in_the_sibling_is_left_alone(store: Store) -> None:
    kiso, juten = make_set(store)
    store.set_value(juten, "I.6.1", "収納課")
    assert edit(store, kiso, "I.6.1", "市民税課") == []
    assert store.answer(juten, "I.6.1") == "収納課"
    # once both say the same, they follow each other again
    edit(store, juten, "I.6.1", "市民税課")
    assert edit(store, kiso, "I.6.1", "市民税課 諸税係") == [(juten, "I.6.1")]


def test_undo_in_the_kiso_takes_the_copies_back(store: Store) -> None:
    """The editor's undo saves the old answer through the same path: copies still in step follow it."""
    kiso, juten = make_set(store)
    edit(store, kiso, "cover.kohyo_bi", "令和7年5月30日")
    assert store.answer(juten, "cover.kohyo_bi") == "令和7年5月30日"
    # undo: the old (blank) answer replaces the typed one
    assert edit(store, kiso, "cover.kohyo_bi", None) == [(juten, "cover.kohyo_bi")]
    assert store.answer(juten, "cover.kohyo_bi") is None
    # redo, then the 重点 is edited on its own: a later undo in the 基礎 leaves the 重点's own answer
    edit(store, kiso, "cover.kohyo_bi", "令和7年5月30日")
    edit(store, juten, "cover.kohyo_bi", "令和7年6月2日")
    store.set_value(kiso, "cover.kohyo_bi", "令和7年5月30日")  # (the 基礎 itself was not in step)
    assert edit(store, kiso, "cover.kohyo_bi", None) == []
    assert store.answer(juten, "cover.kohyo_bi") == "令和7年6月2日"


def test_a_fixed_sibling_or_a_readonly_store_is_not_written(store: Store, tmp_path: Path) -> None:
    kiso, juten = make_set(store)
    store.set_status(juten, "確定")
    assert edit(store, kiso, "I.3", "軽自動車税ファイル") == []
    assert store.answer(juten, "I.3") is None
    store.set_status(juten, "作成中")
    edit(store, kiso, "I.3", "軽自動車税ファイル")
    assert store.answer(juten, "I.3") == "軽自動車税ファイル"
    with Store(tmp_path / "s.sqlite3", readonly=True) as ro:
        assert propagate_shared(ro, kiso, "I.3", "別の名前", previous="軽自動車税ファイル") == []


def test_brackets_are_copied_as_the_other_form_writes_them(store: Store) -> None:
    kiso, juten = make_set(store)
    assert store.answer(juten, "I.1.3") == "1万人以上10万人未満"  # prefilled at creation
    assert edit(store, kiso, "II.1.ninzu", "1,000人未満（任意実施）") == [(juten, "I.1.3")]
    assert store.answer(juten, "I.1.3") == "1,000人未満"
    assert edit(store, kiso, "II.1.ninzu", "30万人以上") == []  # the 重点 has no such bracket
    assert store.answer(juten, "I.1.3") == "1,000人未満"


def test_last_years_versions_are_history_not_part_of_the_set(store: Store) -> None:
    kiso, juten = make_set(store)
    new_kiso = roll_forward(store, kiso)  # 新年度版 of the 基礎: same 事務, last year's 基礎 is its baseline
    assert [m.id for m in current_set(store, new_kiso)] == [new_kiso, juten]
    assert current_set(store, kiso) == []
    assert edit(store, kiso, "I.6.1", "旧年度に書いた") == []
    assert edit(store, new_kiso, "I.6.1", "市民税課") == [(juten, "I.6.1")]


def test_a_conversion_replaces_the_juten_and_iv1_follows(store: Store) -> None:
    jimu = new_jimu()
    kiso, juten = make_set(store, jimu=jimu)
    edit(store, kiso, "I.6.1", "市民税課")
    converted = convert(store.load(juten), ZEN).doc
    zen, fill = add_to_set(store, juten, converted)  # what 全項目評価書に変換 does
    assert store.jimu_of(zen) == jimu
    assert [m.id for m in current_set(store, kiso)] == [kiso, zen]
    assert fill is not None and fill.replaces == "基礎項目評価書及び重点項目評価書"
    assert store.answer(kiso, SHURUI) == "基礎項目評価書及び全項目評価書"
    assert sync_submitted(store, jimu) is None  # already right
    assert store.answer(zen, "I.6.1") == "市民税課"  # carried by the conversion
    assert edit(store, kiso, "I.6.1", "諸税課") == [(zen, "I.6.1")]
    assert store.answer(juten, "I.6.1") == "市民税課"  # the replaced 重点 is history


def test_align_an_existing_set(store: Store) -> None:
    """Two 評価書 imported separately, then linked: blanks filled from the other, differences listed."""
    kiso, juten = make_set(store, jimu="x")
    store.set_value(kiso, SHURUI, None)
    store.set_value(kiso, "cover.kikan_mei", "熊谷市長")
    store.set_value(juten, "I.4.konkyo", "番号法第9条第1項 別表の24の項")
    store.set_value(kiso, "I.6.1", "市民税課")
    store.set_value(juten, "I.6.1", "収納課")
    report = align_set(store, "x")
    fills = {(f.member.id, f.address): f.value for f in report.fills}
    assert fills == {(juten, "cover.kikan_mei"): "熊谷市長", (kiso, "I.4.konkyo"): "番号法第9条第1項 別表の24の項",
                     (kiso, SHURUI): "基礎項目評価書及び重点項目評価書"}
    assert [(d.name, [v for _m, _a, v in d.answers]) for d in report.differences] == [("担当部署", ["市民税課", "収納課"])]
    # an edit made after the report is not overwritten
    store.set_value(juten, "cover.kikan_mei", "熊谷市教育委員会")
    done = apply_alignment(store, report.fills)
    assert {(f.member.id, f.address) for f in done} == {(kiso, "I.4.konkyo"), (kiso, SHURUI)}
    assert store.answer(juten, "cover.kikan_mei") == "熊谷市教育委員会"
    assert store.answer(kiso, "I.4.konkyo") == "番号法第9条第1項 別表の24の項"
    assert align_set(store, "x").fills == []


def test_align_lists_a_fixed_member_apart(store: Store) -> None:
    kiso, juten = make_set(store, jimu="y")
    store.set_value(kiso, "I.7", "なし")
    store.set_status(juten, "確定")
    report = align_set(store, "y")
    assert [(f.member.id, f.address) for f in report.locked] == [(juten, "I.7")] and report.fills == []
    assert apply_alignment(store, report.locked) == [] and store.answer(juten, "I.7") is None


def test_documents_made_apart_are_linked_on_demand(store: Store) -> None:
    """Last year's 基礎 and 重点 imported one by one: not linked, then joined as one 事務 and aligned."""
    from pia_desktop.shared.set_sharing import join_set, link_candidates

    (kiso,) = [store.add_document(d) for d in new_documents([KISO], 1, "軽自動車税に関する事務")]
    (juten,) = [store.add_document(d) for d in new_documents([JUTEN], 1, "軽自動車税に関する事務")]
    (other,) = [store.add_document(d) for d in new_documents([JUTEN], 1, "住民税に関する事務")]
    paired_kiso, _paired_juten = make_set(store)  # a complete set is never offered
    assert current_set(store, juten) == []
    assert [m.id for m in link_candidates(store, juten)] == [kiso]  # the other 基礎 is in a set with a 重点
    assert [m.id for m in link_candidates(store, kiso)] == [juten, other]  # the same 事務の名称 first
    assert link_candidates(store, paired_kiso) == []
    jimu = join_set(store, juten, kiso)
    assert [m.id for m in current_set(store, kiso)] == [kiso, juten] and store.jimu_of(juten) == jimu
    assert link_candidates(store, kiso) == []
    store.set_value(juten, "I.6.1", "市民税課")
    report = align_set(store, jimu)
    assert {(f.member.id, f.address) for f in report.fills} == {(kiso, "I.6.1"), (kiso, SHURUI)}


def test_a_converted_juten_without_a_set_gets_one(store: Store) -> None:
    (juten,) = [store.add_document(d) for d in new_documents([JUTEN], 1, "事務")]
    zen, fill = add_to_set(store, juten, convert(store.load(juten), ZEN).doc)
    assert fill is None  # no 基礎 in the set
    assert store.jimu_of(juten) == store.jimu_of(zen) is not None
    assert [m.id for m in current_set(store, zen)] == [zen]

"""The set check: answers that differ between the 評価書 of one 事務, as 点検 findings on this 評価書's items."""

from __future__ import annotations

from pathlib import Path

import pytest

from pia_desktop.checks.set_check import set_findings
from pia_desktop.domain.assessment_set import ThresholdAnswers, new_documents
from pia_desktop.storage.store import Store, new_jimu


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "s.sqlite3") as s:
        yield s


def make_set(store: Store, forms: tuple[str, ...] = ("yoshiki2-r0610", "yoshiki3-r0610"), jimu: str = "") -> list[int]:
    docs = new_documents(list(forms), 1, "軽自動車税に関する事務", ThresholdAnswers("1万人以上10万人未満", True, False))
    jimu = jimu or new_jimu()
    return [store.add_document(d, jimu=jimu) for d in docs]


def test_a_fresh_set_has_no_findings(store: Store) -> None:
    kiso, juten = make_set(store)
    assert set_findings(store, kiso) == [] and set_findings(store, juten) == []


def test_different_answers_are_reported_on_both_sides(store: Store) -> None:
    kiso, juten = make_set(store)
    store.set_value(kiso, "I.kaiji.seikyusaki", "熊谷市役所 総務課")
    store.set_value(juten, "IV.1.1", "熊谷市役所 市民税課")
    (here,) = set_findings(store, kiso)
    assert (here.severity, here.rule, here.address) == ("warning", "set:differs", "I.kaiji.seikyusaki")
    assert here.message == ("「開示・訂正・利用停止請求の請求先」が重点項目評価書「軽自動車税に関する事務　重点項目評価書」（ID 2）と"
                            "異なります（この評価書：「熊谷市役所 総務課」、重点項目評価書：「熊谷市役所 市民税課」）。同じ事務の評価書では同じ記載にします。")
    assert "開示" in here.path
    (there,) = set_findings(store, juten)
    assert there.address == "IV.1.1" and "基礎項目評価書「軽自動車税に関する事務　基礎項目評価書」（ID 1）" in there.message
    # blanks and line-end spaces do not make a difference
    store.set_value(juten, "IV.1.1", "  熊谷市役所 総務課 \n")
    assert set_findings(store, kiso) == []


def test_brackets_differ_by_range_only(store: Store) -> None:
    kiso, juten = make_set(store)
    store.set_value(kiso, "II.1.ninzu", "1,000人未満（任意実施）")
    store.set_value(juten, "I.1.3", "1,000人未満")
    assert set_findings(store, kiso) == []
    store.set_value(juten, "I.1.3", "10万人以上30万人未満")
    assert [f.rule for f in set_findings(store, kiso)] == ["set:differs"]


def test_blank_in_a_fixed_sibling_and_a_wrong_iv1(store: Store) -> None:
    kiso, juten = make_set(store)
    store.set_status(juten, "確定")
    store.set_value(kiso, "cover.kikan_mei", "熊谷市長")
    store.set_value(kiso, "IV.1.shurui", "基礎項目評価書及び全項目評価書")
    found = {f.rule: f for f in set_findings(store, kiso)}
    assert set(found) == {"set:missing", "set:submitted"}
    assert "重点項目評価書「軽自動車税に関する事務　重点項目評価書」（ID 2）では未記入です" in found["set:missing"].message
    assert found["set:submitted"].address == "IV.1.shurui"
    assert "「基礎項目評価書及び重点項目評価書」" in found["set:submitted"].message


def test_the_open_documents_answers_are_used(store: Store) -> None:
    kiso, juten = make_set(store)
    store.set_value(juten, "I.6.1", "市民税課")
    doc = store.load(kiso)
    doc.set("I.6.1", "収納課")
    assert [f.address for f in set_findings(store, kiso, doc)] == ["I.6.1"]


def test_not_linked_means_no_set_findings(store: Store) -> None:
    (alone,) = [store.add_document(d) for d in new_documents(["yoshiki3-r0610"], 1, "事務")]
    assert set_findings(store, alone) == []


def test_a_damaged_sibling_leaves_the_documents_own_review(store: Store) -> None:
    from pia_desktop.checks.set_check import review_in_set
    from pia_desktop.domain.form_definition import load_form

    kiso, juten = make_set(store)
    store.set_value(kiso, "I.6.1", "市民税課")
    store.db.execute("insert into answers (assessment_id, address, value) values (?, 'I.6.1', '{broken')", [juten])
    form = load_form("yoshiki2-r0610")
    result = review_in_set(store, kiso, form, store.load(kiso))
    (unreadable,) = [f for f in result.findings if f.rule.startswith("set:")]
    assert unreadable.rule == "set:unreadable" and unreadable.message.startswith("同じ事務の評価書と比べられませんでした：")
    assert any(f.rule == "required" for f in result.findings)  # the document's own review is all there

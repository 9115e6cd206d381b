"""共通項目: one 連絡先 shared by three 評価書, changed once; unlinking; missing and damaged facts."""

from __future__ import annotations

import sqlite3

from pia_desktop.changes.rows import existing_rows
from pia_desktop.domain.form_definition import load_form
from pia_desktop.shared.facts import (
    apply_change,
    entry_value,
    link,
    linked_facts,
    make_fact,
    offers,
    plan_change,
    undo_change,
    usages,
)
from pia_desktop.storage.store import Store
from tests.shared.conftest import CONTACT

NEW = "子ども未来局子育て支援課 電話 076-220-9999"


def _share(store: Store, three: list[int]) -> int:
    fid = make_fact(store, three[0], CONTACT, "子育て支援課の連絡先")
    for aid in three[1:]:
        assert link(store, aid, CONTACT, fid)  # the item takes the fact's value
    return fid


def test_one_change_updates_all_three_and_proposes_one_row_in_each(store: Store, three: list[int]) -> None:
    fid = _share(store, three)
    old = store.fact(fid).value  # type: ignore[union-attr]
    assert [u.in_sync for u in usages(store, fid)] == [True, True, True]
    rows_before = {aid: len(existing_rows(store.load(aid))) for aid in three}

    plans = plan_change(store, fid, NEW, changed_on="令和7年6月1日")
    assert [p.assessment_id for p in plans] == three
    assert all(p.row is not None for p in plans)
    applied = apply_change(store, fid, NEW, plans)

    assert store.fact(fid).value == NEW  # type: ignore[union-attr]
    for aid in three:
        doc = store.load(aid)
        assert doc.get(CONTACT) == NEW
        rows = existing_rows(doc)
        assert len(rows) == rows_before[aid] + 1  # exactly one proposed row appended
        new_row = rows[-1]
        assert new_row.before == old and new_row.after == NEW
        assert new_row.changed_on == "令和7年6月1日" and "Ⅳ" in new_row.item
    assert all(u.in_sync for u in usages(store, fid))

    skipped = undo_change(store, applied)  # each change can be taken back
    assert skipped == []
    for aid in three:
        assert store.load(aid).get(CONTACT) == old
        assert len(existing_rows(store.load(aid))) == rows_before[aid]
    assert store.fact(fid).value == old  # type: ignore[union-attr]


def test_change_can_go_to_chosen_assessments_only(store: Store, three: list[int]) -> None:
    fid = _share(store, three)
    old = store.load(three[2]).get(CONTACT)
    plans = plan_change(store, fid, NEW, targets=[(three[0], CONTACT), (three[1], CONTACT)])
    apply_change(store, fid, NEW, plans)
    assert [store.load(a).get(CONTACT) for a in three] == [NEW, NEW, old]
    assert [u.in_sync for u in usages(store, fid)] == [True, True, False]


def test_undo_leaves_an_assessment_edited_since(store: Store, three: list[int]) -> None:
    fid = _share(store, three)
    applied = apply_change(store, fid, NEW, plan_change(store, fid, NEW))
    store.set_value(three[1], CONTACT, "別の連絡先")
    assert undo_change(store, applied) == [three[1]]
    assert store.load(three[1]).get(CONTACT) == "別の連絡先"


def test_unlinking_keeps_the_value(store: Store, three: list[int]) -> None:
    fid = _share(store, three)
    value = store.load(three[1]).get(CONTACT)
    store.unlink(three[1], CONTACT)
    assert store.load(three[1]).get(CONTACT) == value
    assert CONTACT not in store.links_of(three[1])
    apply_change(store, fid, NEW, plan_change(store, fid, NEW))
    assert store.load(three[1]).get(CONTACT) == value  # no longer follows the fact
    assert store.load(three[0]).get(CONTACT) == NEW


def test_a_deleted_fact_never_loses_an_answer(store: Store, three: list[int]) -> None:
    fid = _share(store, three)
    values = [store.load(a).get(CONTACT) for a in three]
    store.delete_fact(fid)
    assert [store.load(a).get(CONTACT) for a in three] == values
    assert store.links_of(three[0]) == {}
    assert usages(store, fid) == []


def test_a_damaged_fact_never_loses_an_answer(store: Store, three: list[int], tmp_path) -> None:  # type: ignore[no-untyped-def]
    fid = _share(store, three)
    values = [store.load(a).get(CONTACT) for a in three]
    con = sqlite3.connect(store.path)
    con.execute("update shared_facts set value='{broken' where id=?", (fid,))
    con.commit()
    con.close()
    fact = store.fact(fid)
    assert fact is not None and fact.damaged and fact.value is None
    assert linked_facts(store, three[0]) == {CONTACT: None}  # shown as no longer linked
    assert [store.load(a).get(CONTACT) for a in three] == values  # the last value stays in the item
    assert [u.in_sync for u in usages(store, fid)] == [False, False, False]
    assert offers(load_form("yoshiki3-r0610"), store.facts(), CONTACT) == []


def test_a_whole_system_entry_is_shared(store: Store, three: list[int]) -> None:
    doc = store.load(three[2])
    entry = "I.2.system[1]"
    fid = make_fact(store, three[2], entry, "福祉保健総合システム", entry=True)
    fact = store.fact(fid)
    assert fact is not None and fact.kind == "entry" and fact.template == "I.2.system[]"
    assert fact.value == entry_value(doc, entry) and fact.value
    new = dict(fact.value)  # type: ignore[arg-type]
    key = next(k for k in new if k and isinstance(new[k], str))
    new[key] = "機能の説明を改めた"
    apply_change(store, fid, new, plan_change(store, fid, new, changed_on="令和7年6月1日"))
    after = store.load(three[2])
    assert after.get(entry + key) == "機能の説明を改めた"
    assert existing_rows(after)[-1].after.startswith("機能の説明を改めた")


def test_offers_fit_the_item(store: Store, three: list[int]) -> None:
    fid = _share(store, three)
    form = load_form("yoshiki3-r0610")
    assert [f.id for _, f in offers(form, store.facts(), CONTACT)] == [fid]
    assert offers(form, store.facts(), "IV.1.1") == []  # made from Ⅳ２①: offered there only

"""Import link suggestions, the 定型文 library, and the portfolio list."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from pia_desktop.domain.exchange import read_document
from pia_desktop.shared.facts import make_fact
from pia_desktop.shared.phrases import all_phrases, insert_at, search, standard_phrases
from pia_desktop.shared.portfolio import COLUMNS, portfolio, to_csv, write_xlsx
from pia_desktop.shared.reviews import make_record, record_review
from pia_desktop.shared.suggest import suggest_links
from pia_desktop.storage.store import Store, new_jimu
from tests.conftest import fixture_path
from tests.shared.conftest import CONTACT


def test_import_suggests_links_where_a_value_equals_a_fact(store: Store, three: list[int]) -> None:
    fid = make_fact(store, three[0], "IV.1.1", "庶務課の請求先")  # seed 000 and 001 share it, modulo line breaks? no
    sys_fid = make_fact(store, three[2], "I.2.system[1]", "システム1", entry=True)
    make_fact(store, three[2], CONTACT, "子育て支援課")
    imported = read_document(fixture_path("seed-003"))
    found = {(s.address, s.fact_id) for s in suggest_links(imported, store.facts())}
    assert ("I.2.system[1]", sys_fid) in found
    assert any(a == CONTACT for a, _ in found)
    assert all(f != fid for _, f in found)  # seed 003 has another 請求先


def test_standard_phrases_load_and_search() -> None:
    phrases = standard_phrases()
    assert len(phrases) >= 8
    assert all(p.text and p.title for p in phrases)
    hits = search(phrases, "中間サーバー・プラットフォーム ＶＰＮ")  # full-width VPN folds
    assert hits and all("VPN" in p.text for p in hits)
    assert search(phrases, "保管")


def test_user_phrases_come_from_the_store(store: Store) -> None:
    store.add_phrase("庁内の定型", "・年1回、自己点検を行う。", "監査 自己点検")
    mine = [p for p in all_phrases(store) if not p.standard]
    assert [p.title for p in mine] == ["庁内の定型"]
    assert search(all_phrases(store), "自己点検")[0].title == "庁内の定型"


def test_insert_at_puts_the_phrase_on_its_own_line() -> None:
    assert insert_at("", 0, "定型") == ("定型", 2)
    assert insert_at("前の文。", 4, "定型") == ("前の文。\n定型", 7)
    assert insert_at("前\n後", 2, "定型") == ("前\n定型\n後", 4)


def test_portfolio_groups_a_jimu_and_writes_csv_and_xlsx(store: Store, tmp_path: Path) -> None:
    jimu = new_jimu()
    kiso = store.add_document(read_document(fixture_path("example-kiso")), jimu=jimu)
    juten = store.add_document(read_document(fixture_path("seed-003")), jimu=jimu)
    other = store.add_document(read_document(fixture_path("seed-001")))
    record_review(store, juten, make_record(date(2025, 12, 1), "佐藤", "変更なし", today=date(2025, 12, 2)))
    rows = portfolio(store, today=date(2026, 1, 1))
    assert {r.assessment_id for r in rows} == {kiso, juten, other}
    ids = [r.assessment_id for r in rows]
    assert abs(ids.index(kiso) - ids.index(juten)) == 1 and ids.index(kiso) < ids.index(juten)  # 基礎, then 重点
    by_id = {r.assessment_id: r for r in rows}
    assert by_id[juten].kind == "重点" and by_id[kiso].kind == "基礎"
    assert by_id[juten].jimu == by_id[kiso].jimu
    assert by_id[juten].last_review == date(2025, 12, 1) and by_id[juten].review_due == date(2026, 12, 1)
    assert by_id[kiso].review_due == date(2026, 1, 14)
    assert all(r.errors is not None for r in rows)
    parsed = list(csv.reader(io.StringIO(to_csv(rows))))
    assert tuple(parsed[0]) == COLUMNS and len(parsed) == 4
    out = tmp_path / "list.xlsx"
    write_xlsx(rows, out)
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    assert [c.value for c in ws[1]] == list(COLUMNS)
    assert ws.max_row == 4


def test_a_broken_phrase_library_names_the_file_and_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pia_desktop.shared import phrases

    broken = tmp_path / "phrases-library.yaml"
    broken.write_text("version: 1\nphrases:\n  - id: a\n    title: ''\n    text: 本文\n", encoding="utf-8")
    monkeypatch.setattr(phrases, "library_path", lambda: broken)
    phrases.standard_phrases.cache_clear()
    try:
        with pytest.raises(phrases.PhraseLibraryError, match=r"定型文のファイル .*phrases-library\.yaml の「phrases/0/title」が正しくありません"):
            phrases.standard_phrases()
        assert all_phrases(None) == []  # the broken file leaves no shipped entries, not a crash
    finally:
        phrases.standard_phrases.cache_clear()

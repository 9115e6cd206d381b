"""変換 重点項目評価書 → 全項目評価書: the engine on a tiny mapping, then the real mapping on seed 003
(zero silent losses), and the mapping file covering every item of the 重点 form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pia_desktop.changes import convert as conv
from pia_desktop.changes.convert import ConversionError, convert, load_mapping
from pia_desktop.domain.addresses import parse_address
from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import load_form
from pia_desktop.domain.threshold.table import threshold_rules
from pia_desktop.domain.validation import validate
from tests.conftest import fixture_path

SRC, DST = "yoshiki3-r0610", "yoshiki4-r0610"


@pytest.fixture
def tiny_mapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary mappings folder; the test writes the file."""
    folder = tmp_path / "mappings"
    folder.mkdir()
    monkeypatch.setattr(conv, "mappings_dir", lambda: folder)
    load_mapping.cache_clear()
    yield folder / f"{SRC}_to_{DST}.yaml"
    load_mapping.cache_clear()


TINY = f"""
from: {SRC}
to: {DST}
identity: true
map:
  - from: IV
    to: V
  - from: V.1.2
    to: VI.1.2
    values:
      基礎項目評価及び重点項目評価の実施が義務付けられる: 基礎項目評価及び重点項目評価の実施が義務付けられる（任意に全項目評価を実施）
  - from: III.2.risk.sochi
    to: III.2.risk.sonota
    note: 二つの措置に振り分けてください
drop:
  - item: III.8
    reason: 監査は記載し直してください
"""


def test_engine_on_a_tiny_mapping(tiny_mapping: Path) -> None:
    tiny_mapping.write_text(TINY, encoding="utf-8")
    doc = Document(form_id=SRC)
    doc.set("cover.hyokasho_mei", "児童手当に関する事務　重点項目評価書")  # identity
    doc.set("I.1.3", "10万人以上30万人未満")  # a choice whose option exists in both
    doc.set_count("I.2.system", 2)
    doc.set("I.2.system[2].1", "福祉システム")  # a repeating group: the entry is created
    doc.set("I.2.system[1].3", CheckValue(checked=["庁内連携システム"]))
    doc.set("IV.1.1", "○○市役所")  # subtree IV → V (identity would hit 全項目 IV.1.1 ①自己点検, a choice)
    doc.set("V.1.2", "基礎項目評価及び重点項目評価の実施が義務付けられる")  # translated by values
    doc.set("V.2.1", "パブリックコメント")  # no rule for V: 全項目 V.2.1 is 連絡先, another item → reported
    doc.set("III(1).2.risk.sochi", "本人確認を徹底")
    doc.set("III(1).8.umu", CheckValue(checked=["自己点検"]))
    doc.non_public.append("I.2.system[2].1")
    r = convert(doc, DST)
    new = r.doc
    assert new.form_id == DST and new.status == "作成中"
    assert new.get("cover.hyokasho_mei") == "児童手当に関する事務　重点項目評価書"
    assert new.get("I.1.3") == "10万人以上30万人未満"
    assert new.count("I.2.system") == 2 and new.get("I.2.system[2].1") == "福祉システム"
    assert new.non_public == ["I.2.system[2].1"]
    assert new.get("V.1.1") == "○○市役所" and new.get("IV.1.1") is None
    assert new.get("VI.1.2") == "基礎項目評価及び重点項目評価の実施が義務付けられる（任意に全項目評価を実施）"
    assert new.get("III(1).2.risk.sonota") == "本人確認を徹底"
    assert ("III(1).2.risk.sochi", "III(1).2.risk.sonota", "二つの措置に振り分けてください") in r.notes
    dropped = dict(r.dropped)
    assert dropped["III(1).8.umu"] == "監査は記載し直してください"
    assert "別の項目" in dropped["V.2.1"] and new.get("V.2.1") is None
    assert set(dropped) == {"III(1).8.umu", "V.2.1"}
    assert len(r.carried) == len(doc.values) - 2
    assert "III(1).2.risk.taishogai" in r.to_fill and "I.riyu.1" in r.to_fill
    assert not [f for f in validate(load_form(DST), new) if f.severity == "error"]


def test_a_choice_carries_only_when_its_option_exists(tiny_mapping: Path) -> None:
    tiny_mapping.write_text(TINY, encoding="utf-8")
    doc = Document(form_id=SRC)
    doc.set("V.1.2", "基礎項目評価の実施が義務付けられる（任意に重点項目評価を実施）")  # no translation given
    doc.set("I.2.system[1].3", CheckValue(checked=["庁内連携システム", "その他"], details={"その他": "独自連携"}))
    doc.set_count("I.2.system", 1)
    r = convert(doc, DST)
    assert dict(r.dropped)["V.1.2"] == "選択肢「基礎項目評価の実施が義務付けられる（任意に重点項目評価を実施）」は変換先の項目にありません"
    assert r.doc.get("VI.1.2") is None
    checks = r.doc.get("I.2.system[1].3")
    assert isinstance(checks, CheckValue) and set(checks.checked) == {"庁内連携システム", "その他"}
    assert checks.details == {"その他": "独自連携"}


def test_threshold_result_is_restated(tiny_mapping: Path) -> None:
    tiny_mapping.write_text(TINY, encoding="utf-8")
    doc = Document(form_id=SRC)
    doc.set("V.1.2", "基礎項目評価及び重点項目評価の実施が義務付けられる")
    r = convert(doc, DST, threshold_result="kiso_zen")
    assert r.doc.get("VI.1.2") == threshold_rules().result("kiso_zen").stated_on("zen")


def test_a_broken_mapping_is_a_clear_error(tiny_mapping: Path) -> None:
    tiny_mapping.write_text(TINY.replace("to: V\n", "to: Z.9\n"), encoding="utf-8")
    with pytest.raises(ConversionError, match=r"変換先の項目「Z\.9」"):
        convert(Document(form_id=SRC), DST)
    load_mapping.cache_clear()
    tiny_mapping.unlink()
    with pytest.raises(ConversionError, match="変換表"):
        convert(Document(form_id=SRC), DST)



def test_a_misspelt_key_in_the_mapping_names_the_place(tiny_mapping: Path) -> None:
    tiny_mapping.write_text(TINY.replace("  - from: IV\n    to: V\n", "  - from: IV\n    too: V\n"), encoding="utf-8")
    with pytest.raises(ConversionError, match=r"変換表 .*\.yaml の「map/0/too」に誤りがあります: 不明な項目です"):
        convert(Document(form_id=SRC), DST)

# -- the real mapping --------------------------------------------------------------------------------


def _expected_value(address: str, new_address: str, value: object) -> object:
    """The value the mapping file says the answer becomes (the same, or its option translated)."""
    rule = load_mapping(SRC, DST).rule_for(parse_address(address).template)
    if rule is not None and isinstance(value, str):
        return rule.values.get(value, value)
    return value


def test_seed_003_converts_with_zero_silent_losses() -> None:
    doc = read_document(fixture_path("seed-003"))
    src, dst = load_form(SRC), load_form(DST)
    r = convert(doc, DST)
    carried_from = {a for a, _ in r.carried}
    dropped = dict(r.dropped)
    for address in doc.values:  # every answer: carried unchanged, or reported with a reason
        assert address in carried_from or address in dropped, address
        if address in dropped:
            assert dropped[address].strip(), address
    for old, new in r.carried:
        assert r.doc.get(new) == _expected_value(old, new, doc.get(old)), (old, new)
    # every answer whose item exists in both forms (same id, same question) is carried
    in_both = [a for a in doc.values if (t := parse_address(a).template) in dst.index
               and conv._label_key(dst.index[t]) == conv._label_key(src.index[t])]
    assert in_both and not [a for a in in_both if a not in carried_from]
    assert len(r.carried) >= 570 and set(dropped) == {"III(1).8.umu"}
    errors = [f for f in validate(dst, r.doc) if f.severity == "error"]
    assert not [f for f in errors if f.rule == "unknown-item"] and errors == []
    assert r.doc.count("annex2.row") == doc.count("annex2.row") == 82
    assert "III(1).2.risk.taishogai" in r.to_fill  # what is new to fill is listed


def test_the_mapping_accounts_for_every_item_of_the_juten_form() -> None:
    """Each item of the 重点 form with a value goes somewhere, or the file says why not (no generic reason)."""
    src, dst = load_form(SRC), load_form(DST)
    mapping = load_mapping(SRC, DST)
    unaccounted = []
    for item in src.iter_items():
        if not item.has_value:
            continue
        target, _rule, why = conv._target_template(mapping, src, dst, item.id)
        if target is None and mapping.drop_for(item.id) is None:
            unaccounted.append(f"{item.id}: {why}")
    assert unaccounted == []

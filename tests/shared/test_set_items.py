"""forms/mappings/set-shared-items.yaml: every item exists in its form, holds one answer per 評価書, and has
the same kind of value in every form of its row; a broken table is refused with the file and the row named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pia_desktop.domain.form_definition import ItemType, load_form
from pia_desktop.domain.set_items import SetTableError, load_set_table, same_value, set_table, table_path, translate

FORMS = ("yoshiki2-r0610", "yoshiki3-r0610", "yoshiki4-r0610")


def test_every_address_exists_with_a_compatible_type() -> None:
    table = set_table()
    assert len(table.items) >= 13
    for row in table.items:
        assert set(row.items) <= set(FORMS) and len(row.items) >= 2, row.name
        types = set()
        for form_id, item_id in row.items.items():
            form = load_form(form_id)
            item = form.index[item_id]  # KeyError: the item is not in the form
            assert "[]" not in item_id and not form.section_of(item_id).per_file, (row.name, form_id)
            types.add("text" if item.type in (ItemType.TEXT, ItemType.TEXTAREA) else item.type)
            if item.type == ItemType.CHOICE and row.match == "text":
                assert [o.text for o in item.options] == [o.text for o in load_form(FORMS[0]).index[row.items[FORMS[0]]].options]
        assert len(types) == 1, (row.name, types)


def test_the_items_the_issue_names_are_shared() -> None:
    """評価実施機関名, 公表日, ファイル名, both 法令上の根拠, 担当部署/所属長, 開示請求・問合せ先 between 基礎 and 重点."""
    pairs = {(a, b) for _row, a, b in set_table().rows_for("yoshiki2-r0610", "yoshiki3-r0610")}
    for pair in [("cover.kikan_mei", "cover.kikan_mei"), ("cover.kohyo_bi", "cover.kohyo_bi"), ("I.3", "I.3"),
                 ("I.4.konkyo", "I.4.konkyo"), ("I.5.2", "I.5.2"), ("I.6.1", "I.6.1"), ("I.6.2", "I.6.2"),
                 ("I.kaiji.seikyusaki", "IV.1.1"), ("I.toiawase.renrakusaki", "IV.2.1")]:
        assert pair in pairs
    # different facts are not rows: the しきい値's 1-year 特定個人情報 accident vs Ⅲ７② (3 years, 個人情報)
    assert not any(a == "II.3.hassei" for a, _b in pairs)


def test_submitted_options_are_the_forms_own_texts() -> None:
    sub = set_table().submitted
    assert sub is not None
    options = [o.text for o in load_form(sub.form).index[sub.item].options]
    assert [sub.text_for(k) for k in ({"kiso"}, {"kiso", "juten"}, {"kiso", "zen"})] == options


def test_brackets_compare_and_copy_by_range() -> None:
    row = next(r for r in set_table().items if r.match == "bracket")
    assert same_value("1,000人未満（任意実施）", "1,000人未満", "bracket")
    assert not same_value("1万人以上10万人未満", "10万人以上30万人未満", "bracket")
    assert translate("1,000人未満（任意実施）", row, "yoshiki3-r0610") == "1,000人未満"
    assert translate("30万人以上", row, "yoshiki3-r0610") is None  # the 重点 has no such bracket
    assert translate("1,000人未満", row, "yoshiki2-r0610") == "1,000人未満（任意実施）"


@pytest.mark.parametrize(("edit", "expected"), [
    (("I.6.2", "I.6.9"), "「所属長の役職名」: 「I.6.9」は重点項目評価書（yoshiki3-r0610）にありません"),
    (("I.6.2", "I.5.1"), "様式によって記載の種類や選択肢が異なります"),
    (("cover.kikan_mei", "II.1"), "一つの評価書に一つの項目ではありません"),
])
def test_a_broken_table_is_refused_naming_the_file_and_row(tmp_path: Path, edit: tuple[str, str], expected: str) -> None:
    text = table_path().read_text(encoding="utf-8")
    old, new = edit
    row = next(line for line in text.splitlines() if f"yoshiki3-r0610: {old}," in line)
    broken = tmp_path / "set-shared-items.yaml"
    broken.write_text(text.replace(row, row.replace(f"yoshiki3-r0610: {old},", f"yoshiki3-r0610: {new},")), encoding="utf-8")
    with pytest.raises(SetTableError) as exc:
        load_set_table(broken)
    assert str(broken) in exc.value.message and expected in exc.value.message


def test_a_wrong_submitted_option_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "t.yaml"
    broken.write_text(table_path().read_text(encoding="utf-8").replace("text: 基礎項目評価書及び全項目評価書", "text: 基礎＋全項目"),
                      encoding="utf-8")
    with pytest.raises(SetTableError, match=re.escape("選択肢「基礎＋全項目」は基礎項目評価書の「IV.1.shurui」にありません")):
        load_set_table(broken)

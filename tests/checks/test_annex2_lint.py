"""The 項目 column of 変更箇所 rows (as the seeds write it, cut off) resolved onto the form's ※ flags."""

from __future__ import annotations

import pytest

from pia_desktop.checks.annex2_lint import resolve_komoku, star_of
from pia_desktop.domain.form_definition import FormDefinition

# 項目 text as printed in seed 003 / 000, the item it names, and whether a change to it is a 重要な変更 candidate
CASES = [
    ("I 基本情報 6. 評価実施機関における担", "I.6", False),
    ("Ⅰ 基本情報-「5. 情報提供ネットワークシステムによる", "I.5", True),
    ("I I 基本情報」-I 4. 個人番号の利用」-「法令上の根拠」", "I.4.konkyo", True),
    ("I. 5. ②情報提供ネットワークシステムによる情報連携", "I.5.2", True),
    ("II. 4. ③委託先名", "II.4.itaku[].3", False),
    ("Ⅱ 特定個人情報ファイルの概要-「4. 特定個人情報ファ", "II.4", None),
    ("Ⅱ 特定個人情報ファイルの概要-「6. 特定個人情報の", "II.6", True),
    ("II 特定個人情報ファイルの概要", "II", None),
    ("Ⅱ 特定個人情報ファイルの概要 3. 特定個人情報の入手・使用 ①入手元", "II.3.1", True),
    ("Ⅱ 特定個人情報ファイルの概要 2. 基本情報 ②対象となる本人の数", "II.2.2", False),
    ("III リスク対策 3. 特定個人情報の使用", "III.3", True),
    ("Ⅲリスク対策 7. 特定個人情報の保管・消", "III.7", None),
    ("Ⅲ リスク対策 7. 特定個人情報の保管・消去 ②過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか その内容", "III.7.risk.2.naiyo", False),
    ("IV 関連情報 2. 特定個人情報ファイルの取", "IV.2", False),
    ("V 評価実施手続 1. 基礎項目評価", "V.1", False),
    ("表紙 公表日", "cover", False),
    ("なにか", None, None),
]


@pytest.mark.parametrize(("komoku", "item_id", "star"), CASES)
def test_resolve_and_star(form: FormDefinition, komoku: str, item_id: str | None, star: bool | None) -> None:
    item = resolve_komoku(form, komoku)
    assert (item.id if item else None) == item_id
    assert star_of(item) is star


def test_values_tell_iii7_2_even_when_the_label_is_cut_off(form: FormDefinition) -> None:
    item = resolve_komoku(form, "Ⅲリスク対策 7. 特定個人情報の保管・消", "発生あり", "発生なし")
    assert item is not None and item.id == "III.7.risk.2"
    assert star_of(item) is False  # Ⅲ７② is excluded from ※

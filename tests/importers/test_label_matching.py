"""The label matcher on rows it has never seen: glyph variants, wrapped and split labels, values over
several rows, repeat entries, per-file sections, 別添1 and 別添2 — independent of any sample layout."""

from __future__ import annotations

from pia_desktop.domain.document import CheckValue
from pia_desktop.domain.form_definition import load_form
from pia_desktop.importers.folding import fold, label_key
from pia_desktop.importers.matching.walk import match_rows
from pia_desktop.importers.source import SourceDocument, SourceRow

HEAD = [("[令和６年10月　様式３]",), ("評価書番号", "評価書名"), ("７", "テスト事務　重点項目評価書")]


def _run(rows: list[tuple[str, ...]], kind: str = "xlsx"):  # type: ignore[no-untyped-def]
    src = SourceDocument("test.xlsx", kind, [SourceRow(tuple(r), f"r{i}") for i, r in enumerate(HEAD + rows)])
    return match_rows(load_form(), src, min_labels=1)


def test_folding_keeps_circled_numbers_and_folds_the_rest() -> None:
    assert fold("（１）１０．＜選択肢＞：　①Ⅲ") == "(1)10.<選択肢>:①III"
    assert label_key("①ファイルの種類　※") == label_key("①ファイルの種類 ※") == "①ファイルの種類"
    assert label_key("Ⅲ　リスク対策　※（７．②を除く。）") == "IIIリスク対策"
    assert label_key("２．国民・住民等からの意見の聴取　【任意】") == "2.国民・住民等からの意見の聴取"
    assert fold("①") != fold("1")


def test_glyph_variants_wrapped_labels_and_header_rows() -> None:
    doc, report = _run([
        ("I 基本情報",),
        ("1. 特定個人情報ファイルを取り扱う事務",),
        ("①事務の\n名称", "児童手当に関する事務"),
        ("③対象人数", "[ 1万人以上10万人未満 ]", "<選択肢>\n1) 1,000人未満"),
        ("6 評価実施機関における担当部署",),  # no period after the number
        ("①部署", "こども課"),
    ])
    assert doc.get("cover.hyokasho_no") == "７" or doc.get("cover.hyokasho_no") == "7"
    assert doc.get("cover.hyokasho_mei") == "テスト事務　重点項目評価書"
    assert doc.get("I.1.1") == "児童手当に関する事務"
    assert doc.get("I.1.3") == "1万人以上10万人未満"
    assert doc.get("I.6.1") == "こども課"
    assert report.source_version == "[令和６年10月　様式３]"


def test_value_over_several_rows_and_full_width_label_rows() -> None:
    doc, _ = _run([
        ("Ⅰ　基本情報",),
        ("１．特定個人情報ファイルを取り扱う事務",),
        ("②事務の内容", "一行目"),
        ("", "二行目"),
        ("", "", "三行目"),
        ("３．特定個人情報ファイル名",),
        ("児童手当情報ファイル",),
    ])
    assert doc.get("I.1.2") == "一行目\n二行目\n三行目"
    assert doc.get("I.3") == "児童手当情報ファイル"


def test_contents_page_is_not_taken_for_section_starts() -> None:
    doc, _ = _run([
        ("項目一覧",),
        ("Ⅰ 基本情報",),
        ("Ⅱ 特定個人情報ファイルの概要",),
        ("（別添２） 変更箇所",),
        ("Ⅰ 基本情報",),
        ("3. 特定個人情報ファイル名",),
        ("ファイルA",),
    ])
    assert doc.get("I.3") == "ファイルA"
    assert doc.count("annex2.row") == 0


def test_repeat_entries_by_header_and_by_repeated_label() -> None:
    doc, report = _run([
        ("Ⅰ 基本情報",),
        ("2. 特定個人情報ファイルを取り扱う事務において使用するシステム",),
        ("システム1",),
        ("①システムの名称", "A"),
        ("③他のシステムとの接続", "[ ○ ] 宛名システム等 [ ] 税務システム", "[ ○ ] その他 （ 住基 ）"),
        ("システム2～5",),
        ("システム2",),
        ("①システムの名称", "B"),
        ("①システムの名称", "C"),  # no "システム3" header: the repeated label starts the next entry
        ("②システムの機能", "機能C"),
    ])
    assert doc.count("I.2.system") == 3
    assert [doc.get(f"I.2.system[{n}].1") for n in (1, 2, 3)] == ["A", "B", "C"]
    assert doc.get("I.2.system[3].2") == "機能C"
    assert doc.get("I.2.system[1].3") == CheckValue(checked=["宛名システム等", "その他"], details={"その他": "住基"})
    statuses = {e.address: e.status for e in report.entries if e.address.startswith("I.2.system")}
    assert statuses["I.2.system[3].1"] == "imported"
    assert statuses["I.2.system[2].2"] == "not_found"  # システム2 has no ②システムの機能 in the source


def test_titled_entries_counts_and_nested_labels() -> None:
    doc, _ = _run([
        ("Ⅱ 特定個人情報ファイルの概要",),
        ("4. 特定個人情報ファイルの取扱いの委託",),
        ("委託の有無 ※", "[ 委託する ]", "<選択肢>\n1) 委託する 2) 委託しない", "( 2 ) 件"),
        ("委託事項1", "保守業務"),
        ("再委託", "④再委託の有無 ※", "[ 再委託しない ]"),
        ("委託事項2", "印刷業務"),
        ("③委託先名", "株式会社テスト"),
        ("5. 特定個人情報の提供・移転(委託に伴うものを除く。)",),
        ("提供・移転の有無", "[ ○ ] 提供を行っている ( 3 ) 件 [ ] 移転を行っている (  ) 件 [ ] 行っていない"),
    ])
    assert doc.get("II(1).4.umu") == "委託する"
    assert doc.get("II(1).4.kensu") == "2"
    assert doc.get("II(1).4.itaku[1]") == "保守業務"
    assert doc.get("II(1).4.itaku[1].saiitaku.4") == "再委託しない"
    assert doc.get("II(1).4.itaku[2]") == "印刷業務"
    assert doc.get("II(1).4.itaku[2].3") == "株式会社テスト"
    assert doc.get("II(1).5.umu") == CheckValue(checked=["提供を行っている"], details={"提供を行っている": "3"})


def test_second_file_sections_and_annex1_groups() -> None:
    doc, _ = _run([
        ("Ⅱ 特定個人情報ファイルの概要",),
        ("1. 特定個人情報ファイル名",),
        ("（１）賦課ファイル",),
        ("Ⅱ 特定個人情報ファイルの概要",),
        ("1. 特定個人情報ファイル名",),
        ("（２）収納ファイル",),
        ("（別添１） 特定個人情報ファイル記録項目",),
        ("⑴賦課ファイル",),
        ("【識別情報】",),
        ("1.個人番号,2.宛名番号",),
        ("⑵収納ファイル",),
        ("<宛名>",),
        ("・宛名番号 ・氏名",),
        ("・住所",),
        ("Ⅲ　リスク対策　※（７．②を除く。）",),
        ("1. 特定個人情報ファイル名",),
        ("（１）賦課ファイル",),
    ])
    assert doc.file_count == 2
    assert doc.get("II(1).1") == "（１）賦課ファイル"
    assert doc.get("II(2).1") == "（２）収納ファイル"
    assert doc.get("annex1(1).group[1].heading") == "【識別情報】"
    assert doc.get("annex1(2).file_heading") == "⑵収納ファイル"
    assert doc.get("annex1(2).group[1].items") == "・宛名番号 ・氏名\n・住所"
    assert doc.get("III(1).1") == "（１）賦課ファイル"


def test_risk_blocks_with_repeated_labels_and_wording_variants() -> None:
    doc, _ = _run([
        ("Ⅲ リスク対策 ※(7. ②を除く。)",),
        ("3. 特定個人情報の使用",),
        ("リスク1: 目的を超えた紐付け、事務に必要なない情報との紐付けが行われるリスク",),  # conversion variant (B.3)
        ("リスクに対する措置の内容", "措置1"),
        ("リスクへの対策は十分か", "[ 十分である ]"),
        ("リスク2： 権限のない者(元職員、アクセス権限のない職員等)によって不正に使用されるリスク",),
        ("リスクへの対策は十分か", "[ 特に力を入れている ]"),
        ("5. 特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）", "[ ○ ] 提供・移転しない"),
        ("ルール内容及びルール遵守の確認方法", "ルールX"),  # older 様式 wording (B.3)
        ("7. 特定個人情報の保管・消去",),
        ("①事故発生時手順の策定・周知", "[ 特に力を入れている ]"),  # option variant (B.5)
        ("②過去３年以内に、評価実施機関において、個人情報に関する重大事故が発生したか", "[ 発生あり ]"),
        ("その内容", "内容X"),
        ("9. 従業者に対する教育・啓発",),
        ("従業者に対する教育・啓発", "[ 十分に行っている ]"),
        ("具体的な方法", "研修"),
    ])
    assert doc.get("III(1).3.risk1.sochi") == "措置1"
    assert doc.get("III(1).3.risk1.judan") == "十分である"
    assert doc.get("III(1).3.risk2.judan") == "特に力を入れている"
    assert doc.get("III(1).5.shinai") is True
    assert doc.get("III(1).5.risk.rule_naiyo") == "ルールX"
    assert doc.get("III(1).7.risk.1") == "特に力を入れて行っている"
    assert doc.get("III(1).7.risk.2") == "発生あり"
    assert doc.get("III(1).7.risk.2.naiyo") == "内容X"
    assert doc.get("III(1).9.level") == "十分に行っている"
    assert doc.get("III(1).9.hoho") == "研修"


def test_annex2_table_by_header_with_rows_cut_by_a_page_break() -> None:
    doc, _ = _run([
        ("（別添2） 変更箇所",),
        ("変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説\n明"),
        ("平成28年4月1日", "I 基本情報 6.", "A課", "B課", "事後", "重要な変更項目でないため"),
        ("令和7年1月14日", "Ⅲ リスク対策", "", "全文変更", "事前", ""),
        ("", "", "", "（続き）", "", ""),  # the same row, continued on the next page
        ("変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明"),  # header repeated
        ("2021/6/28", "表紙 公表日", "2020/6/29", "2021/6/28", "事後", "重要な変更項目でないため"),
    ])
    assert doc.count("annex2.row") == 3
    assert doc.get("annex2.row[1].henko_bi") == "平成28年4月1日"
    assert doc.get("annex2.row[1].setsumei") == "重要な変更項目でないため"
    assert doc.get("annex2.row[2].ato") == "全文変更\n（続き）"
    assert doc.get("annex2.row[2].jiki") == "事前"
    assert doc.get("annex2.row[3].henko_bi") == "令和3年6月28日"  # Gregorian dates become 和暦


def test_unknown_choice_text_is_reported_as_ambiguous_with_its_source() -> None:
    _, report = _run([
        ("Ⅰ 基本情報",),
        ("1. 特定個人情報ファイルを取り扱う事務",),
        ("③対象人数", "[ 約5万人 ]"),
    ])
    entry = next(e for e in report.entries if e.address == "I.1.3")
    assert entry.status == "ambiguous"
    assert "約5万人" in entry.source and "選択肢" in entry.note

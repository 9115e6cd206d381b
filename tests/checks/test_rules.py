"""Every review rule: one change to the consistent base 評価書 triggers it, a near miss does not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from pia_desktop.checks.review import review
from pia_desktop.checks.rulebook import rule_ids
from pia_desktop.checks.rules_data import review_rules
from pia_desktop.domain.conversion import replace
from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.form_definition import FormDefinition
from tests.checks.builders import FILE1, FILE2, V12_KISO, base_doc, with_second_file

Mut = Callable[[Document], None]
TODAY = date(2025, 2, 1)




def v(mapping: dict[str, object]) -> Mut:
    def apply(doc: Document) -> None:
        for address, value in mapping.items():
            doc.set(address, value)  # type: ignore[arg-type]

    return apply


def counts(mapping: dict[str, int]) -> Mut:
    def apply(doc: Document) -> None:
        for group, n in mapping.items():
            doc.set_count(group, n)

    return apply


def seq(*muts: Mut) -> Mut:
    def apply(doc: Document) -> None:
        for m in muts:
            m(doc)

    return apply


def cv(*checked: str, **details: str) -> CheckValue:
    return CheckValue(checked=list(checked), details=dict(details))


def copy_entry(group: str, src: int, dst: int, **changes: str) -> Mut:
    def apply(doc: Document) -> None:
        prefix = f"{group}[{src}]"
        for key, value in list(doc.values.items()):
            if key == prefix or key.startswith((prefix + ".", prefix + "[")):
                doc.values[f"{group}[{dst}]" + key[len(prefix):]] = value
        doc.set_count(group, max(doc.count(group), dst))
        for rel, value in changes.items():
            doc.set(f"{group}[{dst}]" + ("" if rel == "title" else "." + rel), value)

    return apply


TWO = "two-files"
IT = "II(1).4.itaku"
TK = "II(1).5.teikyo"
UMU5 = "II(1).5.umu"
JIKO_ARI = {"III(1).7.risk.2": "発生あり", "III(1).7.risk.2.naiyo": "委託先による漏えい", "III(1).7.risk.2.saihatsu": "監督の強化"}
JIKO_ARI_2 = {k.replace("III(1)", "III(2)"): val for k, val in JIKO_ARI.items()}
UNDER_500_LOW = {"I.1.3": "1万人以上10万人未満"}

# rule id → (trigger, near miss, needs a second file)
CASES: dict[str, tuple[Mut, Mut, bool]] = {
    "itaku-kensu": (v({"II(1).4.kensu": "2"}), seq(copy_entry(IT, 1, 2, title="帳票印刷業務"), v({"II(1).4.kensu": "2"})), False),
    "itaku-no-entry": (
        seq(counts({IT: 0}), lambda d: [d.values.pop(k) for k in [k for k in d.values if k.startswith(IT) or k == "II(1).4.kensu"]]),
        seq(counts({IT: 0}), v({"II(1).4.umu": "委託しない"}), lambda d: [d.values.pop(k) for k in [k for k in d.values if k.startswith(IT) or k == "II(1).4.kensu"]]),
        False,
    ),
    "itaku-umu-missing": (v({"II(1).4.umu": None}), v({"II(1).4.umu": "委託しない"}), False),
    "kensu-over-max": (v({"II(1).4.kensu": "39,760"}), v({"II(1).4.kensu": "20"}), False),
    "itaku-iii4-shinai": (v({"III(1).4.shinai": True}), v({"III(1).4.shinai": True, "II(1).4.umu": "委託しない"}), False),
    "saiitaku-iii4-none": (
        v({"III(1).4.risk.saiitaku": "再委託していない"}),
        v({"III(1).4.risk.saiitaku": "再委託していない", f"{IT}[1].saiitaku.4": "再委託しない"}),
        False,
    ),
    "no-saiitaku-iii4-tanpo": (
        v({f"{IT}[1].saiitaku.4": "再委託しない"}),
        v({f"{IT}[1].saiitaku.4": "再委託しない", "III(1).4.risk.saiitaku": "再委託していない"}),
        False,
    ),
    "itaku-duplicate": (
        seq(copy_entry(IT, 1, 2), v({"II(1).4.kensu": "2"})),
        seq(copy_entry(IT, 1, 2, **{"3": "株式会社B"}), v({"II(1).4.kensu": "2"})),
        False,
    ),
    "teikyo-kensu": (
        v({UMU5: cv("提供を行っている", "移転を行っている", 提供を行っている="2", 移転を行っている="1")}),
        seq(copy_entry(TK, 1, 2, title="市町村長"), v({UMU5: cv("提供を行っている", "移転を行っている", 提供を行っている="2", 移転を行っている="1")})),
        False,
    ),
    "iten-kensu": (
        v({UMU5: cv("提供を行っている", "移転を行っている", 提供を行っている="1", 移転を行っている="3")}),
        v({UMU5: cv("提供を行っている", "移転を行っている", 提供を行っている="1", 移転を行っている="１")}),
        False,
    ),
    "teikyo-unchecked": (v({UMU5: cv("移転を行っている", 移転を行っている="1")}), v({UMU5: cv("行っていない")}), False),
    "iten-unchecked": (v({UMU5: cv("提供を行っている", 提供を行っている="1")}), v({UMU5: cv("行っていない")}), False),
    "teikyo-kensu-missing": (
        v({UMU5: cv("提供を行っている", "移転を行っている", 移転を行っている="1")}),
        v({UMU5: cv("提供を行っている", "移転を行っている", 提供を行っている=" 1 ", 移転を行っている="1")}),
        False,
    ),
    "teikyo-iii5-shinai": (v({"III(1).5.shinai": True}), v({"III(1).5.shinai": True, UMU5: cv("行っていない")}), False),
    "teikyo-ninzu-over-file": (v({f"{TK}[1].4": "100万人以上1,000万人未満"}), v({f"{TK}[1].4": "10万人以上100万人未満"}), False),
    "renkei-iii6-shinai": (
        v({"III(1).6.shinai_nyushu": True, "III(1).6.shinai_teikyo": True}),
        v({"III(1).6.shinai_nyushu": True}),
        False,
    ),
    "nyushu-ipnet-shinai": (
        v({"III(1).6.shinai_nyushu": True}),
        v({"III(1).6.shinai_nyushu": True, "II(1).3.2": cv("紙")}),
        False,
    ),
    "teikyo-ipnet-shinai": (
        v({"III(1).6.shinai_teikyo": True}),
        v({"III(1).6.shinai_teikyo": True, f"{TK}[1].6": cv("専用線")}),
        False,
    ),
    "system-ipnet-renkei-shinai": (v({"I.5.1": "実施しない"}), v({"I.5.1": "未定"}), False),
    "file-name-i3": (
        v({"II(1).1": "児童手当給付ファイル", "III(1).1": "児童手当給付ファイル"}),
        v({"II(1).1": f"（１）{FILE1}", "III(1).1": f"（１）{FILE1}"}),
        False,
    ),
    "file-name-iii1": (v({"III(1).1": "児童手当ファイル"}), v({"III(1).1": "児童手当情報 ファイル"}), False),
    "file-name-count": (v({"I.3": f"（１）{FILE1}（２）{FILE2}"}), v({"I.3": f"（１）{FILE1}"}), False),
    "file-name-duplicate": (v({"II(2).1": FILE1, "III(2).1": FILE1}), v({}), True),
    "jiko-sync": (v(JIKO_ARI_2), v({**JIKO_ARI, **JIKO_ARI_2}), True),
    "jiko-text-sync": (
        v({**JIKO_ARI, **JIKO_ARI_2, "III(2).7.risk.2.naiyo": "職員による誤送付"}),
        v({**JIKO_ARI, **JIKO_ARI_2, "III(2).7.risk.2.naiyo": "委託先による 漏えい"}),
        True,
    ),
    "kohyo-before-kiso": (v({"cover.kohyo_bi": "令和6年12月1日"}), v({"cover.kohyo_bi": "令和6年12月9日"}), False),
    "shiyo-before-hoyu": (v({"II(1).3.6": "平成27年9月1日"}), v({"II(1).3.6": "平成27年10月"}), False),
    "tenken-after-kohyo": (
        v({"V.3.1": "令和7年2月1日", "V.3.2": "外部の有識者による点検", "V.3.3": "指摘なし"}),
        v({"V.3.1": "令和7年1月10日", "V.3.2": "外部の有識者による点検", "V.3.3": "指摘なし"}),
        False,
    ),
    "annex2-jigo-after-kohyo": (v({"annex2.row[2].henko_bi": "令和7年3月1日", "annex2.row[2].jiki": "事後", "annex2.row[2].setsumei": "重要な変更項目でないため"}),
                                v({"annex2.row[2].henko_bi": "令和7年3月1日"}), False),
    "annex2-order": (v({"annex2.row[2].henko_bi": "令和5年1月1日"}), v({"annex2.row[2].henko_bi": "令和5年7月7日"}), False),
    "entry-empty": (counts({IT: 2}), copy_entry("I.2.system", 1, 3, **{"1": "税務システム"}), False),
    "entry-partial": (
        seq(counts({"II(1).5.iten": 2}), v({"II(1).5.iten[2].5": "受給資格者", "II(1).5.iten[2].6": cv("紙")})),
        seq(copy_entry("II(1).5.iten", 1, 2, title="生活支援課"), v({"II(1).5.iten[2].7": None})),
        False,
    ),
    "hyokasho-mei-jimu": (
        v({"cover.hyokasho_mei": "住民税に関する事務 重点項目評価書"}),
        v({"cover.hyokasho_mei": "児童手当に関する事務 重点項目評価書【令和8年3月31日 終了】"}),
        False,
    ),
    "sengen-jimu": (
        v({"cover.sengen": "○○市は、住民税に関する事務における特定個人情報ファイルの取扱いにあたり…宣言する。"}),
        v({"cover.sengen": "○○市は、児童手当に関する　事務における特定個人情報ファイルの取扱いにあたり…宣言する。"}),
        False,
    ),
    "taisho-ninzu-vs-file": (v({"I.1.3": "1万人以上10万人未満"}), v({"II(1).2.2": "1万人以上10万人未満"}), False),
    "shuyo-kojin-bango": (v({"II(1).2.4.shuyo": cv("4情報（氏名、性別、生年月日、住所）")}), v({"II(1).2.4.shuyo": cv("個人番号")}), False),
    "ninsho-judan": (
        v({"III(1).3.risk2.ninsho": "行っていない"}),
        v({"III(1).3.risk2.ninsho": "行っていない", "III(1).3.risk2.judan": "課題が残されている"}),
        False,
    ),
    "kitei-judan": (
        v({"III(1).4.risk.kitei": "定めていない"}),
        v({"III(1).4.risk.kitei": "定めていない", "III(1).4.risk.judan": "課題が残されている"}),
        False,
    ),
    "saiitaku-tanpo-judan": (
        v({"III(1).4.risk.saiitaku": "十分に行っていない"}),
        v({"III(1).4.risk.saiitaku": "十分に行っていない", "III(1).4.risk.judan": "課題が残されている"}),
        False,
    ),
    "rule-judan": (
        v({"III(1).5.risk.rule": "定めていない"}),
        v({"III(1).5.risk.rule": "定めていない", "III(1).5.risk.judan": "課題が残されている"}),
        False,
    ),
    "jiko-tejun-judan": (
        v({"III(1).7.risk.1": "十分に行っていない"}),
        v({"III(1).7.risk.1": "十分に行っていない", "III(1).7.risk.judan": "課題が残されている"}),
        False,
    ),
    "optional-partial": (v({"V.2.1": "説明会"}), v({"V.2.1": "説明会", "V.2.2": "令和6年11月", "V.2.3": "特になし"}), False),
    "annex2-star-not-important": (
        v({"annex2.row[1].komoku": "Ⅰ 基本情報 5. 情報提供ネットワークシステムによる情報連携 ②法令上の根拠"}),
        v({"annex2.row[1].komoku": "Ⅲ リスク対策 7. 特定個人情報の保管・消", "annex2.row[1].mae": "発生あり", "annex2.row[1].ato": "発生なし"}),
        False,
    ),
    "annex2-hourei-nonlegal": (
        v({"annex2.row[1].setsumei": "法令改正等による形式的な変更であるため、重要な変更に当たらない"}),
        v({"annex2.row[1].setsumei": "法令改正等による形式的な変更であるため、重要な変更に当たらない",
           "annex2.row[1].mae": "番号法第19条第7号", "annex2.row[1].ato": "番号法第１９条第８号"}),
        False,
    ),
    "annex2-risk-addition": (
        v({"annex2.row[1].komoku": "Ⅱ 特定個人情報ファイルの概要 3. 特定個人情報の入手・使用 ①入手元", "annex2.row[1].mae": "厚生労働省",
           "annex2.row[1].ato": "厚生労働省、内閣府", "annex2.row[1].setsumei": "特定個人情報の漏えいその他の事態を発生させるリスクを明らかに軽減させる変更であるため"}),
        v({"annex2.row[1].komoku": "Ⅲ リスク対策 3. 特定個人情報の使用", "annex2.row[1].mae": "ID",
           "annex2.row[1].ato": "ID、生体認証", "annex2.row[1].setsumei": "特定個人情報の漏えいその他の事態を発生させるリスクを明らかに軽減させる変更であるため"}),
        False,
    ),
    # しきい値判断 (base: 10万人以上30万人未満, 取扱者 10〜148人, Ⅲ７② 発生なし, Ⅴ１② 基礎及び重点)
    "th-zenkomoku": (v({"II(1).3.4.ninzu": "500人以上1,000人未満"}), v({"II(1).3.4.ninzu": "100人以上500人未満"}), False),
    "th-v12-mismatch": (v({"V.1.2": V12_KISO}), v({**UNDER_500_LOW, "V.1.2": V12_KISO}), False),
    "th-v12-mismatch-inferred": (v(UNDER_500_LOW), v({**UNDER_500_LOW, **JIKO_ARI}), False),
    "th-jiko-recheck": (v(JIKO_ARI), v({**UNDER_500_LOW, **JIKO_ARI}), False),
    "th-toriatsukai-uncertain": (
        v({"II(1).3.4.ninzu": "100人以上500人未満"}),
        v({"II(1).3.4.ninzu": "100人以上500人未満", **UNDER_500_LOW, **JIKO_ARI}),
        False,
    ),
    # PDFに印字できない文字 (near misses: a rare kanji and a variation sequence the fonts hold)
    "unprintable-char": (v({"I.1.1": "𠮷野に関する事務"}), v({"I.1.1": "𩸽に関する事務"}), False),
    "unprintable-variant": (v({"I.1.1": "葛\U000e0102西に関する事務"}), v({"I.1.1": "葛\U000e0100西に関する事務"}), False),
}


def _findings(form: FormDefinition, mut: Mut, two: bool, today: date = TODAY) -> list[tuple[str, str, str]]:
    doc = base_doc(form)
    if two:
        doc = with_second_file(doc)
    mut(doc)
    return [(f.rule, f.severity, f.message) for f in review(form, doc, today)]


def test_base_document_is_clean(form: FormDefinition) -> None:
    assert review(form, base_doc(form), TODAY) == []
    assert review(form, with_second_file(base_doc(form)), TODAY) == []


def test_every_rule_in_the_rule_file_has_a_case_and_code() -> None:
    meta = {r.id for r in review_rules().rules}
    coded = set(rule_ids()) | {i for i in meta if i.startswith(("th-", "due-"))}
    assert meta == coded
    assert meta - {i for i in meta if i.startswith("due-")} == set(CASES)
    assert len([i for i in meta if not i.startswith(("th-", "due-"))]) >= 25


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_triggers(form: FormDefinition, rule_id: str) -> None:
    trigger, _, two = CASES[rule_id]
    hits = [f for f in _findings(form, trigger, two) if f[0] == rule_id]
    assert hits, rule_id
    meta = review_rules().by_id()[rule_id]
    assert all(sev == meta.severity for _, sev, _ in hits)
    assert all("{" not in msg for _, _, msg in hits), hits  # every placeholder filled


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_near_miss_does_not_trigger(form: FormDefinition, rule_id: str) -> None:
    _, near, two = CASES[rule_id]
    assert [f for f in _findings(form, near, two) if f[0] == rule_id] == []


def test_messages_name_the_items(form: FormDefinition) -> None:
    rules = {r: m for r, _, m in _findings(form, CASES["itaku-iii4-shinai"][0], False)}
    assert "Ⅱ（１）４．委託の有無" in rules["itaku-iii4-shinai"] and "Ⅲ（１）４．委託しない" in rules["itaku-iii4-shinai"]
    rules = {r: m for r, _, m in _findings(form, CASES["kohyo-before-kiso"][0], False)}
    assert "令和6年12月1日" in rules["kohyo-before-kiso"] and "Ⅴ１．①実施日" in rules["kohyo-before-kiso"]


def test_finding_addresses_point_at_the_item(form: FormDefinition) -> None:
    doc = base_doc(form)
    CASES["saiitaku-iii4-none"][0](doc)
    hit = next(f for f in review(form, doc, TODAY) if f.rule == "saiitaku-iii4-none")
    assert hit.address == "III(1).4.risk.saiitaku"
    assert hit.path.startswith("Ⅲ　リスク対策（１）")


def test_a_rule_disabled_in_the_rule_file_is_silent(form: FormDefinition, monkeypatch: pytest.MonkeyPatch) -> None:
    from pia_desktop.checks import emit as emit_mod
    from pia_desktop.checks.rules_data import ReviewRules

    original = review_rules()
    changed = ReviewRules(version=original.version, rules=[
        replace(r, enabled=False) if r.id == "itaku-kensu" else r for r in original.rules
    ])
    monkeypatch.setattr(emit_mod, "review_rules", lambda: changed)
    assert [f for f in _findings(form, CASES["itaku-kensu"][0], False) if f[0] == "itaku-kensu"] == []

"""A consistent, complete 評価書 for the rule tests: every rule is silent on it, and each test changes
one thing to trigger (or nearly trigger) exactly one rule."""

from __future__ import annotations

import copy

from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.form_definition import FormDefinition

JIMU = "児童手当に関する事務"
FILE1 = "児童手当情報ファイル"
FILE2 = "児童手当支払ファイル"
V12_JUTEN = "基礎項目評価及び重点項目評価の実施が義務付けられる"
V12_KISO = "基礎項目評価の実施が義務付けられる（任意に重点項目評価を実施）"
V12_NONE = "特定個人情報保護評価の実施が義務付けられない（任意に重点項目評価を実施）"


def _cv(*checked: str, **details: str) -> CheckValue:
    return CheckValue(checked=list(checked), details=dict(details))


def base_doc(form: FormDefinition) -> Document:
    d = Document(form_id=form.form_id)
    v = {
        "cover.hyokasho_no": "16",
        "cover.hyokasho_mei": f"{JIMU}　重点項目評価書",
        "cover.sengen": f"○○市は、{JIMU}における特定個人情報ファイルの取扱いにあたり、…取り組んでいることを宣言する。",
        "cover.kikan_mei": "○○市長",
        "cover.kohyo_bi": "令和7年1月14日",
        "I.1.1": JIMU,
        "I.1.2": "児童手当法に基づく児童手当の支給に関する事務",
        "I.1.3": "10万人以上30万人未満",
        "I.2.system[1].1": "福祉保健総合システム",
        "I.2.system[1].2": "認定・支給の管理",
        "I.2.system[1].3": _cv("宛名システム等"),
        "I.2.system[2].1": "中間サーバー",
        "I.2.system[2].2": "符号管理、情報照会・提供",
        "I.2.system[2].3": _cv("情報提供ネットワークシステム"),
        "I.3": FILE1,
        "I.4.konkyo": "番号法第9条第1項 別表の81の項",
        "I.5.1": "実施する",
        "I.5.2": "番号法第19条第8号に基づく主務省令第2条の表の26、30、87の項",
        "I.6.1": "子育て支援課",
        "I.6.2": "子育て支援課長",
        "II(1).1": FILE1,
        "II(1).2.1": "システム用ファイル",
        "II(1).2.2": "10万人以上100万人未満",
        "II(1).2.3": "児童手当の受給資格者・その配偶者・対象児童",
        "II(1).2.3.hitsuyosei": "審査・認定・支給のため",
        "II(1).2.4": "100項目以上",
        "II(1).2.4.shuyo": _cv("個人番号", "4情報（氏名、性別、生年月日、住所）"),
        "II(1).2.4.datosei": "本人特定のため",
        "II(1).2.5": "平成27年10月以降",
        "II(1).2.6": "子育て支援課",
        "II(1).3.1": _cv("本人又は本人の代理人"),
        "II(1).3.2": _cv("紙", "情報提供ネットワークシステム"),
        "II(1).3.3": "受給資格の審査・認定・支給のため",
        "II(1).3.4.busho": "子育て支援課",
        "II(1).3.4.ninzu": "10人以上50人未満",
        "II(1).3.5": "請求書の審査と管理",
        "II(1).3.6": "平成28年1月1日",
        "II(1).4.umu": "委託する",
        "II(1).4.kensu": "1",
        "II(1).4.itaku[1]": "システム運用保守業務",
        "II(1).4.itaku[1].1": "システムの運用・保守",
        "II(1).4.itaku[1].2": "50人以上100人未満",
        "II(1).4.itaku[1].3": "株式会社A",
        "II(1).4.itaku[1].saiitaku.4": "再委託する",
        "II(1).4.itaku[1].saiitaku.5": "書面による事前承諾",
        "II(1).4.itaku[1].saiitaku.6": "品質管理",
        "II(1).5.umu": _cv("提供を行っている", "移転を行っている", **{"提供を行っている": "1", "移転を行っている": "1"}),
        "II(1).5.teikyo[1]": "都道府県知事等",
        "II(1).5.teikyo[1].1": "番号法第19条第8号に基づく主務省令第2条の表第42項",
        "II(1).5.teikyo[1].2": "生活保護の決定及び実施",
        "II(1).5.teikyo[1].3": "児童手当の支給に関する情報",
        "II(1).5.teikyo[1].4": "10万人以上100万人未満",
        "II(1).5.teikyo[1].5": "児童手当の受給資格者",
        "II(1).5.teikyo[1].6": _cv("情報提供ネットワークシステム"),
        "II(1).5.teikyo[1].7": "照会の都度",
        "II(1).5.iten[1]": "市民課",
        "II(1).5.iten[1].1": "住民基本台帳法第7条",
        "II(1).5.iten[1].2": "住民票への印字",
        "II(1).5.iten[1].3": "支給開始日及び終了日",
        "II(1).5.iten[1].4": "1万人以上10万人未満",
        "II(1).5.iten[1].5": "児童手当の受給資格者",
        "II(1).5.iten[1].6": _cv("その他", その他="庁内LAN"),
        "II(1).5.iten[1].7": "毎日",
        "II(1).6.hokan": "施錠されたサーバ室のサーバに保管する。",
        "annex1(1).group[1].items": "個人番号、氏名",
        "III(1).1": FILE1,
        "III(1).2.risk.sochi": "窓口で確認する。",
        "III(1).2.risk.judan": "十分である",
        "III(1).3.risk1.sochi": "アクセス制御",
        "III(1).3.risk1.judan": "十分である",
        "III(1).3.risk2.ninsho": "行っている",
        "III(1).3.risk2.kanri_hoho": "ID・パスワード",
        "III(1).3.risk2.judan": "十分である",
        "III(1).4.risk.kitei": "定めている",
        "III(1).4.risk.kitei_naiyo": "目的外利用の禁止",
        "III(1).4.risk.saiitaku": "十分に行っている",
        "III(1).4.risk.saiitaku_hoho": "承諾と誓約書",
        "III(1).4.risk.judan": "十分である",
        "III(1).5.risk.rule": "定めている",
        "III(1).5.risk.rule_naiyo": "番号法に定める場合に限る",
        "III(1).5.risk.judan": "十分である",
        "III(1).6.risk1.sochi": "中間サーバーの制御",
        "III(1).6.risk1.judan": "十分である",
        "III(1).6.risk2.sochi": "自動応答の制御",
        "III(1).6.risk2.judan": "十分である",
        "III(1).7.risk.1": "十分に行っている",
        "III(1).7.risk.2": "発生なし",
        "III(1).7.risk.judan": "十分である",
        "III(1).8.umu": _cv("自己点検"),
        "III(1).9.level": "十分に行っている",
        "III(1).9.hoho": "年1回の研修",
        "IV.1.1": "広報広聴課",
        "IV.1.2": "書面の提出",
        "IV.2.1": "子育て支援課",
        "IV.2.2": "受付票に記録する",
        "V.1.1": "令和6年12月9日",
        "V.1.2": V12_JUTEN,
        "annex2.row[1].henko_bi": "令和5年7月7日",
        "annex2.row[1].komoku": "Ⅰ 基本情報 6. 評価実施機関における担当部署",
        "annex2.row[1].mae": "福祉局子育て支援課",
        "annex2.row[1].ato": "こども未来局子育て支援課",
        "annex2.row[1].jiki": "事後",
        "annex2.row[1].setsumei": "重要な変更項目でないため",
        "annex2.row[2].henko_bi": "令和7年1月14日",
        "annex2.row[2].komoku": "Ⅱ 特定個人情報ファイルの概要 6. 特定個人情報の保管・消去 保管場所",
        "annex2.row[2].mae": "サーバ室に保管する。",
        "annex2.row[2].ato": "施錠されたサーバ室のサーバに保管する。",
        "annex2.row[2].jiki": "事前",
    }
    for k, val in v.items():
        d.set(k, val)
    d.repeat_counts = {
        "I.2.system": 2,
        "II(1).4.itaku": 1,
        "II(1).5.teikyo": 1,
        "II(1).5.iten": 1,
        "annex1(1).group": 1,
        "annex2.row": 2,
    }
    return d


def with_second_file(doc: Document) -> Document:
    """The same 評価書 with a second file, a copy of the first under its own name."""
    d = doc.copy()
    d.file_count = 2
    for key, value in list(d.values.items()):
        for sec in ("II", "annex1", "III"):
            if key.startswith(f"{sec}(1)"):
                d.values[f"{sec}(2)" + key[len(sec) + 3:]] = copy.deepcopy(value)
    for key, n in list(d.repeat_counts.items()):
        for sec in ("II", "annex1", "III"):
            if key.startswith(f"{sec}(1)"):
                d.repeat_counts[f"{sec}(2)" + key[len(sec) + 3:]] = n
    d.set("II(2).1", FILE2)
    d.set("III(2).1", FILE2)
    d.set("I.3", f"（１）{FILE1}\n（２）{FILE2}")
    return d

"""Files laid out unlike the samples: a PDF without ruled tables whose labels sit in the vertical
middle of their values (text order splits label and value), and a one-sheet workbook with other
columns. Matching is by label and section only, so both import."""

from __future__ import annotations

import io
from pathlib import Path

from pia_desktop.domain.document import CheckValue
from pia_desktop.importers import import_file

# (label, value lines) in form order; a None label is a section or heading row printed full width.
CONTENT: list[tuple[str | None, list[str]]] = [
    (None, ["[令和６年10月　様式３]"]),
    ("評価書番号", ["12"]),
    ("評価書名", ["住民税に関する事務　重点項目評価書"]),
    ("評価実施機関名", ["テスト市長"]),
    ("公表日", ["令和7年6月1日"]),
    (None, ["Ⅰ　基本情報"]),
    (None, ["１．特定個人情報ファイルを取り扱う事務"]),
    ("①事務の名称", ["住民税の賦課に関する事務"]),
    ("②事務の内容", ["地方税法に基づき、", "住民税を賦課する。", "申告を受け付ける。"]),
    ("③対象人数", ["[ 1万人以上10万人未満 ]"]),
    (None, ["２．特定個人情報ファイルを取り扱う事務において使用するシステム"]),
    (None, ["システム1"]),
    ("①システムの名称", ["住民税システム"]),
    ("③他のシステムとの接続", ["[ ○ ] 宛名システム等　[ ] 税務システム", "[ ○ ] その他 （ 団体内統合宛名 ）"]),
    (None, ["６．評価実施機関における担当部署"]),
    ("①部署", ["市民税課"]),
    ("②所属長の役職名", ["市民税課長"]),
    (None, ["Ⅱ　特定個人情報ファイルの概要"]),
    (None, ["１．特定個人情報ファイル名"]),
    (None, ["住民税ファイル"]),
    (None, ["２．基本情報"]),
    ("①ファイルの種類 ※", ["[ システム用ファイル ]"]),
    ("③対象となる本人の範囲 ※", ["市内に住所を有する者", "及び市外の納税義務者"]),
    ("⑤保有開始日", ["平成28年1月1日"]),
]


def _unruled_pdf(path: Path) -> None:
    """Labels at x=50, values at x=230, each label centred on its value lines; no lines drawn."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("HeiseiKakuGo-W5", 9)
    y = 800.0
    step = 13.0
    for label, values in CONTENT:
        if label is None:
            for v in values:
                c.drawString(50, y, v)
                y -= step
            continue
        first = y
        for v in values:
            c.drawString(230, y, v)
            y -= step
        middle = (first + y + step) / 2
        c.drawString(50, middle, label)
        y -= 4
    c.showPage()
    c.save()


def _one_sheet_workbook(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価書"
    r = 3
    for label, values in CONTENT:
        if label is None:
            ws.cell(r, 2, values[0])
        else:
            ws.cell(r, 2, label)
            ws.cell(r, 6, values[0])
            for extra in values[1:]:
                r += 1
                ws.cell(r, 6, extra)
        r += 1
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())


def _check(doc) -> None:  # type: ignore[no-untyped-def]
    assert doc.get("cover.hyokasho_no") == "12"
    assert doc.get("cover.kohyo_bi") == "令和7年6月1日"
    assert doc.get("I.1.1") == "住民税の賦課に関する事務"
    assert doc.get("I.1.2") == "地方税法に基づき、\n住民税を賦課する。\n申告を受け付ける。"
    assert doc.get("I.1.3") == "1万人以上10万人未満"
    assert doc.get("I.2.system[1].1") == "住民税システム"
    assert doc.get("I.2.system[1].3") == CheckValue(checked=["宛名システム等", "その他"], details={"その他": "団体内統合宛名"})
    assert doc.get("I.6.1") == "市民税課"
    assert doc.get("I.6.2") == "市民税課長"
    assert doc.get("II(1).1") == "住民税ファイル"
    assert doc.get("II(1).2.1") == "システム用ファイル"
    assert doc.get("II(1).2.3") == "市内に住所を有する者\n及び市外の納税義務者"
    assert doc.get("II(1).2.5") == "平成28年1月1日"


def test_pdf_without_ruling_labels_centred_between_value_lines(tmp_path: Path) -> None:
    path = tmp_path / "unruled.pdf"
    _unruled_pdf(path)
    result = import_file(path)
    _check(result.document)
    assert any("文字の並び" in n for n in result.report.notes) or result.report.kind == "pdf"


def test_workbook_with_one_sheet_and_other_columns(tmp_path: Path) -> None:
    path = tmp_path / "layout.xlsx"
    _one_sheet_workbook(path)
    _check(import_file(path).document)

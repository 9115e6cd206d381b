"""The exported PDF's text (as PDFium reads it) holds every filled value, in document order, never cut."""

from __future__ import annotations

import pytest

from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import load_form
from pia_desktop.pdf.exporter import export_pdf_bytes
from tests.conftest import SEEDS, fixture_path
from tests.pdf.pdftext import (
    body_text,
    filled_needles,
    missing_in_order,
    norm,
    repeated_headers,
)
from tests.pdfread import page_texts


@pytest.mark.parametrize("name", SEEDS)
def test_seed_fixture_prints_every_filled_value_in_document_order(name: str) -> None:
    path = fixture_path(name)
    if not path.exists():
        pytest.skip(f"{path.name} はまだありません")
    doc = read_document(path)
    form = load_form(doc.form_id)
    needles = filled_needles(form, doc)
    assert len(needles) > (60 if name == "seed-004" else 100)  # 004 is Ⅲ only
    text = body_text(page_texts(export_pdf_bytes(doc, form)), repeated_headers(form))
    assert missing_in_order(text, needles) == []


def _stress_document(big: str) -> Document:
    doc = Document(form_id="yoshiki3-r0610")
    doc.set("cover.hyokasho_mei", "負荷試験に関する事務　重点項目評価書")
    doc.set("I.1.2", big)
    doc.set_count("I.2.system", 20)
    for n in range(1, 21):
        doc.set(f"I.2.system[{n}].1", f"システム名称その{n}番")
        doc.set(f"I.2.system[{n}].2", f"第{n}システムの機能。" * 12)
        doc.set(f"I.2.system[{n}].3", CheckValue(checked=["庁内連携システム", "その他"], details={"その他": f"接続先{n}"}))
    doc.set("II(1).4.umu", "委託する")
    doc.set("II(1).4.kensu", "20")
    doc.set_count("II(1).4.itaku", 20)
    for n in range(1, 21):
        doc.set(f"II(1).4.itaku[{n}]", f"委託事項名その{n}")
        doc.set(f"II(1).4.itaku[{n}].1", f"委託内容{n}：" + "保守及び運用を行う。" * 20)
        doc.set(f"II(1).4.itaku[{n}].2", "10人以上50人未満")
        doc.set(f"II(1).4.itaku[{n}].3", f"株式会社委託先{n}")
        doc.set(f"II(1).4.itaku[{n}].saiitaku.4", "再委託しない")
    return doc


def _big_text(length: int) -> str:
    """Japanese prose with line breaks, brackets and numbers; every line numbered, so a lost line shows."""
    lines = []
    n = 0
    while sum(len(x) + 1 for x in lines) < length:
        n += 1
        lines.append(f"（{n}）番号法第9条第1項に基づき、「特定個人情報」を適切に取り扱う。住民の権利利益を保護するため、点検を行う。")
    return "\n".join(lines)[:length]


def test_12000_character_cell_with_20_systems_and_20_itaku_loses_nothing() -> None:
    big = _big_text(12_000)
    assert len(big) == 12_000
    doc = _stress_document(big)
    form = load_form(doc.form_id)
    pdf = export_pdf_bytes(doc, form)
    pages = page_texts(pdf)
    text = body_text(pages)
    assert norm(big) in text  # the whole cell, across page breaks
    assert missing_in_order(text, filled_needles(form, doc)) == []
    for n in range(1, 21):
        assert f"システム{n}" in text and f"委託事項{n}" in text
    assert len(pages) > 10


def test_no_line_starts_with_closing_punctuation() -> None:
    """Japanese line breaking: 。、」） are hung on the line before, never at the start of a line.

    Lines of 30–45 characters followed by the punctuation: some of them end exactly where a cell line
    ends, so the punctuation would start the next line if it were not hung."""
    variants = [("あ" * k) + mark + "次の文に続く。" for k in range(30, 46) for mark in ("。", "、", "」", "）")]
    doc = Document(form_id="yoshiki3-r0610")
    doc.set("I.1.2", "\n".join(variants))
    doc.set("cover.sengen", "".join(variants))
    pdf = export_pdf_bytes(doc)
    lines = [line.strip() for page in page_texts(pdf) for line in page.splitlines() if line.strip()]
    starts = [line for line in lines if line[0] in "。、」）"]
    assert starts == []
    # the case did occur: a full line took the punctuation as one character more than fits
    full = [len(line) for line in lines if line.startswith("ああ") and line[-1] not in "。、」）"]
    hung = [len(line) for line in lines if line.startswith("ああ") and line[-1] in "。、」）"]
    assert full and hung and max(hung) > max(full)


_TALL = "".join(f"第{n}文。長い記載が続く、ページを越える。" for n in range(1, 400))  # ~8,000 characters, numbered


@pytest.mark.parametrize(
    "address",
    [
        "cover.hyokasho_mei",  # the 評価書番号 │ 評価書名 table
        "cover.sengen",  # a cover box
        "II(1).2.3.hitsuyosei",  # a sub-row of the two-level label column
        "II(1).4.itaku[1]",  # the title on an entry's band
        "II(1).4.itaku[1].saiitaku.5",  # under the spanning label 再委託
        "I.2.system[1].3",  # the free text of その他 inside a check grid
        "annex1(1).group[1].items",  # 別添1
        "annex2.row[1].ato",  # a 別添2 cell
    ],
)
def test_every_kind_of_cell_may_be_taller_than_a_page(address: str) -> None:
    doc = Document(form_id="yoshiki3-r0610")
    doc.set_count("II(1).4.itaku", 1)
    doc.set_count("annex2.row", 1)
    if address == "I.2.system[1].3":
        doc.set(address, CheckValue(checked=["その他"], details={"その他": _TALL}))
    else:
        doc.set(address, _TALL)
    text = body_text(page_texts(export_pdf_bytes(doc)), repeated_headers(load_form()))
    assert norm(_TALL) in text

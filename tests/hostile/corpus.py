"""The hostile-input corpus: crafted files (not byte flips) for every way a file gets in, each with
the command lines to run on it and what must come of them.

    python -m tests.hostile.corpus OUT_DIR        # write the files and list the cases

Each ``Case`` names a file built here (absurd counts, lone surrogates, 5,000-digit integers, page
and workbook-part bombs, forged attachments, damaged store rows) and the argv to run through
``pia-desktop``; ``expect`` is "refuse" (a Japanese message naming the file, exit ≠ 0, the store
unchanged), "import" (exit 0), "conflict" (exit 3: attachment and pages differ) or a set of codes.
``run_case`` runs one argv in a subprocess under a memory limit and a timeout, and measures it.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
MEMORY_LIMIT = 2 * 1024**3  # address space of one run (the RSS target is 1 GB, checked from wait4)
RSS_LIMIT_KB = 1024 * 1024
TIMEOUT_S = 30.0
HEAD = {"format": "pia-desktop/assessment", "format_version": 1}


@dataclass
class Case:
    name: str
    argvs: list[list[str]]  # "{store}" stands for the user's store, "{out}" for an output folder
    expect: str  # refuse | import | conflict | any
    needle: str = ""  # text the message must hold (besides the file name)
    file: str = ""  # the crafted file's name, which a refusal must name
    codes: tuple[int, ...] = field(default=())


# -- JSON ------------------------------------------------------------------------------------------


def _json(folder: Path, name: str, data: object, *, prefix: str = "") -> Path:
    path = folder / name
    path.write_text(prefix + json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _seed(name: str = "seed-003") -> dict:  # type: ignore[type-arg]
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def json_cases(folder: Path) -> list[Case]:
    cases: list[Case] = []

    def doc_commands(path: Path, every: bool = False) -> list[list[str]]:
        """The ways a JSON gets read: all six for the cases the issue names, two for the rest (CI time)."""
        runs = [["check", str(path)], ["import", str(path), "--add", "--store", "{store}"]]
        if every:
            runs += [["dump", str(path)], ["import", str(path), "--out", "{out}/o.json"],
                     ["store", "add", str(path), "--store", "{store}"], ["export-pdf", str(path), "{out}/o.pdf"]]
        return runs

    for label, n in (("1e9", 10**9), ("1e6", 10**6), ("1e5", 10**5)):
        p = _json(folder, f"count-{label}.json", {**HEAD, "form_id": "yoshiki3-r0610", "repeat_counts": {"I.2.system": n}})
        cases.append(Case(f"repeat_count {label}", doc_commands(p, every=n == 10**9), "refuse", "上限", p.name))
    p = folder / "count-2p63.json"
    p.write_text('{"format":"pia-desktop/assessment","format_version":1,"form_id":"yoshiki3-r0610","repeat_counts":{"I.2.system":9223372036854775808}}')
    cases.append(Case("repeat_count 2^63", doc_commands(p), "refuse", "", p.name))
    p = _json(folder, "annex2-rows.json", {**HEAD, "form_id": "yoshiki4-r0610", "repeat_counts": {"annex2.row": 10**7}})
    cases.append(Case("unbounded group 10^7", doc_commands(p), "refuse", "上限", p.name))
    seed = _seed()
    p = _json(folder, "non-public-1e6.json", {**seed, "non_public": [f"I.1.x{i}" for i in range(10**6)]})
    cases.append(Case("non_public 10^6", [["import", str(p), "--out", "{out}/o.json"], ["check", str(p)]], "refuse", "非公表", p.name))
    p = _json(folder, "non-public-40k.json", {**seed, "non_public": list(seed["values"])[:300] * 1 + [f"I.9.z{i}" for i in range(40_000)]})
    cases.append(Case("non_public 40,000 (ordering stays linear)", [["import", str(p), "--out", "{out}/o.json"]], "import", "", p.name))
    p = _json(folder, "unknown-200k.json", {**HEAD, "form_id": "yoshiki3-r0610", "values": {f"X.{i}": "a" for i in range(200_000)}})
    cases.append(Case("200,000 unknown addresses", doc_commands(p), "refuse", "上限", p.name))
    p = _json(folder, "unknown-3k.json", {**HEAD, "form_id": "yoshiki3-r0610", "values": {f"X.{i}": "a" for i in range(3_000)}})
    cases.append(Case("3,000 unknown addresses: import --add as store add",
                      [["import", str(p), "--add", "--store", "{store}"], ["store", "add", str(p), "--store", "{store}"]],
                      "refuse", "誤りが 3000 件", p.name, codes=(1,)))
    p = _json(folder, "negative.json", {**HEAD, "form_id": "yoshiki3-r0610", "repeat_counts": {"I.2.system": -5}})
    cases.append(Case("negative count", [["import", str(p), "--add", "--store", "{store}"], ["store", "add", str(p), "--store", "{store}"]],
                      "refuse", "件数が負です", p.name, codes=(1,)))
    other = {**_seed("seed-003"), "form_id": "yoshiki2-r0610"}
    p = _json(folder, "other-form.json", other)
    cases.append(Case("another form's document", [["import", str(p), "--add", "--store", "{store}"], ["store", "add", str(p), "--store", "{store}"]],
                      "refuse", "様式", p.name, codes=(1,)))
    for where, data in (
        ("value", {**seed, "values": {**seed["values"], "I.1.1": "児童\ud800手当"}}),
        ("key", {**seed, "values": {**seed["values"], "I.1.\udc00": "a"}}),
        ("non_public", {**seed, "non_public": ["I.1.\ud800"]}),
        ("check detail", {**HEAD, "form_id": "yoshiki3-r0610", "values": {"II(1).2.1": {"checked": ["\ud83d"], "details": {}}}}),
    ):
        p = folder / f"surrogate-{where.replace(' ', '-')}.json"
        p.write_text(json.dumps(data, ensure_ascii=True), encoding="ascii")  # "\ud800" as JSON writes it
        cases.append(Case(f"lone surrogate in a {where}", doc_commands(p, every=where == "value"), "refuse", "サロゲート", p.name))
    p = folder / "digits-5000.json"
    p.write_text('{"format":"pia-desktop/assessment","format_version":1,"form_id":"yoshiki3-r0610","file_count":' + "9" * 5000 + "}")
    cases.append(Case("integer of 5,000 digits", doc_commands(p, every=True), "refuse", "桁", p.name))
    p = _json(folder, "long-text.json", {**HEAD, "form_id": "yoshiki3-r0610", "values": {"I.1.1": "あ" * 200_000}})
    cases.append(Case("200,000-character answer", doc_commands(p), "refuse", "文字数", p.name))
    p = _json(folder, "bom-blank.json", seed, prefix="\ufeff" + " " * 100 + "\n\n")
    cases.append(Case("BOM and blank lines before the JSON", [["check", str(p)], ["import", str(p), "--out", "{out}/o.json"]],
                      "any", "", p.name, codes=(0, 1)))
    return cases


# -- PDF -------------------------------------------------------------------------------------------


def _raw_pdf(path: Path, pages: list[bytes], *, xobjects: dict[int, bytes] | None = None, compress: bool = True,
             flate: list[bytes] | None = None, size: tuple[int, int] = (595, 842)) -> None:
    """A minimal PDF: one Helvetica font, each page a content stream (``flate``: already deflated)."""
    objs: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids = []
    n = 10
    xobjects = xobjects or {}
    xnames = " ".join(f"/X{k} {k} 0 R" for k in xobjects)
    for i, content in enumerate(pages):
        page_id, content_id = n, n + 1
        n += 2
        kids.append(f"{page_id} 0 R")
        objs[page_id] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] /Contents {content_id} 0 R "
                         f"/Resources << /Font << /F1 3 0 R >> /XObject << {xnames} >> >> >>").encode()
        body = flate[i] if flate else (zlib.compress(content) if compress else content)
        filt = b"/Filter /FlateDecode " if (compress or flate) else b""
        objs[content_id] = b"<< " + filt + b"/Length %d >>\nstream\n" % len(body) + body + b"\nendstream"
    for k, body in xobjects.items():
        objs[k] = body
    objs[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = out.tell()
        out.write(b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n")
    xref = out.tell()
    top = max(objs) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % top)
    for k in range(1, top):
        out.write(b"%010d 00000 n \n" % offsets[k] if k in offsets else b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (top, xref))
    path.write_bytes(out.getvalue())


def _text_page(lines: list[str]) -> bytes:
    parts = [b"BT /F1 9 Tf 12 TL 40 800 Td"]
    parts += [b"(" + s.encode("latin-1") + b") Tj T*" for s in lines]
    parts.append(b"ET")
    return b"\n".join(parts)


def _deflated_zeros(n: int) -> bytes:
    """``n`` bytes of spaces, deflated (a bomb: ~1,000 : 1)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    out = [comp.compress(chunk) for _ in range(n >> 20)]
    return b"".join(out) + comp.flush()


def pdf_cases(folder: Path, *, bomb_mb: int = 300) -> list[Case]:
    cases: list[Case] = []

    def imp(p: Path) -> list[list[str]]:
        return [["import", str(p), "--out", "{out}/o.json", "--add", "--store", "{store}"]]

    p = folder / "lines-400k.pdf"
    _raw_pdf(p, [b"BT /F1 1 Tf 1 TL 40 800 Td\n" + b"(a) Tj T*\n" * 400_000 + b"ET"])
    cases.append(Case("one page of 400,000 text lines", imp(p), "refuse", "", p.name))
    p = folder / "inflate-bomb.pdf"
    _raw_pdf(p, [b""], flate=[_deflated_zeros(bomb_mb << 20)])
    cases.append(Case(f"page stream inflating to {bomb_mb} MB", imp(p), "refuse", "大きすぎ", p.name))
    # form XObjects 9 deep, each drawing the next 10 times: 10⁹ draws of one character
    xobjects: dict[int, bytes] = {}
    depth = 9
    for level in range(depth):
        k = 100 + level
        content = b"BT /F1 9 Tf 10 10 Td (x) Tj ET" if level == depth - 1 else b" ".join(b"/X%d Do" % (k + 1) for _ in range(10))
        res = b"<< /Font << /F1 3 0 R >> /XObject << /X%d %d 0 R >> >>" % (k + 1, k + 1) if level < depth - 1 else b"<< /Font << /F1 3 0 R >> >>"
        xobjects[k] = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + res +
                       b" /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    p = folder / "xobject-billion.pdf"
    _raw_pdf(p, [b"/X100 Do"], xobjects={100: xobjects[100], **{k: v for k, v in xobjects.items() if k != 100}})
    cases.append(Case("form XObjects 9 deep x 10 uses", imp(p), "refuse", "", p.name))
    p = folder / "ops-flood.pdf"
    _raw_pdf(p, [b"q Q " * 600_000])
    cases.append(Case("600,000 operators that draw nothing", imp(p), "refuse", "", p.name))
    grid = [f"0 {50 + i * 5} m 3000 {50 + i * 5} l S {50 + i * 5} 0 m {50 + i * 5} 3000 l S" for i in range(80)]
    p = folder / "rule-grid.pdf"
    _raw_pdf(p, ["\n".join([*grid, "BT /F1 9 Tf 60 60 Td (x) Tj ET"]).encode()], size=(3000, 3000))
    cases.append(Case("80 x 80 crossing rules (a quadratic table search)", imp(p), "refuse", "交点", p.name))
    p = folder / "many-pages.pdf"
    _raw_pdf(p, [_text_page(["page"])] * 301)
    cases.append(Case("301 pages", imp(p), "refuse", "ページ", p.name))
    return cases


def _real_pages(path: Path, pages: int) -> None:
    """``pages`` pages that look like a 評価書's: ruled label │ value rows, ~2,000 characters each."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    c = canvas.Canvas(str(path), pagesize=A4)
    text = "特定個人情報の入手に際しては、本人確認書類により本人であることを確認し、誤った情報を入手しないよう努めている。"
    for page in range(pages):
        c.setFont("HeiseiKakuGo-W5", 8)
        y = 800.0
        row = 0
        while y > 60:
            c.rect(40, y - 30, 150, 36)
            c.rect(190, y - 30, 365, 36)
            c.drawString(44, y - 8, f"⑤確認の措置{page + 1}-{row + 1}")
            for k in range(3):
                c.drawString(194, y - 8 - 10 * k, text[k * 10 :] + text[: k * 10])
            y -= 36
            row += 1
        c.showPage()
    c.save()


# -- workbooks -------------------------------------------------------------------------------------

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
       '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
       '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
       '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
       '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>')
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _styles(xfs: int) -> bytes:
    head = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {_NS}><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            f'<borders count="1"><border/></borders><cellXfs count="{xfs}">').encode()
    return head + b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * xfs + b"</cellXfs></styleSheet>"


def _sheet(rows: str, dimension: str = "A1") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>').encode()


def _xlsx(path: Path, *, sheet: bytes, styles: bytes | None = None, strings: bytes | None = None) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/styles.xml", styles if styles is not None else _styles(1))
        z.writestr("xl/sharedStrings.xml", strings if strings is not None else
                   f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="1" uniqueCount="1"><si><t>評価書名</t></si></sst>'.encode())


def xlsx_cases(folder: Path) -> list[Case]:
    cases: list[Case] = []

    def imp(p: Path) -> list[list[str]]:
        return [["import", str(p), "--out", "{out}/o.json", "--add", "--store", "{store}"]]

    cell = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>住民税</t></is></c></row>'
    p = folder / "styles-3m.xlsx"
    _xlsx(p, sheet=_sheet(cell), styles=_styles(3_000_000))
    cases.append(Case("3 million cell formats", imp(p), "refuse", "", p.name))
    p = folder / "last-row.xlsx"
    _xlsx(p, sheet=_sheet(cell + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>', "A1:XFD1048576"))
    cases.append(Case("one cell on row 1,048,576", imp(p), "any", "", p.name, codes=(0, 1, 2)))
    p = folder / "dimension-only.xlsx"
    _xlsx(p, sheet=_sheet(cell, "A1:XFD1048576"))
    cases.append(Case("a dimension of the whole sheet", imp(p), "any", "", p.name, codes=(0, 1, 2)))
    p = folder / "strings-bomb.xlsx"
    big = f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}>'.encode() + b"<si><t>" + b"a" * (120 << 20) + b"</t></si></sst>"
    _xlsx(p, sheet=_sheet(cell), strings=big)
    cases.append(Case("sharedStrings.xml inflating to 120 MB", imp(p), "refuse", "", p.name))
    p = folder / "empty-rows-50k.xlsx"
    _xlsx(p, sheet=_sheet(cell + "".join(f'<row r="{r}"/>' for r in range(2, 50_002))))
    cases.append(Case("50,000 empty rows", imp(p), "any", "", p.name, codes=(0, 1, 2)))
    return cases


# -- forged attachments -----------------------------------------------------------------------------


def _attach(pdf: Path, out: Path, doc_json: str) -> None:
    from pypdf import PdfReader, PdfWriter

    from pia_desktop.pdf.embedded import EMBEDDED_NAME

    reader = PdfReader(pdf)
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.add_attachment(EMBEDDED_NAME, doc_json.encode("utf-8"))
    with out.open("wb") as fh:
        writer.write(fh)


def attachment_cases(folder: Path) -> list[Case]:
    from pia_desktop.domain.exchange import dumps_document, read_document
    from pia_desktop.domain.form_definition import load_form
    from pia_desktop.pdf.exporter import export_pdf

    doc = read_document(FIXTURES / "seed-003.json")
    form = load_form(doc.form_id)
    own = folder / "own.pdf"
    export_pdf(doc, own, embed_document=False)
    cases: list[Case] = []

    def imp(p: Path) -> list[list[str]]:
        return [["import", str(p), "--out", "{out}/o.json", "--add", "--store", "{store}"]]

    forged = doc.copy()
    forged.values[form.roles.title] = "軽自動車税の賦課に関する事務 重点項目評価書"
    forged.values[form.roles.org] = "熊谷市長"
    p = folder / "attachment-other-title.pdf"
    _attach(own, p, dumps_document(forged))
    cases.append(Case("attachment with another title and 機関名", imp(p), "conflict", "一致しません", p.name))
    cases.append(Case("the same, --trust pages", [["import", str(p), "--out", "{out}/o.json", "--trust", "pages"]], "any", "", p.name, codes=(0, 1)))
    two = doc.copy()
    texts = [a for a, v in doc.values.items() if isinstance(v, str) and 5 < len(v) < 40 and a not in (form.roles.title, form.roles.org)]
    for a in texts[3:5]:
        two.values[a] = two.values[a] + "（改）"  # type: ignore[operator]
    p = folder / "attachment-two-values.pdf"
    _attach(own, p, dumps_document(two))
    cases.append(Case("attachment with 2 values changed", imp(p), "conflict", "一致しません", p.name))
    public = folder / "public.pdf"
    marked = doc.copy(non_public=list(doc.values)[5:12])
    export_pdf(marked, public, public=True)
    p = folder / "attachment-on-public.pdf"
    _attach(public, p, dumps_document(marked))
    cases.append(Case("attachment grafted onto a 公表用 PDF", [["import", str(p), "--out", "{out}/o.json"]], "any", "", p.name, codes=(0, 1)))
    other = folder / "other-tool.pdf"
    _real_pages(other, 2)
    p = folder / "attachment-on-other-tool.pdf"
    _attach(other, p, dumps_document(doc))
    cases.append(Case("attachment grafted onto another tool's PDF", imp(p), "conflict", "一致しません", p.name))
    p = folder / "attachment-surrogate.pdf"
    _attach(own, p, json.dumps({**HEAD, "form_id": doc.form_id, "values": {"I.1.1": "\ud800"}}, ensure_ascii=True))
    cases.append(Case("attachment holding a lone surrogate", [["import", str(p), "--out", "{out}/o.json"]], "any", "", p.name, codes=(0, 1, 3)))
    p = folder / "attachment-count.pdf"
    _attach(own, p, json.dumps({**HEAD, "form_id": doc.form_id, "repeat_counts": {"I.2.system": 10**9}}))
    cases.append(Case("attachment with a count of 10^9", [["import", str(p), "--out", "{out}/o.json"]], "any", "", p.name, codes=(0, 1, 3)))
    p = folder / "own-with-attachment.pdf"
    export_pdf(doc, p)
    cases.append(Case("our own 提出用 PDF (attachment agrees)", [["import", str(p), "--out", "{out}/o.json"]], "import", "", p.name))
    return cases


# -- store rows ------------------------------------------------------------------------------------


def store_cases(folder: Path) -> list[Case]:
    import sqlite3

    from pia_desktop.domain.exchange import read_document
    from pia_desktop.storage.store import Store

    cases: list[Case] = []
    for label, column, text in (("count 1e9", "repeat_counts", '{"I.2.system": 1000000000}'),
                                ("non_public 1e5", "non_public", json.dumps([f"I.1.{i}" for i in range(100_000)])),
                                ("5,000 digits", "repeat_counts", '{"I.2.system": ' + "9" * 5000 + "}")):
        path = folder / f"row-{label.replace(' ', '-').replace(',', '')}.sqlite3"
        with Store(path) as store:
            store.add_document(read_document(FIXTURES / "seed-003.json"))
            bad = store.add_document(read_document(FIXTURES / "seed-003.json"))
        conn = sqlite3.connect(path)
        conn.execute(f"update assessments set {column}=? where id=?", (text, bad))
        conn.commit()
        conn.close()
        cases.append(Case(f"store row with {label}: list works", [["store", "list", "--store", str(path)]], "import", "", path.name))
        cases.append(Case(f"store row with {label}: export refused", [["store", "export", str(bad), "{out}/o.json", "--store", str(path)]],
                          "refuse", "壊れている", path.name))
        cases.append(Case(f"store row with {label}: import --id refused", [["import", str(path), "--id", str(bad), "--add", "--store", "{store}"]],
                          "refuse", "壊れている", path.name))
    return cases


def build(folder: Path, *, bomb_mb: int = 300) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    return json_cases(folder) + pdf_cases(folder, bomb_mb=bomb_mb) + xlsx_cases(folder) + attachment_cases(folder) + store_cases(folder)


# -- running one case ------------------------------------------------------------------------------

_RUN = "import sys; from pia_desktop.cli.main import main; sys.exit(main(sys.argv[1:]))"


def _limit() -> None:
    import resource  # POSIX only: the corpus runs its cases under a memory limit there (the cases themselves are for every OS)

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@dataclass
class Outcome:
    argv: list[str]
    code: int | None  # None: killed after the timeout
    stderr: str
    seconds: float
    max_rss_kb: int


def run_argv(argv: list[str], env: dict[str, str], timeout: float = TIMEOUT_S) -> Outcome:
    """One ``pia-desktop`` run in a subprocess under MEMORY_LIMIT; its own peak RSS from wait4."""
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", _RUN, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, cwd=ROOT, preexec_fn=_limit)
    assert proc.stderr is not None
    err = b""
    code: int | None = None
    rss = 0
    deadline = started + timeout
    os.set_blocking(proc.stderr.fileno(), False)
    while True:
        chunk = proc.stderr.read()
        if chunk:
            err += chunk
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            code = os.waitstatus_to_exitcode(status)
            rss = usage.ru_maxrss
            rest = proc.stderr.read()
            err += rest or b""
            proc.returncode = code
            break
        if time.monotonic() > deadline:
            proc.kill()  # the child this call started
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            rss = usage.ru_maxrss
            break
        time.sleep(0.02)
    proc.stderr.close()
    return Outcome(argv, code, err.decode("utf-8", "replace"), time.monotonic() - started, rss)


def verdict(case: Case, outcome: Outcome) -> str | None:
    """Why ``outcome`` is wrong for ``case``, or None."""
    if outcome.code is None:
        return f"no answer within {TIMEOUT_S:.0f} s"
    if "Traceback" in outcome.stderr:
        return "traceback: " + outcome.stderr[-800:]
    if outcome.max_rss_kb > RSS_LIMIT_KB:
        return f"{outcome.max_rss_kb // 1024} MB of memory"
    err = outcome.stderr
    if err.lstrip() and not err.lstrip().startswith(("エラー", "警告", "注意", "  ")) and "エラー" not in err.splitlines()[0] \
            and not any("\u3040" <= ch <= "\u9fff" for ch in err.splitlines()[0]):
        return "an English message before the Japanese one: " + err[:300]
    if case.codes and outcome.code not in case.codes:
        return f"exit {outcome.code}, expected {case.codes}: {err[-500:]}"
    if case.expect == "import" and outcome.code != 0:
        return f"exit {outcome.code}, expected an import: {err[-500:]}"
    if case.expect == "conflict" and outcome.code != 3:
        return f"exit {outcome.code}, expected 3 (attachment and pages differ): {err[-500:]}"
    if case.expect == "refuse":
        if outcome.code == 0:
            return "accepted"
        if case.file and case.file not in err:
            return f"the message does not name {case.file}: {err[-300:]}"
    if case.needle and case.expect in ("refuse", "conflict") and case.needle not in err:
        return f"the message lacks 「{case.needle}」: {err[-400:]}"
    return None


if __name__ == "__main__":
    for c in build(Path(sys.argv[1])):
        print(c.name, c.expect, c.file)

"""Reading the exchange format with pydantic: strict, and every refusal names the file and the place."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pia_desktop.domain.conversion import ConversionError, convert, error_parts, to_data
from pia_desktop.domain.document import CheckValue, Document, ReviewRecord
from pia_desktop.domain.errors import DocumentFormatError
from pia_desktop.domain.exchange import document_to_data, parse_document, read_document

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "seed-003.json"


def _data(**changes: object) -> dict[str, object]:
    data = {"format": "pia-desktop/assessment", "format_version": 2, "form_id": "yoshiki3-r0610",
            "values": {"cover.hyokasho_mei": "児童手当に関する事務", "I.1.2": {"checked": ["a"]}}}
    data.update(changes)
    return data


def test_a_bad_value_is_named_by_its_address() -> None:
    data = _data(values={"cover.hyokasho_mei": "ok", "II(1).4.itaku[2].3": 3})
    with pytest.raises(DocumentFormatError, match=r"x\.json の「II\(1\)\.4\.itaku\[2\]\.3」が読めません"):
        parse_document(json.dumps(data), "x.json")


def test_an_unknown_key_inside_a_check_value_is_named_by_its_address() -> None:
    data = _data(values={"I.1.2": {"checked": ["a"], "zz": 1}})
    with pytest.raises(DocumentFormatError, match=r"「I\.1\.2」が読めません: 不明な項目です"):
        parse_document(json.dumps(data), "x.json")


@pytest.mark.parametrize(("field", "value", "where"), [
    ("file_count", "2", "file_count"),  # no silent "2" → 2: what was written is what is read
    ("file_count", True, "file_count"),
    ("file_count", 0, "file_count"),
    ("status", "完了", "status"),
    ("kubun", "x", "kubun"),
    ("reviews", [{"reviewed_on": "2025-13-01", "result": "修正"}], "reviews/0/reviewed_on"),
    ("reviews", [{"reviewed_on": "2025-01-01", "result": "修正", "reviewer": "x" * 201}], "reviews/0/reviewer"),
])
def test_wrong_types_and_ranges_are_refused(field: str, value: object, where: str) -> None:
    with pytest.raises(DocumentFormatError, match=f"x.json の「{where}」が読めません"):
        parse_document(json.dumps(_data(**{field: value})), "x.json")


def test_a_missing_field_is_named() -> None:
    data = _data()
    del data["form_id"]
    with pytest.raises(DocumentFormatError, match="「form_id」が読めません: 必須の項目がありません"):
        parse_document(json.dumps(data), "x.json")


def test_error_parts_splits_message_and_location() -> None:
    with pytest.raises(ConversionError) as info:
        convert({"form_id": "f", "reviews": [{"reviewed_on": "2025-01-01", "result": "x"}]}, Document)
    msg, loc = error_parts(info.value)
    assert loc == ("reviews", 0, "result") and msg.startswith("次のいずれかです：") and "'変更なし'" in msg


def test_the_seed_reads_and_writes_back_the_same_json() -> None:
    doc = read_document(SEED)
    assert isinstance(doc.values["I.1.2"] if "I.1.2" in doc.values else CheckValue(), CheckValue | str | bool)
    again = parse_document(json.dumps(document_to_data(doc), ensure_ascii=False), "again")
    assert again == doc and document_to_data(again) == document_to_data(doc)


def test_copy_is_deep() -> None:
    doc = convert(_data(reviews=[{"reviewed_on": "2025-01-01", "result": "修正"}]), Document)
    other = doc.copy(status="確定")
    other.values["I.1.2"].checked.append("b")  # type: ignore[union-attr]
    other.reviews[0].note = "x"
    assert doc.status == "作成中" and doc.values["I.1.2"] == CheckValue(checked=["a"])
    assert doc.reviews[0] == ReviewRecord(reviewed_on=doc.reviews[0].reviewed_on, result="修正")
    assert to_data(doc)["reviews"][0]["reviewed_on"] == "2025-01-01"


def test_check_and_dump_import_neither_the_exporter_nor_the_importers(tmp_path: Path) -> None:
    # What `pia-desktop check` and `dump` load: no PDF, Excel or YAML machinery (start-up time); pydantic is the records'.
    code = (
        "import sys\n"
        "from pia_desktop.cli.main import main\n"
        f"main(['check', {str(SEED)!r}])\n"
        f"main(['dump', {str(SEED)!r}])\n"
        "heavy = ('reportlab', 'pypdf', 'pdfplumber', 'openpyxl', 'yaml', 'PySide6', 'msgspec')\n"
        "print('LOADED', ','.join(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy})))\n"
    )
    env = {"PIA_DESKTOP_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    # warm the YAML caches first (a cache miss parses YAML, as the first run after installing does)
    subprocess.run([sys.executable, "-m", "pia_desktop", "check", str(SEED)], env=env, cwd=ROOT, capture_output=True)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert "LOADED \n" in out.stdout or out.stdout.rstrip().endswith("LOADED"), out.stdout[-300:] + out.stderr[-2000:]

"""Hostile files for ``pia-desktop import``: the fuzz script at a small count (CI runs it through
the test suite; the full run is ``scripts/fuzz.py --cases 10000``), and the library failures it
found, one by one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.importers import ImportFailure, import_file

ROOT = Path(__file__).resolve().parents[2]


def test_fuzz_script_small_run_has_no_tracebacks_hangs_or_store_changes(tmp_path: Path) -> None:
    summary = tmp_path / "fuzz.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fuzz.py"), "--cases", "80", "--small", "--workers", "1",
         "--timeout", "20", "--json", str(summary)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert (data["tracebacks"], data["hangs"], data["problems"]) == (0, 0, 0), proc.stdout[-3000:]
    assert proc.returncode == 0
    assert data["ok"] == 80
    assert set(data["corpus"]) == {"pdf", "xlsx", "json", "store"}


def test_fuzz_cases_are_reproducible() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import fuzz
    finally:
        sys.path.pop(0)
    corpus_dir = ROOT / "tests" / "fixtures"
    corpus = {"json": [corpus_dir / "seed-003.json"], "pdf": [], "xlsx": [], "store": []}
    a = fuzz.make_case(12, 7, corpus, {})
    b = fuzz.make_case(12, 7, corpus, {})
    assert a == b and a[3] != (corpus_dir / "seed-003.json").read_bytes()


class _Broken:
    """What pdfplumber hands back for a file whose page tree is damaged: the error comes when the
    pages are first touched — and again when the file is closed."""

    @property
    def pages(self):  # type: ignore[no-untyped-def]
        from pdfplumber.utils.exceptions import PdfminerException

        raise PdfminerException("Invalid dictionary construct: [/'Ord']")

    def close(self) -> None:
        self.pages  # noqa: B018  (pdfplumber's close walks the pages)


def test_pdfminer_failure_on_pages_and_close_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from pia_desktop.importers import pdf_reader

    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n% damaged page tree\n")
    monkeypatch.setattr(pdf_reader, "_open", lambda p: _Broken())
    with pytest.raises(ImportFailure, match=r"damaged\.pdf は壊れている"):
        import_file(path)
    assert main(["import", str(path), "--out", str(tmp_path / "o.json")]) == 2
    err = capsys.readouterr().err
    assert "damaged.pdf" in err and "Traceback" not in err
    assert not (tmp_path / "o.json").exists()


def test_unexpected_library_error_is_a_message_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pia_desktop.importers import xlsx_reader

    path = tmp_path / "odd.xlsx"
    path.write_bytes(b"PK\x03\x04")
    monkeypatch.setattr(xlsx_reader, "read_xlsx", lambda p: (_ for _ in ()).throw(KeyError("xl/sharedStrings.xml")))
    with pytest.raises(ImportFailure, match=r"odd\.xlsx は壊れているか"):
        import_file(path)

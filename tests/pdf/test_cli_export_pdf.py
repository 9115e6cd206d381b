"""pia-desktop export-pdf: from JSON and from the store, 公表用, Japanese errors with exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.domain.document import Document
from pia_desktop.domain.exchange import canonical, write_document
from pia_desktop.pdf.embedded import read_embedded_document
from pia_desktop.storage.store import Store


def test_export_from_json(small_doc: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.json"
    write_document(small_doc, src)
    out = tmp_path / "評価書.pdf"
    assert main(["export-pdf", str(src), str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert read_embedded_document(out) == canonical(small_doc)
    assert "提出用PDFを出力しました" in capsys.readouterr().out


def test_export_public(small_doc: Document, tmp_path: Path) -> None:
    small_doc.non_public = ["IV.2.1"]
    src = tmp_path / "in.json"
    write_document(small_doc, src)
    out = tmp_path / "public.pdf"
    assert main(["export-pdf", str(src), str(out), "--public"]) == 0
    assert read_embedded_document(out) is None


def test_export_from_store(small_doc: Document, tmp_path: Path) -> None:
    store_path = tmp_path / "s.sqlite3"
    with Store(store_path) as store:
        aid = store.add_document(small_doc)
    out = tmp_path / "from-store.pdf"
    assert main(["export-pdf", "--store", str(store_path), "--id", str(aid), str(out)]) == 0
    embedded = read_embedded_document(out)
    assert embedded.identity is not None  # the store's identity travels with the 提出用 PDF (notes files find it)
    assert embedded.copy(identity=None) == canonical(small_doc)


@pytest.mark.parametrize(
    "argv",
    [
        ["export-pdf", "only-one.json"],
        ["export-pdf", "--id", "1", "a.pdf", "b.pdf"],
        ["export-pdf", "missing.json", "out.pdf"],
    ],
)
def test_usage_errors_are_japanese_messages(argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("エラー: ") and "Traceback" not in err


def test_missing_store_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store_path = tmp_path / "none.sqlite3"
    assert main(["export-pdf", "--store", str(store_path), "--id", "1", str(tmp_path / "o.pdf")]) == 2
    assert not store_path.exists()
    assert "保存ファイル" in capsys.readouterr().err


def test_unknown_id(small_doc: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store_path = tmp_path / "s.sqlite3"
    with Store(store_path) as store:
        store.add_document(small_doc)
    assert main(["export-pdf", "--store", str(store_path), "--id", "999", str(tmp_path / "o.pdf")]) == 2
    assert "999" in capsys.readouterr().err

"""Shared helpers for importer tests: Qt fixtures, and own PDFs made by the exporter."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import fixture_path
from tests.ui.conftest import _no_modal_dialogs, app, dialogs, make_window, store_path  # noqa: F401  (Qt fixtures)


@pytest.fixture(scope="session")
def own_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Seed 003 exported by our own PDF writer, with and without the embedded document."""
    pytest.importorskip("pia_desktop.pdf.exporter")
    from pia_desktop.domain.exchange import read_document
    from pia_desktop.pdf.exporter import export_pdf

    out = tmp_path_factory.mktemp("own-pdf")
    doc = read_document(fixture_path("seed-003"))
    paths = {"embedded": out / "seed-003.pdf", "stripped": out / "seed-003-stripped.pdf"}
    export_pdf(doc, paths["embedded"])
    export_pdf(doc, paths["stripped"], embed_document=False)
    return paths

"""Three 重点項目評価書 of one city in a store, for the shared-facts tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from pia_desktop.domain.exchange import read_document
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path

CONTACT = "IV.2.1"  # Ⅳ２① 連絡先（特定個人情報ファイルの取扱いに関する問合せ）


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "s.sqlite3") as s:
        yield s


@pytest.fixture
def three(store: Store) -> list[int]:
    return [store.add_document(read_document(fixture_path(n))) for n in ("seed-000", "seed-001", "seed-003")]

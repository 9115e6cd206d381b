"""新年度版を作成 keeps the しきい値判断 inputs: next year's review starts from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pia_desktop.changes import roll_forward
from pia_desktop.domain.conversion import replace
from pia_desktop.domain.document import ThresholdInputs
from pia_desktop.domain.exchange import read_document
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path


def test_roll_forward_carries_the_threshold_inputs(tmp_path: Path) -> None:
    inputs = ThresholdInputs(taisho_ninzu=152_000, toriatsukai_ninzu=310, jiko=False, handan_bi=date(2025, 1, 10))
    doc = read_document(fixture_path("seed-003"))
    doc.threshold = inputs
    with Store(tmp_path / "s.sqlite3") as store:
        old_id = store.add_document(doc)
        bare_id = store.add_document(read_document(fixture_path("seed-003")))
        new_id = roll_forward(store, old_id)
        new_bare = roll_forward(store, bare_id)
        new = store.load(new_id)
        assert new.threshold == inputs  # 判断日 included: it tells when they were last confirmed
        assert new.get("cover.kohyo_bi") is None and new.status == "作成中"
        assert store.load(new_bare).threshold is None
        store.set_threshold(new_id, replace(inputs, jiko=True, handan_bi=date(2026, 1, 9)))
        assert store.load(old_id).threshold == inputs  # the baseline is not touched by next year's edits

"""The committed JSON Schemas match the models (regenerate with: python -m pia_desktop.cli.schemas)."""

from __future__ import annotations

from pia_desktop.cli.schemas import render, targets


def test_committed_schemas_are_current() -> None:
    stale = [str(p) for p, schema in targets().items() if not p.exists() or p.read_text(encoding="utf-8") != render(schema)]
    assert stale == [], "run: python -m pia_desktop.cli.schemas"

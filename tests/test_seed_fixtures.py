"""The three reference 評価書 transcribed as fixtures: valid, complete where the seed is, and in the right items."""

from __future__ import annotations

import json

import pytest

from pia_desktop.domain.dump import dump_lines
from pia_desktop.domain.exchange import document_to_data, dumps_document, read_document
from pia_desktop.domain.form_definition import load_form
from pia_desktop.domain.validation import validate
from pia_desktop.storage.store import Store
from tests.conftest import FIXTURES, SEEDS, fixture_path


def _expected_pairs(name: str) -> list[tuple[str, str]]:
    """Expected (printed path, value snippet) pairs taken from the seed text, one per filled cell."""
    pairs = []
    for n, line in enumerate((FIXTURES / f"{name}.expected.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        path, sep, snippet = line.partition("\t")
        assert sep, f"{name}.expected.tsv line {n} has no TAB"
        pairs.append((path, snippet))
    return pairs


@pytest.mark.parametrize("name", SEEDS)
def test_fixture_has_no_errors(name: str) -> None:
    doc = read_document(fixture_path(name))
    errors = [f.line() for f in validate(load_form(doc.form_id), doc) if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("name", SEEDS)
def test_every_seed_cell_landed_in_the_right_item(name: str) -> None:
    doc = read_document(fixture_path(name))
    dumped: dict[str, list[str]] = {}
    for line in dump_lines(load_form(doc.form_id), doc):
        path, _, value = line.partition("\t")
        dumped.setdefault(path, []).append(value)
    pairs = _expected_pairs(name)
    assert len(pairs) >= 50
    missing = [(p, s) for p, s in pairs if not any(s in v for v in dumped.get(p, []))]
    assert missing == []


@pytest.mark.parametrize("name", SEEDS)
def test_round_trip_json_store_json_is_identical(name: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    original = json.loads(fixture_path(name).read_text(encoding="utf-8"))
    doc = read_document(fixture_path(name))
    with Store(tmp_path / "s.sqlite3") as store:
        aid = store.add_document(doc)
        back = store.load(aid)
        # the store gives the 評価書 its identity (which notes files find it by); nothing else changes
        assert back.identity is not None
        assert document_to_data(back.copy(identity=None)) == original
        again = store.load(store.add_document(back))  # a file with an identity keeps it, byte for byte
    assert dumps_document(again) == dumps_document(back)


def test_seed_004_values_appear_in_dump_in_document_order() -> None:
    """Every Ⅲ value of seed 004 (a 全項目評価書) is dumped under its printed path, in the seed's order."""
    doc = read_document(fixture_path("seed-004"))
    assert doc.form_id == "yoshiki4-r0610"
    lines = list(dump_lines(load_form(doc.form_id), doc))
    pos = 0
    out_of_order = []
    for path, snippet in _expected_pairs("seed-004"):
        found = next((i for i in range(pos, len(lines)) if lines[i].startswith(path + "\t") and snippet in lines[i]), None)
        if found is None:
            out_of_order.append((path, snippet[:40]))
            continue
        pos = found
    assert out_of_order == []

"""Document.threshold (しきい値判断 inputs) in the exchange format: optional, typed, strict."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pia_desktop.domain.conversion import replace
from pia_desktop.domain.document import Document, ThresholdInputs
from pia_desktop.domain.errors import DocumentFormatError
from pia_desktop.domain.exchange import document_to_data, dumps_document, parse_document

INPUTS = ThresholdInputs(taisho_ninzu=120_000, toriatsukai_ninzu=480, jiko=False, handan_bi=date(2025, 6, 1))


def _doc(threshold: ThresholdInputs | None = None) -> Document:
    doc = Document(form_id="yoshiki3-r0610", threshold=threshold)
    doc.set("cover.hyokasho_no", "16")
    return doc


def test_inputs_round_trip_through_the_exchange_format() -> None:
    text = dumps_document(_doc(INPUTS))
    data = json.loads(text)
    assert data["threshold"] == {"taisho_ninzu": 120000, "taisho_kubun": None, "toriatsukai_ninzu": 480,
                                 "jiko": False, "handan_bi": "2025-06-01"}
    back = parse_document(text)
    assert back.threshold == INPUTS and dumps_document(back) == text


def test_a_document_without_inputs_is_written_and_read_as_before() -> None:
    data = document_to_data(_doc())
    assert "threshold" not in data
    assert parse_document(json.dumps(data)).threshold is None


@pytest.mark.parametrize(
    ("threshold", "where"),
    [
        ({"jiko": True, "handan_bi": "2025-06-01", "keisu_jiten": "x"}, "threshold/keisu_jiten"),
        ({"taisho_ninzu": -1, "handan_bi": "2025-06-01"}, "threshold/taisho_ninzu"),
        ({"jiko": True}, "threshold/handan_bi"),
        ({"jiko": "たぶん", "handan_bi": "2025-06-01"}, "threshold/jiko"),
    ],
)
def test_bad_inputs_are_refused_naming_the_field(threshold: dict[str, object], where: str) -> None:
    data = document_to_data(_doc())
    data["threshold"] = threshold
    with pytest.raises(DocumentFormatError, match=f"「{where}」"):
        parse_document(json.dumps(data, ensure_ascii=False), "x.json")


def test_same_inputs_ignores_the_day() -> None:
    later = replace(INPUTS, handan_bi=date(2026, 6, 1))
    assert INPUTS.same_inputs(later) and not INPUTS.same_inputs(replace(later, jiko=True))
    assert not INPUTS.same_inputs(None)

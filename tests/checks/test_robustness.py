"""The checks never crash: empty documents, several files, and answers of the wrong type or shape."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pia_desktop.checks.review import review
from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.form_definition import FormDefinition, load_form
from tests.checks.builders import base_doc, with_second_file

FORM = load_form()
ADDRESSES = sorted(base_doc(FORM).values)
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["発生あり", "委託する", "再委託しない", "令和7年13月1日", "R7.1.14", "39,760", "１万人以上10万人未満", "事後", "重要な変更項目でないため"]),
    st.booleans(),
    st.builds(lambda c, d: CheckValue(checked=c, details=d), st.lists(st.text(max_size=10), max_size=3),
              st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=2)),
)


def test_empty_documents(form: FormDefinition) -> None:
    assert all(f.severity == "warning" for f in review(form, Document(form_id=form.form_id), date(2025, 1, 1)))
    doc = Document(form_id=form.form_id, file_count=3)
    doc.set_count("II(2).4.itaku", 2)
    doc.set_count("annex2.row", 1)
    review(form, doc, date(2025, 1, 1))


def test_other_form_id_is_reported_not_checked(form: FormDefinition) -> None:
    doc = base_doc(form)
    doc.form_id = "yoshiki3-r9999"
    assert [f.rule for f in review(form, doc)] == ["form-mismatch"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(ADDRESSES), VALUES), min_size=1, max_size=8), st.booleans())
def test_any_answers_never_crash_the_review(changes: list[tuple[str, object]], two_files: bool) -> None:
    doc = base_doc(FORM)
    if two_files:
        doc = with_second_file(doc)
    for address, value in changes:
        doc.values[address] = value  # type: ignore[assignment]  # bypass set(): wrong types on purpose
    for f in review(FORM, doc, date(2025, 2, 1)):
        assert f.severity in ("error", "warning") and f.message

"""Every piece of text read from a file is accounted for: placed in an item, recognised as the
form's own text, marked 要確認, or reported as unplaced with its page or cell — on the published
samples (``truth``), on varied documents made from them (``varied``), and on the text route."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.domain.form_definition import load_form
from pia_desktop.importers import import_file
from pia_desktop.importers.folding import fold
from pia_desktop.importers.placing import assign, dismiss
from pia_desktop.importers.source import ImportFailure
from pia_desktop.storage.store import Store
from tests.importers import varied as V
from tests.importers.truth import generated_dirs, sample_dirs, sample_files, score

SAMPLES = sample_dirs()
SAMPLE_FILES = sample_files(SAMPLES)
PARAGRAPH = "この段落は市独自の注記で、様式のどの項目にも当てはまりません。取り込みで消えてはなりません。"


def _check_accounting(report) -> None:  # type: ignore[no-untyped-def]
    assert report.fragments, "no fragments recorded"
    for f in report.fragments:
        assert f.status in ("placed", "form", "review", "unplaced")
        assert f.where, f
        if f.status in ("placed", "review"):
            assert f.addresses, f
        if f.status == "unplaced":
            assert f.note, f
    listed = {(u["text"], u["where"]) for u in report.to_data()["unplaced"]}  # type: ignore[union-attr]
    assert listed == {(f.text, f.where) for f in report.unplaced}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_samples_recover_everything_and_leave_nothing_unplaced(path: Path) -> None:
    result = import_file(path)
    _total, misses = score(load_form(), result.document, result.report, path.parent / "truth.json")
    assert misses == [], "\n".join(m.line() for m in misses)
    _check_accounting(result.report)
    assert result.report.unplaced == []
    assert result.report.to_review == []
    kinds = {f.kind for f in result.report.fragments if f.status == "form"}
    assert {"label", "option", "heading", "stamp"} <= kinds


# -- varied documents --------------------------------------------------------------------------------

CASES = [(d, v, "xlsx") for d in SAMPLES for v in V.VARIANTS]
# PDFs take a second or two each: every variant once, layouts and samples taken in turn
CASES += [(SAMPLES[i % len(SAMPLES)], v, f"pdf{i % len(V.PDF_LAYOUTS)}") for i, v in enumerate(V.VARIANTS)
          if SAMPLES and not (v.prefix or v.merge or v.shift)]


def _make(tmp_path: Path, sample: Path, base: V.Variant, fmt: str) -> tuple[Path, Path, V.Variant]:
    v = copy.deepcopy(base)
    rows = V.sample_rows(next(sample.glob("*.xlsx")))
    if fmt.startswith("pdf"):
        v.pdf = V.PDF_LAYOUTS[int(fmt[3:])]
    changed = V.apply(rows, v)
    path = tmp_path / f"{sample.name[:3]}-{v.name}.{'pdf' if fmt.startswith('pdf') else 'xlsx'}"
    (V.write_pdf if fmt.startswith("pdf") else V.write_xlsx)(changed, path, v)
    truth = tmp_path / "truth.json"
    truth.write_text(json.dumps(V.truth_for(sample / "truth.json", v), ensure_ascii=False), encoding="utf-8")
    return path, truth, v


@pytest.mark.parametrize(("sample", "variant", "fmt"), CASES, ids=lambda x: getattr(x, "name", str(x))[:40])
def test_varied_documents_recover_and_account_for_every_fragment(tmp_path: Path, sample: Path, variant: V.Variant, fmt: str) -> None:
    path, truth, v = _make(tmp_path, sample, variant, fmt)
    result = import_file(path)
    _total, misses = score(load_form(), result.document, result.report, truth)
    # ReportLab's CID font turns "—" (Ⅰ７ in seed 000) into U+0336 in the PDF text: the one miss allowed
    allowed = [m for m in misses if fmt.startswith("pdf") and m.address == "I.7"]
    assert [m for m in misses if m not in allowed] == [], "\n".join(m.line() for m in misses)
    _check_accounting(result.report)
    assert result.report.unplaced == [], [(f.where, f.text[:40], f.note) for f in result.report.unplaced]
    if v.stamp:
        assert fold(result.report.source_version) == fold(v.stamp)
        assert any("様式の版が異なります" in n for n in result.report.notes)
    headings = [fold(str(result.document.get(f"annex1(1).group[{n}].heading") or ""))
                for n in range(1, result.document.count("annex1(1).group") + 1)]
    assert headings == [fold(h) for h in v.headings.values()]  # no group glued into the one before


def test_headings_without_marks_among_marked_ones_are_groups_marked_for_review(tmp_path: Path) -> None:
    """The reported failure: group headings without ◆ glued, heading and all, into the group before."""
    path, _, v = _make(tmp_path, generated_dirs()[0], next(x for x in V.VARIANTS if x.heading == "mixed"), "xlsx")
    result = import_file(path)
    doc = result.document
    assert doc.count("annex1(1).group") == len(v.headings)
    unmarked = [h for h in v.headings.values() if not h.startswith("◆")]
    assert unmarked
    for n in range(1, doc.count("annex1(1).group") + 1):
        items = fold(str(doc.get(f"annex1(1).group[{n}].items")))
        assert not any(fold(h) in items for h in v.headings.values())
    review = {f.text for f in result.report.to_review}
    assert set(unmarked) <= review
    assert result.report.count("ambiguous") >= len(unmarked)


# -- unplaceable text ---------------------------------------------------------------------------------


def _with_paragraph(tmp_path: Path, fmt: str) -> Path:
    rows = V.sample_rows(next(generated_dirs()[-1].glob("*.xlsx")))
    at = next(i for i, r in enumerate(rows) if "".join(r).strip().startswith("Ⅱ") and "概要" in "".join(r)
              and i > 30) + 1
    rows = [*rows[:at], (PARAGRAPH,), ("市独自の記載欄", "様式にない欄の値です。"), *rows[at:]]
    v = V.Variant("paragraph", pdf=V.PDF_LAYOUTS[0])
    path = tmp_path / f"paragraph.{fmt}"
    (V.write_pdf if fmt == "pdf" else V.write_xlsx)(rows, path, v)
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_an_unplaceable_paragraph_is_reported_not_lost(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = _with_paragraph(tmp_path, fmt)
    result = import_file(path)
    unplaced = result.report.unplaced
    texts = [fold(f.text) for f in unplaced]
    assert fold(PARAGRAPH) in texts
    assert any("様式にない欄の値です" in f.text for f in unplaced)  # an unknown label's value is not glued on
    assert all(fold(PARAGRAPH) not in fold(str(v)) for v in result.document.values.values())
    para = next(f for f in unplaced if fold(f.text) == fold(PARAGRAPH))
    assert para.where.startswith("p.") if fmt == "pdf" else "!" in para.where
    # the CLI warns loudly, exits 1, writes OUT and the report, and adds nothing to the store
    out, report, store = tmp_path / "out.json", tmp_path / "r.json", tmp_path / "s.sqlite3"
    code = main(["import", str(path), "--out", str(out), "--report", str(report), "--add", "--store", str(store)])
    err = capsys.readouterr().err
    assert code == 1
    assert "警告" in err and "未配置" in err and PARAGRAPH[:20] in err and para.where in err
    assert out.exists()
    data = json.loads(report.read_text(encoding="utf-8"))
    assert any(fold(u["text"]) == fold(PARAGRAPH) and u["where"] == para.where for u in data["unplaced"])
    assert data["fragments_summary"]["unplaced"] == len(unplaced)
    assert not store.exists() or Store(store, readonly=True).list_assessments() == []
    assert main(["import", str(path), "--add", "--allow-unplaced", "--store", str(store)]) == 0
    with Store(store, readonly=True) as s:
        assert len(s.list_assessments()) == 1


def test_fragments_placed_by_hand_change_the_document_and_are_recorded(tmp_path: Path) -> None:
    result = import_file(_with_paragraph(tmp_path, "xlsx"))
    frags = result.report.fragments
    para = next(i for i, f in enumerate(frags) if fold(f.text) == fold(PARAGRAPH))
    before = str(result.document.get("II(1).7") or "")
    shown = assign(result, para, "II(1).7", "append")
    assert PARAGRAPH in shown and str(result.document.get("II(1).7")).startswith(before)
    assert frags[para].status == "placed" and frags[para].by_hand
    assert result.report.assignments[-1].address == "II(1).7"
    other = next(i for i, f in enumerate(frags) if f.status == "unplaced")
    with pytest.raises(ImportFailure, match="値として読めません"):
        assign(result, other, "I.1.3", "replace")  # not one of 対象人数's options
    dismiss(result, other)
    assert frags[other].status == "form" and result.report.assignments[-1].mode == "dismiss"
    for i, f in enumerate(frags):
        if f.status == "unplaced":
            dismiss(result, i)
    assert result.report.unplaced == []
    assert result.report.to_data()["assignments"]


def test_a_second_label_inside_a_cell_is_marked_for_review(tmp_path: Path) -> None:
    import openpyxl

    from tests.importers.test_unseen_layouts import CONTENT

    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [(label or values[0], "\n".join(values) if label else "") for label, values in CONTENT]
    for r, (label, value) in enumerate(rows, start=1):
        if label == "①部署":
            value = "市民税課\n②所属長の役職名　市民税課長"  # two cells merged into one by another tool
        if label == "②所属長の役職名":
            continue
        ws.cell(r, 1, label)
        ws.cell(r, 2, value or None)
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    result = import_file(path)
    entry = next(e for e in result.report.entries if e.address == "I.6.1")
    assert entry.status == "ambiguous" and "所属長の役職名" in entry.note
    assert any(f.status == "review" and "I.6.1" in f.addresses for f in result.report.fragments)


def test_text_route_accounts_for_every_line(tmp_path: Path) -> None:
    """A PDF without ruling: every drawn string ends up in some fragment, and stray text is listed."""
    from tests.importers.test_unseen_layouts import CONTENT, _unruled_pdf

    path = tmp_path / "unruled.pdf"
    content = [*CONTENT, (None, [PARAGRAPH])]
    import tests.importers.test_unseen_layouts as U

    saved = U.CONTENT
    U.CONTENT = content
    try:
        _unruled_pdf(path)
    finally:
        U.CONTENT = saved
    result = import_file(path)
    _check_accounting(result.report)
    everything = fold("".join(f.text for f in result.report.fragments))
    for label, values in content:
        for text in ([label] if label else []) + values:
            assert fold(text).replace("※", "") in everything.replace("※", ""), text
    assert any(fold(PARAGRAPH) in fold(f.text) for f in result.report.unplaced + result.report.to_review
               + [f for f in result.report.fragments if f.status == "placed"])

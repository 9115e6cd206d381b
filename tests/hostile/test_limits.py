"""Limits before work (domain/limits.py), one admission check for every way in, and the store rows
that break a limit: in-process and quick (the subprocess corpus is test_corpus.py)."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.domain import limits
from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import DocumentFormatError, PiaError
from pia_desktop.domain.exchange import canonical, parse_document, read_document
from pia_desktop.domain.file_names import safe_file_stem
from pia_desktop.domain.validation import DocumentRefused, admit
from pia_desktop.storage.codec import DamagedRow
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path
from tests.ui.conftest import _no_modal_dialogs, app, dialogs, make_window, store_path  # noqa: F401  (Qt fixtures)

HEAD = '{"format":"pia-desktop/assessment","format_version":1,"form_id":"yoshiki3-r0610",'


@pytest.mark.parametrize("n", [10**9, 10**6, 2**62, 21])
def test_a_count_above_the_groups_max_is_refused_before_anything_walks_it(n: int) -> None:
    started = time.monotonic()
    with pytest.raises(DocumentFormatError, match=r"x\.json の「I\.2\.system」.*上限（20 件）"):
        parse_document(HEAD + f'"repeat_counts":{{"I.2.system":{n}}}}}', "x.json")
    assert time.monotonic() - started < 1  # refused, not iterated


def test_the_groups_max_itself_is_accepted_and_unbounded_groups_have_a_stated_cap() -> None:
    assert parse_document(HEAD + '"repeat_counts":{"I.2.system":20}}', "x.json").count("I.2.system") == 20
    cap = limits.UNBOUNDED_GROUP_CAPS["annex2.row[]"]
    parse_document(HEAD + f'"repeat_counts":{{"annex2.row":{cap}}}}}', "x.json")
    with pytest.raises(DocumentFormatError, match=r"annex2\.row"):
        parse_document(HEAD + f'"repeat_counts":{{"annex2.row":{cap + 1}}}}}', "x.json")


def test_an_integer_of_5000_digits_is_a_message() -> None:
    with pytest.raises(DocumentFormatError, match=r"桁数が多すぎる数値.*5000 桁"):
        parse_document(HEAD + '"file_count":' + "7" * 5000 + "}", "big.json")


@pytest.mark.parametrize("where", ['"values":{"I.1.1":"a\\ud800"}', '"values":{"I.1.\\udc00":"a"}', '"non_public":["\\ud800"]',
                                   '"values":{"II(1).2.1":{"checked":["\\ud83d"],"details":{}}}'])
def test_a_lone_surrogate_anywhere_is_a_message_naming_the_item(where: str) -> None:
    with pytest.raises(DocumentFormatError, match=r"s\.json の「.+」を読み込めません: .*サロゲート"):
        parse_document(HEAD + where + "}", "s.json")


def test_too_many_values_and_too_long_text_are_refused() -> None:
    many = {f"X.{i}": "a" for i in range(limits.MAX_VALUES + 1)}
    with pytest.raises(DocumentFormatError, match="上限"):
        parse_document(HEAD + '"values":' + json.dumps(many) + "}", "m.json")
    with pytest.raises(DocumentFormatError, match=r"「I\.1\.1」.*文字数"):
        parse_document(HEAD + '"values":{"I.1.1":"' + "a" * (limits.MAX_TEXT_CHARS + 1) + '"}}', "m.json")


def test_ordering_a_large_non_public_list_is_linear() -> None:
    doc = read_document(fixture_path("seed-003"))
    big = doc.copy(non_public=[*reversed(list(doc.values)), *(f"Z.{i}" for i in range(40_000))])
    started = time.monotonic()
    ordered = canonical(big)
    assert time.monotonic() - started < 5  # was quadratic: minutes
    assert ordered.non_public[: len(doc.values)] == list(canonical(doc).values)  # document order kept


def test_one_admission_check_for_store_add_and_import_add(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = json.loads(fixture_path("seed-003").read_text(encoding="utf-8")) | {"form_id": "yoshiki2-r0610"}
    src = tmp_path / "other.json"
    src.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    store = tmp_path / "s.sqlite3"
    assert main(["store", "add", str(src), "--store", str(store)]) == 1
    by_store_add = capsys.readouterr().err
    assert main(["import", str(src), "--add", "--store", str(store)]) == 1
    by_import = capsys.readouterr().err
    assert "other.json に誤りが" in by_store_add and "保存ファイルに追加しませんでした" in by_store_add
    assert by_store_add.strip() in by_import  # the same lines, word for word
    with Store(store) as s:
        assert s.list_assessments() == []
    with pytest.raises(DocumentRefused) as refused:
        admit(read_document(src), "other.json")
    assert refused.value.findings and all(f.severity == "error" for f in refused.value.findings)
    admit(read_document(fixture_path("seed-003")), "seed-003.json")  # a valid document passes


def _damaged_store(tmp_path: Path, column: str, text: str) -> tuple[Path, int, int]:
    path = tmp_path / "damaged.sqlite3"
    with Store(path) as store:
        good = store.add_document(read_document(fixture_path("seed-003")))
        bad = store.add_document(read_document(fixture_path("seed-003")))
    conn = sqlite3.connect(path)
    conn.execute(f"update assessments set {column}=? where id=?", (text, bad))
    conn.commit()
    conn.close()
    return path, good, bad


@pytest.mark.parametrize(("column", "text"), [("repeat_counts", '{"I.2.system": 1000000000}'),
                                              ("repeat_counts", '{"I.2.system": "many"}'),
                                              ("repeat_counts", '{"I.2.system": ' + "9" * 5000 + "}"),
                                              ("non_public", json.dumps([f"I.{i}" for i in range(limits.MAX_NON_PUBLIC + 1)]))])
def test_a_store_row_breaking_a_limit_is_damaged_and_the_others_load(tmp_path: Path, column: str, text: str) -> None:
    path, good, bad = _damaged_store(tmp_path, column, text)
    with Store(path) as store:
        assert [s.id for s in store.list_assessments()] == [good, bad]
        started = time.monotonic()
        with pytest.raises(DamagedRow, match=f"評価書 ID {bad} は壊れているため開けません") as exc:
            store.load(bad)
        assert time.monotonic() - started < 2
        assert exc.value.aid == bad and isinstance(exc.value, PiaError)
        assert store.load(good).count("I.2.system") == 8


def test_the_home_list_marks_a_damaged_row_and_keeps_the_rest(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from pia_desktop.ui.home.list_rows import DAMAGED

    path, good, bad = _damaged_store(tmp_path, "repeat_counts", '{"I.2.system": 1000000000}')
    home = make_window(path).home
    home.fill_percents_now()
    assert home.cell(bad, "記入率") == DAMAGED
    assert home.cell(good, "記入率").endswith("%")


@pytest.mark.parametrize(("typed", "stem"), [("a\x00b\u202ec", "abc"), ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("COM1", "_COM1"),
                                             ("  ..評価書.. ", "評価書"), ("\u200b\ufeff", "評価書"), ('a/b:"c"', "a_b_c_"),
                                             ("行1\n行2", "行1_行2")])
def test_suggested_file_names_drop_control_and_bidi_characters_and_device_names(typed: str, stem: str) -> None:
    assert safe_file_stem(typed, "評価書") == stem


def test_import_accepts_a_json_with_a_bom_and_blank_lines_as_check_does(tmp_path: Path) -> None:
    src = tmp_path / "bom.json"
    src.write_bytes(b"\xef\xbb\xbf" + b" \r\n" * 2000 + fixture_path("seed-003").read_bytes())
    assert main(["check", str(src)]) in (0, 1)
    assert main(["import", str(src), "--out", str(tmp_path / "o.json")]) == 0
    assert read_document(tmp_path / "o.json") == read_document(fixture_path("seed-003"))


def test_an_empty_document_is_within_every_limit() -> None:
    assert list(limits.problems(Document(form_id="yoshiki3-r0610"))) == []

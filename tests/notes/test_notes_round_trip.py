"""指摘と回答 between two stores that only exchange files: author → reviewer → author → reviewer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.domain.exchange import read_document, write_document
from pia_desktop.notes import service
from pia_desktop.notes.files import NotesFileError, read_notes, write_notes
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path, int, int]:
    """The author's store with seed 003, and the reviewer's copy made through the usual import of a JSON."""
    author, reviewer = tmp_path / "author.sqlite3", tmp_path / "reviewer.sqlite3"
    with Store(author) as a:
        aid = a.add_document(read_document(fixture_path("seed-003")))
        write_document(a.load(aid), tmp_path / "submitted.json")
    with Store(reviewer) as r:
        rid = r.add_document(read_document(tmp_path / "submitted.json"))
    return author, reviewer, aid, rid


def _cli(*args: str) -> int:
    return main(["notes", *args])


def test_author_reviewer_round_trip_by_command_line(two, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    author, reviewer, aid, rid = two
    # the reviewer writes two notes: one by the item's printed path, one by its address
    assert _cli("add", "--store", str(reviewer), "--id", str(rid), "--item",
                "Ⅰ　基本情報 › ６．評価実施機関における担当部署 › ①部署", "--text", "課名が古い", "--by", "情報政策課 佐藤") == 0
    assert _cli("add", "--store", str(reviewer), "--id", str(rid), "--item", "I.4.konkyo",
                "--text", "別表の項を確認", "--kind", "確認", "--by", "情報政策課 佐藤") == 0
    capsys.readouterr()
    to_author = tmp_path / "to-author.json"
    assert _cli("export", "--store", str(reviewer), "--id", str(rid), str(to_author)) == 0
    assert len(json.loads(to_author.read_text(encoding="utf-8"))["notes"]) == 2

    # the author imports them (twice: nothing changes the second time), answers one, fixes the item
    assert _cli("import", "--store", str(author), str(to_author)) == 0
    assert "新しい指摘 2 件" in capsys.readouterr().out
    assert _cli("import", "--store", str(author), str(to_author)) == 0
    assert "新しい指摘 0 件、更新 0 件、変更なし 2 件" in capsys.readouterr().out
    with Store(author) as a:
        notes = a.notes(aid)
        assert sorted(n.note.item for n in notes) == ["I.4.konkyo", "I.6.1"]
        a.set_value(aid, "I.6.1", "こども家庭部子育て支援課")
        first = next(n.note.id for n in notes if n.note.item == "I.6.1")
    assert _cli("answer", "--store", str(author), "--id", str(aid), "--note", first[:8],
                "--text", "組織改正後の課名に直しました", "--by", "子育て支援課 田中") == 0
    to_reviewer = tmp_path / "to-reviewer.json"
    assert _cli("export", "--store", str(author), "--id", str(aid), str(to_reviewer)) == 0

    # the reviewer sees the answer on the right item, the value then and now, and closes it
    assert _cli("import", "--store", str(reviewer), str(to_reviewer)) == 0
    assert "更新 1 件" in capsys.readouterr().out
    assert _cli("list", "--store", str(reviewer), "--id", str(rid), "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(n["path"].split(" › ")[-1], n["state"]) for n in listed] == [("法令上の根拠", "未対応"), ("①部署", "対応済")]
    assert listed[1]["answers"][0]["text"] == "組織改正後の課名に直しました"
    assert listed[1]["value_then"] == "こども未来局子育て支援課"
    assert _cli("close", "--store", str(reviewer), "--id", str(rid), "--note", first[:8]) == 0
    back = tmp_path / "closed.json"
    assert _cli("export", "--store", str(reviewer), "--id", str(rid), str(back)) == 0
    assert _cli("import", "--store", str(author), str(back)) == 0
    with Store(author) as a:
        assert {n.note.item: n.note.state for n in a.notes(aid)} == {"I.6.1": "確認済", "I.4.konkyo": "未対応"}


def test_both_sides_change_one_note_the_conflict_is_kept_and_shown(two, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    author, reviewer, aid, rid = two
    with Store(reviewer) as r:
        note = service.add_note(r, rid, "I.6.1", "課名が古い", by="佐藤")
        write_notes(service.export_notes(r, rid), tmp_path / "n.json")
    with Store(author) as a:
        service.import_notes(a, read_notes(tmp_path / "n.json"), source="n.json")
        service.answer_note(a, aid, note.id, "直しました", by="田中")  # the author answers …
        write_notes(service.export_notes(a, aid), tmp_path / "a.json")
    with Store(reviewer) as r:
        service.close_note(r, rid, note.id, by="佐藤")  # … while the reviewer closes it unanswered
        result = service.import_notes(r, read_notes(tmp_path / "a.json"), source="a.json")
        assert result.counts["conflict"] == 1 and result.conflicts == ["Ⅰ　基本情報 › ６．評価実施機関における担当部署 › ①部署"]
        stored = r.note(rid, note.id)
        assert stored.note.state == "確認済" and stored.conflicts[0].state == "対応済"  # neither is lost
        again = service.import_notes(r, read_notes(tmp_path / "a.json"), source="a.json")
        assert again.counts["unchanged"] == 1 and len(r.note(rid, note.id).conflicts) == 1
    assert _cli("list", "--store", str(reviewer), "--id", str(rid)) == 0
    assert "食い違いあり" in capsys.readouterr().out
    assert _cli("resolve", "--store", str(reviewer), "--id", str(rid), "--note", note.id[:8], "--take", "1") == 0
    with Store(reviewer) as r:
        settled = r.note(rid, note.id)
        assert not settled.conflicts and settled.note.state == "対応済" and settled.note.answers[0].text == "直しました"
        assert service.import_notes(r, read_notes(tmp_path / "a.json"), source="a.json").counts["unchanged"] == 1


def test_a_notes_file_for_another_assessment_is_refused(two, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    author, _reviewer, aid, _rid = two
    other = tmp_path / "other.sqlite3"
    with Store(other) as o:
        oid = o.add_document(read_document(fixture_path("seed-001")))
        service.add_note(o, oid, "I.1.1", "別の評価書への指摘")
        write_notes(service.export_notes(o, oid), tmp_path / "other.json")
    assert _cli("import", "--store", str(author), str(tmp_path / "other.json")) == 1
    err = capsys.readouterr().err
    assert "保存ファイルにありません" in err and "other.json" in err
    with Store(author) as a:
        assert a.notes(aid) == []
        with pytest.raises(NotesFileError, match="識別子が違います"):
            service.import_notes(a, read_notes(tmp_path / "other.json"), source="other.json", aid=aid)


def test_notes_of_last_year_are_not_this_years(two, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pia_desktop.changes.rollforward import roll_forward

    author, _reviewer, aid, _rid = two
    with Store(author) as a:
        draft = roll_forward(a, aid)
        assert a.identity(draft).uid == a.identity(aid).uid and a.identity(draft).version != a.identity(aid).version
        service.add_note(a, aid, "I.6.1", "前年度の指摘")
        write_notes(service.export_notes(a, aid), tmp_path / "old.json")
        a.delete(aid)
        with pytest.raises(NotesFileError, match="別の版"):
            service.import_notes(a, read_notes(tmp_path / "old.json"), source="old.json")


def test_notes_survive_versions_and_restore_and_never_print(two, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from pia_desktop.pdf.exporter import export_pdf

    author, _reviewer, aid, _rid = two
    with Store(author) as a:
        service.add_note(a, aid, "I.6.1", "ＮＯＴＥ本文ここに")
        sid = a.snapshot(aid, "版1")
        a.set_value(aid, "I.6.1", "変更")
        a.restore_snapshot(sid)
        assert [n.note.text for n in a.notes(aid)] == ["ＮＯＴＥ本文ここに"]
        out = tmp_path / "x.pdf"
        export_pdf(a.load(aid), out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "児童手当" in text and "ＮＯＴＥ本文" not in text
    assert b"NOTE" not in out.read_bytes() and "ＮＯＴＥ".encode("utf-16-be") not in out.read_bytes()


def test_report_xlsx_in_document_order_without_formulas(two, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    _author, reviewer, _aid, rid = two
    with Store(reviewer) as r:
        service.add_note(r, rid, "I.6.1", "=HYPERLINK(\"http://example.invalid\",\"x\")")
        service.add_note(r, rid, "cover.hyokasho_mei", "+1 名称を確認\x01", kind="確認")  # a control char an xlsx cannot hold
    out = tmp_path / "list.xlsx"
    assert _cli("report", "--store", str(reviewer), "--id", str(rid), str(out)) == 0
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [r[1].split(" › ")[-1] for r in rows] == ["評価書名", "①部署"]  # 表紙 before Ⅰ
    assert rows[1][3].startswith("=HYPERLINK")
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    pdf = tmp_path / "list.pdf"
    assert _cli("report", "--store", str(reviewer), "--id", str(rid), str(pdf)) == 0
    assert pdf.read_bytes().startswith(b"%PDF")

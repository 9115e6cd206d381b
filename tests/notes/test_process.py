"""A 全項目評価書's 意見の聴取 and 第三者点検, and the Ⅵ draft made from them and the comments received."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pia_desktop.domain.exchange import read_document
from pia_desktop.notes import service
from pia_desktop.notes.files import read_notes, write_notes
from pia_desktop.notes.process import CommentPeriod, ReviewProcess, ThirdPartyCheck, draft_section_vi, period_problems
from pia_desktop.storage.store import Store
from tests.conftest import fixture_path


def test_the_comment_period_must_be_thirty_days_as_a_rule() -> None:
    assert period_problems(CommentPeriod(start=date(2025, 1, 6), end=date(2025, 2, 4))) == []  # 30 days
    short = period_problems(CommentPeriod(start=date(2025, 1, 6), end=date(2025, 2, 3)))
    assert short and "29日" in short[0] and "30日以上" in short[0]
    assert "前" in period_problems(CommentPeriod(start=date(2025, 2, 6), end=date(2025, 1, 3)))[0]


def test_section_vi_is_drafted_from_the_period_the_comments_and_the_check(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        aid = store.add_document(read_document(fixture_path("seed-004")))
        process = ReviewProcess(
            comment_period=CommentPeriod(start=date(2025, 1, 6), end=date(2025, 2, 4), method="市ホームページへの掲載"),
            third_party=ThirdPartyCheck(held_on=date(2025, 3, 10), body="金沢市個人情報保護審議会", result="適合"),
        )
        store.set_review_process(aid, process)
        n1 = service.add_note(store, aid, "III(1).2.risk.taishogai", "委託先の監督を具体的に", kind="意見", by="市民A")
        service.add_note(store, aid, "III(1).2.risk.taishogai", "字句の誤り", kind="修正依頼")
        service.answer_note(store, aid, n1.id, "委託契約書に監査条項を追加したことを記載した")
        notes = [s.note for s in service.document_order(*_form_doc(store, aid), store.notes(aid))]
        draft = draft_section_vi(store.review_process(aid), notes)
        # and the procedure travels in the notes file, filling what the other store lacks
        write_notes(service.export_notes(store, aid), tmp_path / "n.json")
    assert draft["VI.2.1"] == "市ホームページへの掲載"
    assert draft["VI.2.2"] == "令和7年1月6日から令和7年2月4日まで（30日間）"
    assert draft["VI.2.3"] == "意見の提出：1件\n1．委託先の監督を具体的に"  # only the 意見, not the 修正依頼
    assert draft["VI.2.hanei"] == "1．委託契約書に監査条項を追加したことを記載した"
    assert (draft["VI.3.1"], draft["VI.3.2"], draft["VI.3.3"]) == ("令和7年3月10日", "金沢市個人情報保護審議会による点検", "適合")
    assert read_notes(tmp_path / "n.json").process == process


def _form_doc(store: Store, aid: int):  # type: ignore[no-untyped-def]
    from pia_desktop.domain.form_definition import load_form

    doc = store.load(aid)
    return load_form(doc.form_id), doc

"""The portfolio counts a 事務 once however many years and copies of it the store holds, shows each
評価書's latest version and counts its due dates from the latest published one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pia_desktop.changes.rollforward import roll_forward
from pia_desktop.checks.due_dates import due_dates
from pia_desktop.domain.document import PUBLISHED
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.fiscal_year import fiscal_year, nendo_text
from pia_desktop.domain.form_definition import load_form
from pia_desktop.shared.lineage import group_keys
from pia_desktop.shared.portfolio import COLUMNS, portfolio, to_csv
from pia_desktop.storage.store import Store, new_jimu
from tests.conftest import fixture_path

TODAY = date(2026, 12, 7)


def published(name: str):  # type: ignore[no-untyped-def]
    doc = read_document(fixture_path(name))
    doc.status = PUBLISHED
    return doc


def test_one_jimu_over_two_years_and_two_copies_is_one_row_per_assessment(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        jimu = new_jimu()
        kiso = store.add_document(published("example-kiso"), jimu=jimu)
        pdf = store.add_document(published("seed-003"))  # imported before it was linked
        xlsx = store.add_document(published("seed-003"))  # the same 評価書 again (--allow-duplicate)
        draft = roll_forward(store, pdf)
        other = store.add_document(read_document(fixture_path("seed-001")))
        store.set_jimu(pdf, jimu)  # the 重点 linked with its 基礎 later
        groups = group_keys(store.list_assessments())
        assert groups[kiso] == groups[pdf] == groups[xlsx] == groups[draft] == jimu != groups[other]

        rows = portfolio(store, today=TODAY)
        assert [r.assessment_id for r in rows if r.group == jimu] == [kiso, draft]  # 基礎, then the latest 重点
        assert len({r.group for r in rows}) == 2 and len(rows) == 3
        juten = next(r for r in rows if r.assessment_id == draft)
        year = max(2025, fiscal_year(date.today()))  # the year after the baseline's 令和6年度, not before this one
        assert juten.status == "作成中" and juten.nendo == year and juten.version_count == 3
        assert juten.versions.startswith(f"{nendo_text(year)} 作成中") and "令和6年度 公表済" in juten.versions
        # due dates from the latest published version (the draft has no 公表日)
        assert juten.due_from == xlsx
        expected = due_dates(load_form("yoshiki3-r0610"), store.load(pdf))
        assert (juten.review_due, juten.rerun_due) == (expected.review_due, expected.rerun_due) != (None, None)
        assert juten.overdue(TODAY)

        store.set_value(draft, "cover.kohyo_bi", "令和8年6月1日")  # the 新年度版 is published: due from it now
        juten = next(r for r in portfolio(store, today=TODAY) if r.assessment_id == draft)
        assert juten.due_from == draft and juten.review_due == date(2027, 6, 1) and not juten.overdue(TODAY)

        csv_rows = to_csv(rows).splitlines()
        assert csv_rows[0].split(",")[-2:] == ["年度", "年度ごとの版"] and len(csv_rows) == 4
        assert COLUMNS[-2:] == ("年度", "年度ごとの版")


def test_the_same_number_of_one_org_is_one_jimu_and_others_stay_apart(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        a = store.add_document(published("seed-003"))
        b = store.add_document(read_document(fixture_path("seed-003")))
        c = store.add_document(read_document(fixture_path("seed-001")))
        store.set_value(b, "cover.hyokasho_mei", "名称を直した版")
        groups = group_keys(store.list_assessments())
        assert groups[a] == groups[b] == f"#{a}" and groups[c] == f"#{c}"
        store.set_value(b, "cover.kikan_mei", "別の市長")  # another body's 評価書番号 is another 事務
        groups = group_keys(store.list_assessments())
        assert groups[a] != groups[b]


def test_the_portfolio_window_counts_the_jimu_once_and_shows_the_nendo_second(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from pia_desktop.ui.home.portfolio import COL_NENDO, PortfolioDialog

    with Store(tmp_path / "s.sqlite3") as store:
        old = store.add_document(published("seed-003"))
        new = roll_forward(store, old)
        window = QWidget()
        qtbot.addWidget(window)
        window.store, window.dialogs = store, None  # type: ignore[attr-defined]
        dlg = PortfolioDialog(window, today=TODAY)
        assert dlg.visible_ids() == [new]
        assert dlg.summary.text().startswith("事務 1 件・評価書 1 件（ほかに過去の年度・複写の版 1 件）")
        assert dlg.tree.header().visualIndex(COL_NENDO) == 1
        item = dlg.tree.topLevelItem(0).child(0)
        assert item.text(COL_NENDO) == nendo_text(max(2025, fiscal_year(date.today())))
        assert "令和6年度 公表済" in item.toolTip(COL_NENDO) and f"ID {old}" in item.toolTip(8)
        dlg.close()

"""The home list's order (ui/home/ordering.py) and column widths (ui/home/column_widths.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

from pia_desktop.ui.home.column_widths import fit_columns
from pia_desktop.ui.home.list_model import ListModel
from pia_desktop.ui.home.list_rows import COL_NAME, COLUMNS, ListRow
from pia_desktop.ui.home.ordering import SortBy, kept_positions, ordered

NUMBER = 0


def row(aid: int, group: str, number: str, kind_rank: int = 0, nendo: int = 2026) -> ListRow:
    cells = [""] * len(COLUMNS)
    cells[NUMBER] = number
    keys: list[object] = [0] * len(COLUMNS)
    keys[NUMBER] = number
    return ListRow(aid, "", cells, keys, group, (-nendo, kind_rank, aid), None, False)


def ids(rows: list[ListRow]) -> list[int]:
    return [r.aid for r in rows]


def test_a_jimu_sorts_by_its_smallest_key_ascending_and_its_largest_descending() -> None:
    rows = [row(1, "a", "5"), row(2, "a", "1", kind_rank=1), row(3, "b", "3"), row(4, "c", "9")]
    assert ids(ordered(rows, SortBy(NUMBER, descending=False))) == [1, 2, 3, 4]  # a (1) < b (3) < c (9)
    assert ids(ordered(rows, SortBy(NUMBER, descending=True))) == [4, 1, 2, 3]  # c (9) > a (5) > b (3)


def test_inside_a_jimu_the_newest_year_then_kiso_juten_zen_in_either_order() -> None:
    rows = [row(1, "a", "1", kind_rank=2), row(2, "a", "1", kind_rank=0, nendo=2025), row(3, "a", "1", kind_rank=0)]
    for descending in (False, True):
        assert ids(ordered(rows, SortBy(NUMBER, descending))) == [3, 1, 2]


def test_equal_keys_put_the_jimu_made_first_first_in_either_order() -> None:
    rows = [row(7, "late", "1"), row(2, "early", "1")]
    for descending in (False, True):
        assert ids(ordered(rows, SortBy(NUMBER, descending))) == [2, 7]


def test_a_kept_order_puts_every_jimu_back_and_new_ones_first() -> None:
    shown = ordered([row(1, "a", "1"), row(2, "b", "2"), row(3, "c", "3")], SortBy(NUMBER, descending=False))
    kept = kept_positions(shown)
    refreshed = [row(1, "a", "9"), row(2, "b", "2"), row(3, "c", "3"), row(5, "new2", "8"), row(4, "new1", "7")]
    # a's key changed to 9: it stays where it was; the new 事務 come first, in the chosen order among themselves
    assert ids(ordered(refreshed, SortBy(NUMBER, descending=False), kept)) == [4, 5, 1, 2, 3]


def test_mixed_keys_in_a_column_do_not_break_the_sort() -> None:
    a, b = row(1, "a", "1"), row(2, "b", "2")
    b.keys[NUMBER] = 5  # an int among strings
    assert sorted(ids(ordered([a, b], SortBy(NUMBER, descending=False)))) == [1, 2]


def test_columns_are_as_wide_as_their_widest_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ListModel()
    rows = [row(i, str(i), str(i)) for i in range(300)]
    long_org = "とても長い名前の評価実施機関長（広域連合）"
    rows[250].cells[2] = long_org  # far down the list: still measured
    model.set_rows(rows)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    fit_columns(view, rows, stretch=COL_NAME)
    assert view.horizontalHeader().sectionSize(2) > view.fontMetrics().horizontalAdvance(long_org)
    header_only = view.horizontalHeader().sectionSizeFromContents(3).width()
    assert view.horizontalHeader().sectionSize(3) >= header_only  # an empty column keeps its header readable

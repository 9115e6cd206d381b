"""What gets printed where, checked on the view model (no rendering)."""

from __future__ import annotations

from pia_desktop.domain.document import Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.pdf.view_model.build import build_view
from pia_desktop.pdf.view_model.cells import NON_PUBLIC, CheckGrid, Choice, Text
from pia_desktop.pdf.view_model.rows import Band, Field, Section, Wide


def _section(view, key: str) -> Section:  # type: ignore[no-untyped-def]
    return next(s for s in view.sections if s.key == key)


def _field(section: Section, address: str) -> Field:
    return next(r for r in section.rows if isinstance(r, Field) and r.address == address)


def _bands(section: Section) -> list[str]:
    return [r.text for r in section.rows if isinstance(r, Band)]


def test_choice_prints_value_in_brackets_and_the_option_grid_in_the_forms_columns(form: FormDefinition, small_doc: Document) -> None:
    row = _field(_section(build_view(form, small_doc), "I"), "I.1.3")
    assert isinstance(row.content, Choice)
    assert row.content.value == "[ 1万人以上10万人未満 ]"
    item = form.index["I.1.3"]
    assert all(len(r) <= (item.columns or 2) for r in row.content.options)
    assert [t for r in row.content.options for t in r] == [o.printed for o in item.options]


def test_empty_choice_still_prints_all_options(form: FormDefinition) -> None:
    row = _field(_section(build_view(form, Document(form_id=form.form_id)), "I"), "I.5.1")
    assert isinstance(row.content, Choice)
    assert "[" in row.content.value and row.content.value.strip("[ 　]") == ""
    assert len([t for r in row.content.options for t in r]) == len(form.index["I.5.1"].options)


def test_check_grid_ticks_and_gives_free_text_its_own_row(form: FormDefinition, small_doc: Document) -> None:
    row = _field(_section(build_view(form, small_doc), "I"), "I.2.system[1].3")
    grid = row.content
    assert isinstance(grid, CheckGrid)
    cells = [c for r in grid.rows for c in r.cells]
    assert "[ ○ ] 宛名システム等" in cells
    assert any(c.startswith("[ 　 ] 税務システム") for c in cells)
    other = grid.rows[-1]
    assert other.span and other.cells == ("[ ○ ] その他 （ 収納管理システム ）",)
    assert all(len(r.cells) <= grid.columns for r in grid.rows)


def test_repeat_headers_and_slots_in_printed_order(form: FormDefinition, small_doc: Document) -> None:
    bands = _bands(_section(build_view(form, small_doc), "I"))
    systems = [b for b in bands if b.startswith("システム")]
    assert systems == ["システム1", "システム2～5", "システム2", "システム3", "システム4", "システム5",
                       "システム6～10", "システム6", "システム7", "システム11～15", "システム16～20"]


def test_slot_one_and_all_headers_print_when_the_group_is_empty(form: FormDefinition) -> None:
    view = build_view(form, Document(form_id=form.form_id))
    bands = _bands(_section(view, "II(1)"))
    for family in ("委託事項", "提供先", "移転先"):
        assert [b for b in bands if b.startswith(family)] == [f"{family}1", f"{family}2～5", f"{family}6～10",
                                                              f"{family}11～15", f"{family}16～20"]


def test_titled_entry_band_carries_its_title(form: FormDefinition, small_doc: Document) -> None:
    section = _section(build_view(form, small_doc), "II(1)")
    band = next(r for r in section.rows if isinstance(r, Band) and r.address == "II(1).4.itaku[2]")
    assert band.text == "委託事項2" and band.value == Text("帳票印刷")


def test_count_is_printed_inside_the_choice(form: FormDefinition, small_doc: Document) -> None:
    row = _field(_section(build_view(form, small_doc), "II(1)"), "II(1).4.umu")
    assert isinstance(row.content, Choice) and row.content.suffix.startswith("（ 2 ）")


def test_single_check_boxes_sit_on_their_heading_band(form: FormDefinition, small_doc: Document) -> None:
    section = _section(build_view(form, small_doc), "III(1)")
    band4 = next(r for r in section.rows if isinstance(r, Band) and r.address == "III(1).4")
    band5 = next(r for r in section.rows if isinstance(r, Band) and r.address == "III(1).5")
    assert band4.boxes == ("[ 　 ] 委託しない",)
    assert band5.boxes == ("[ ○ ] 提供・移転しない",)


def test_items_that_do_not_apply_print_empty(form: FormDefinition, small_doc: Document) -> None:
    # Ⅲ５「提供・移転しない」 is ticked, so the rule text under its risk does not apply
    row = _field(_section(build_view(form, small_doc), "III(1)"), "III(1).5.risk.rule_naiyo")
    assert row.content == Text("")


def test_public_variant_redacts_non_public_items(form: FormDefinition, small_doc: Document) -> None:
    small_doc.non_public = ["IV.2.1", "I.1.3", "II(1).4.itaku[1]"]
    public = build_view(form, small_doc, public=True)
    assert _field(_section(public, "IV"), "IV.2.1").content == Text(NON_PUBLIC)
    choice = _field(_section(public, "I"), "I.1.3").content
    assert isinstance(choice, Choice) and choice.value == f"[ {NON_PUBLIC} ]"
    band = next(r for r in _section(public, "II(1)").rows if isinstance(r, Band) and r.address == "II(1).4.itaku[1]")
    assert band.value == Text(NON_PUBLIC)
    full = build_view(form, small_doc)
    assert _field(_section(full, "IV"), "IV.2.1").content == Text("試験市総務課　電話 000-000-0000")


def test_sub_rows_share_the_outer_label_column(form: FormDefinition, small_doc: Document) -> None:
    section = _section(build_view(form, small_doc), "II(1)")
    rows = [r for r in section.rows if isinstance(r, Field) and ".saiitaku." in r.address and "itaku[1]" in r.address]
    assert [(r.outer, r.continued) for r in rows] == [("再委託", False), ("", True), ("", True)]
    child = _field(section, "II(1).2.3.hitsuyosei")
    assert child.outer == "" and child.continued


def test_per_file_sections_repeat_with_the_file_mark(form: FormDefinition, small_doc: Document) -> None:
    small_doc.add_file()
    small_doc.set("II(2).1", "第二ファイル")
    view = build_view(form, small_doc)
    keys = [s.key for s in view.sections]
    assert keys.index("II(1)") < keys.index("II(2)") < keys.index("annex1(1)") < keys.index("III(1)") < keys.index("III(2)")
    first = _section(view, "II(2)").rows[1]
    assert isinstance(first, Wide) and first.content == Text("（２）第二ファイル")
    assert "annex1(2)" not in keys  # 別添1: one title, the files as sub-headings
    assert any(isinstance(r, Band) and r.text == "（２）" for r in _section(view, "annex1(1)").rows)


def test_change_table_has_the_six_columns_and_bare_values(form: FormDefinition, small_doc: Document) -> None:
    table = _section(build_view(form, small_doc), "annex2")
    assert table.kind == "table"
    assert [c.label for c in table.columns] == [c.label for c in form.index["annex2.row[]"].children]
    assert table.table_rows == [("令和7年5月30日", "Ⅰ　基本情報", "", "", "事後", "重要な変更項目でないため")]


def test_cover_has_stamp_title_and_number_name_table(form: FormDefinition, small_doc: Document) -> None:
    cover = build_view(form, small_doc).sections[0]
    assert cover.stamp == form.stamp and cover.heading == form.name
    assert cover.head == (("評価書番号", "12"), ("評価書名", "試験に関する事務　重点項目評価書"))

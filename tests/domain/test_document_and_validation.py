"""Document operations and validation against the form."""

from __future__ import annotations

from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.domain.validation import completeness, validate


def _doc(form: FormDefinition) -> Document:
    return Document(form_id=form.form_id)


def _errors(form: FormDefinition, doc: Document) -> list[tuple[str, str]]:
    return [(f.rule, f.address) for f in validate(form, doc) if f.severity == "error"]


def test_option_not_in_list_is_an_error_naming_the_item(form: FormDefinition) -> None:
    doc = _doc(form)
    doc.set("III(1).2.risk.judan", "十分")
    findings = [f for f in validate(form, doc) if f.severity == "error"]
    assert len(findings) == 1
    assert findings[0].address == "III(1).2.risk.judan"
    assert "リスクへの対策は十分か" in findings[0].path and "十分" in findings[0].message


def test_unknown_item_and_out_of_range_slots(form: FormDefinition) -> None:
    doc = _doc(form)
    doc.set("I.9.nothing", "x")
    doc.set("II(1).4.itaku[1].3", "株式会社A")  # no entry counted
    doc.set("II(2).1", "file 2 of a one-file document")
    rules = _errors(form, doc)
    assert ("unknown-item", "I.9.nothing") in rules
    assert ("bad-slot", "II(1).4.itaku[1].3") in rules
    assert ("bad-file", "II(2).1") in rules


def test_types_are_checked(form: FormDefinition) -> None:
    doc = _doc(form)
    doc.set("cover.kohyo_bi", "来年")
    doc.set("cover.hyokasho_no", "十六")
    doc.set("III(1).4.shinai", "はい")
    doc.set("II(1).3.1", CheckValue(checked=["本人又は本人の代理人", "郵便"]))
    doc.set("II(1).5.umu", CheckValue(checked=["提供を行っている", "行っていない"]))
    got = {a for _, a in _errors(form, doc)}
    assert got == {"cover.kohyo_bi", "cover.hyokasho_no", "III(1).4.shinai", "II(1).3.1", "II(1).5.umu"}


def test_valid_values_pass(form: FormDefinition) -> None:
    doc = _doc(form)
    doc.set("cover.kohyo_bi", "令和7年5月30日")
    doc.set("II(1).2.5", "平成27年10月以降")
    doc.set("II(1).4.umu", "委託する")
    doc.set("II(1).4.kensu", "39,760")
    doc.set("II(1).5.umu", CheckValue(checked=["提供を行っている"], details={"提供を行っている": "3"}))
    doc.set("II(1).3.1", CheckValue(checked=["その他"], details={"その他": "郵送"}))
    assert _errors(form, doc) == []


def test_itaku_shinai_makes_entries_not_applicable(form: FormDefinition) -> None:
    doc = _doc(form)
    doc.add_entry("II(1).4.itaku")
    assert not_applicable_reason(form, doc, "II(1).4.itaku[1].3") is None
    doc.set("II(1).4.umu", "委託しない")
    assert "委託しない" in (not_applicable_reason(form, doc, "II(1).4.itaku[1].3") or "")
    assert not_applicable_reason(form, doc, "III(1).4.risk.kitei") is None  # only Ⅲ4's own box closes Ⅲ4
    doc.set("III(1).4.shinai", True)
    assert not_applicable_reason(form, doc, "III(1).4.risk.kitei") is not None


def test_saiitaku_condition_is_bound_to_its_own_entry(form: FormDefinition) -> None:
    doc = _doc(form)
    doc.add_entry("II(1).4.itaku")
    doc.add_entry("II(1).4.itaku")
    doc.set("II(1).4.itaku[1].saiitaku.4", "再委託しない")
    doc.set("II(1).4.itaku[2].saiitaku.4", "再委託する")
    assert not_applicable_reason(form, doc, "II(1).4.itaku[1].saiitaku.5") is not None
    assert not_applicable_reason(form, doc, "II(1).4.itaku[2].saiitaku.5") is None
    warnings = {(f.rule, f.address) for f in validate(form, doc)}
    assert ("required", "II(1).4.itaku[2].saiitaku.5") in warnings
    assert ("required", "II(1).4.itaku[1].saiitaku.5") not in warnings


def test_jiko_ari_requires_content(form: FormDefinition) -> None:
    doc = _doc(form)
    doc.set("III(1).7.risk.2", "発生なし")
    assert not_applicable_reason(form, doc, "III(1).7.risk.2.naiyo") is not None
    doc.set("III(1).7.risk.2", "発生あり")
    required = {f.address for f in validate(form, doc) if f.rule == "required"}
    assert {"III(1).7.risk.2.naiyo", "III(1).7.risk.2.saihatsu"} <= required


def test_remove_and_move_entries_renumber(form: FormDefinition) -> None:
    doc = _doc(form)
    for name in ["A", "B", "C"]:
        n = doc.add_entry("II(1).4.itaku")
        doc.set(f"II(1).4.itaku[{n}]", name)
        doc.set(f"II(1).4.itaku[{n}].3", f"{name}社")
    doc.move_entry("II(1).4.itaku", 3, 1)
    assert [doc.get(f"II(1).4.itaku[{n}]") for n in (1, 2, 3)] == ["C", "A", "B"]
    doc.remove_entry("II(1).4.itaku", 2)
    assert doc.count("II(1).4.itaku") == 2
    assert [doc.get(f"II(1).4.itaku[{n}].3") for n in (1, 2)] == ["C社", "B社"]
    assert _errors(form, doc) == []


def test_remove_file_renumbers_per_file_sections(form: FormDefinition) -> None:
    doc = _doc(form)
    doc.add_file()
    doc.add_file()
    for n in (1, 2, 3):
        doc.set(f"II({n}).1", f"ファイル{n}")
        doc.set(f"III({n}).1", f"ファイル{n}")
    doc.remove_file(2, [s.id for s in form.items if s.per_file])
    assert doc.file_count == 2
    assert (doc.get("II(2).1"), doc.get("III(2).1")) == ("ファイル3", "ファイル3")


def test_completeness_counts_required_applicable_items(form: FormDefinition) -> None:
    doc = _doc(form)
    before = completeness(form, doc)["II(1)"]
    doc.set("II(1).1", "児童手当ファイル")
    after = completeness(form, doc)["II(1)"]
    assert after.filled == before.filled + 1 and after.total == before.total
    doc.set("II(1).4.umu", "委託する")
    assert completeness(form, doc)["II(1)"].total == after.total + 1  # 件数 now required

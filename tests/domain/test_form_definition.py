"""The form definition loads, holds the items of 様式3 verbatim, and a broken file names the item."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pia_desktop.domain.errors import FormDefinitionError
from pia_desktop.domain.form_definition import FormDefinition, ItemType, load_form_file
from pia_desktop.resources import forms_dir

FORM_FILE = forms_dir() / "yoshiki3-r0610.yaml"


def test_sections_in_document_order(form: FormDefinition) -> None:
    assert [s.id for s in form.items] == ["cover", "toc", "I", "II", "annex1", "III", "IV", "V", "annex2"]
    assert [s.id for s in form.items if s.per_file] == ["II", "annex1", "III"]
    assert form.stamp == "[令和６年10月　様式３]"


def test_labels_and_options_verbatim(form: FormDefinition) -> None:
    judan = form.item("III.2.risk.judan")
    assert judan.label == "リスクへの対策は十分か"
    assert [o.printed for o in judan.options] == ["1） 特に力を入れている", "2） 十分である", "3） 課題が残されている"]
    assert form.item("I.1.3").options[0].printed == "1) 1,000人未満"  # ASCII ")" as 001 prints it here
    assert form.item("II.2.1").label == "①ファイルの種類　※"


def test_star_flags_follow_the_form(form: FormDefinition) -> None:
    assert form.item("II.2.1").star == "printed"
    assert form.item("III.2.risk.judan").starred  # covered by Ⅲ's heading ※
    assert form.item("III.7.risk.2").star == "excluded"  # ※（７．②を除く。）
    assert not form.item("III.7.risk.2").starred
    assert not form.item("I.6.1").starred


def test_repeating_groups_have_their_limits(form: FormDefinition) -> None:
    for gid, name in [("I.2.system[]", "システム"), ("II.4.itaku[]", "委託事項"), ("II.5.teikyo[]", "提供先"), ("II.5.iten[]", "移転先")]:
        rep = form.item(gid).repeat
        assert rep is not None and rep.max == 20
        assert rep.slot_name(7) == f"{name}7"
        assert rep.print_groups == [(2, 5), (6, 10), (11, 15), (16, 20)]


def test_check_items_carry_free_text_and_counts(form: FormDefinition) -> None:
    nyushu = form.item("II.3.1")
    assert nyushu.type == ItemType.CHECKS
    assert [o.text for o in nyushu.options if o.free_text] == [
        "評価実施機関内の他部署", "行政機関・独立行政法人等", "地方公共団体・地方独立行政法人", "民間事業者", "その他"]
    umu = form.item("II.5.umu")
    assert [(o.text, o.count, o.exclusive) for o in umu.options] == [
        ("提供を行っている", True, False), ("移転を行っている", True, False), ("行っていない", False, True)]


def test_every_value_item_has_help_text(form: FormDefinition) -> None:
    missing = [i.id for i in form.iter_items() if i.has_value and not i.help]
    assert missing == []


def test_conditions_reference_real_items(form: FormDefinition) -> None:
    ids = {c.id for c in form.conditions}
    assert {"itaku_shinai", "saiitaku_shinai", "jiko_ari", "teikyo_iten_nashi", "renkei_shinai_iii6_nyushu"} <= ids


def _broken(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    raw = yaml.safe_load(FORM_FILE.read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_broken_item_type_names_the_item(tmp_path: Path) -> None:
    def mutate(raw):  # type: ignore[no-untyped-def]
        raw["items"][2]["children"][0]["children"][2]["type"] = "dropdown"  # I.1.3

    with pytest.raises(FormDefinitionError, match=r"I\.1\.3"):
        load_form_file(_broken(tmp_path, mutate))


def test_choice_without_options_names_the_item(tmp_path: Path) -> None:
    def mutate(raw):  # type: ignore[no-untyped-def]
        raw["items"][2]["children"][0]["children"][2]["options"] = []

    with pytest.raises(FormDefinitionError, match=r"I\.1\.3"):
        load_form_file(_broken(tmp_path, mutate))


def test_condition_with_unknown_option_is_refused(tmp_path: Path) -> None:
    def mutate(raw):  # type: ignore[no-untyped-def]
        raw["conditions"][0]["when"]["equals"] = "委託しません"

    with pytest.raises(FormDefinitionError, match="委託しません"):
        load_form_file(_broken(tmp_path, mutate))


def test_yaml_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("items: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(FormDefinitionError, match=r"bad\.yaml"):
        load_form_file(path)

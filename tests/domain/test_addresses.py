from __future__ import annotations

from pia_desktop.domain.addresses import Address, bind, format_address, group_key, parse_address


def test_format_and_parse_are_inverse() -> None:
    for text in ["II(1).4.itaku[2].saiitaku.4", "I.2.system[20].3", "cover.kohyo_bi", "annex2.row[82].jiki", "annex1(2).group[3].items"]:
        a = parse_address(text)
        assert format_address(a.template, a.file, a.slots) == text


def test_parse_splits_file_and_slots() -> None:
    a = parse_address("II(2).4.itaku[3].saiitaku.5")
    assert a == Address("II.4.itaku[].saiitaku.5", 2, (3,))


def test_group_key() -> None:
    assert group_key("II.4.itaku[]", 1, ()) == "II(1).4.itaku"
    assert group_key("I.2.system[]", None, ()) == "I.2.system"


def test_bind_takes_over_file_and_shared_slots() -> None:
    ctx = parse_address("II(2).4.itaku[3].saiitaku.5")
    assert str(bind("II.4.itaku[].saiitaku.4", ctx, per_file=True)) == "II(2).4.itaku[3].saiitaku.4"
    assert str(bind("II.4.umu", ctx, per_file=True)) == "II(2).4.umu"
    assert str(bind("I.5.1", parse_address("III(2).6.shinai_nyushu"), per_file=False)) == "I.5.1"

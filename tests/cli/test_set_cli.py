"""pia-desktop set check | align | link: the set's differences, blanks filled on --apply, 評価書 linked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.domain.assessment_set import new_documents
from pia_desktop.storage.store import Store


def test_link_align_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        kiso = store.add_document(new_documents(["yoshiki2-r0610"], 1, "軽自動車税に関する事務")[0])
        juten = store.add_document(new_documents(["yoshiki3-r0610"], 1, "軽自動車税に関する事務")[0])
        store.set_value(juten, "cover.kikan_mei", "熊谷市長")
        store.set_value(kiso, "I.6.1", "収納課")
        store.set_value(juten, "I.6.1", "市民税課")
    s = ["--store", str(path)]
    assert main(["set", "align", str(kiso), *s]) == 2
    assert "組になっていません" in capsys.readouterr().err
    assert main(["set", "link", str(kiso), str(kiso), *s]) == 2
    assert main(["set", "link", str(kiso), str(juten), *s]) == 0
    capsys.readouterr()

    assert main(["set", "check", *s]) == 0
    out = capsys.readouterr().out
    assert f"ID {kiso}「軽自動車税に関する事務　基礎項目評価書」 警告:" in out and "「担当部署」が重点項目評価書" in out
    assert "警告 4 件" in out  # 部署 on both sides, 評価実施機関名 blank in the 基礎 (on the 重点), Ⅳ１ of the 基礎

    assert main(["set", "align", str(juten), *s]) == 0
    out = capsys.readouterr().out
    assert "記入: 基礎項目評価書「軽自動車税に関する事務　基礎項目評価書」" in out and "← 熊谷市長" in out
    assert "異なる: 「担当部署」 基礎項目評価書：収納課 ／ 重点項目評価書：市民税課" in out
    with Store(path) as store:
        assert store.answer(kiso, "cover.kikan_mei") is None  # shown only
    assert main(["set", "align", str(juten), "--apply", *s]) == 0
    assert "2 項目を記入しました" in capsys.readouterr().out
    assert main(["set", "check", str(kiso), "--json", *s]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(f["id"], f["rule"], f["address"]) for f in found] == [(kiso, "set:differs", "I.6.1")]

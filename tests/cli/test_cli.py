"""The pia-desktop command: exit codes and Japanese messages, never tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pia_desktop.cli.main import main
from pia_desktop.domain.document import CheckValue, Document
from pia_desktop.domain.exchange import write_document


def _write(tmp_path: Path, **values: object) -> Path:
    doc = Document(form_id="yoshiki3-r0610")
    doc.set_count("II(1).4.itaku", 2)
    for k, v in values.items():
        doc.set(k.replace("__", "."), v)  # type: ignore[arg-type]
    path = tmp_path / "doc.json"
    write_document(doc, path)
    return path


def test_check_valid_document_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path)
    assert main(["check", str(path)]) == 0
    assert "誤り 0 件" in capsys.readouterr().out


def test_check_wrong_option_exits_1_naming_the_item(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    data = json.loads(_write(tmp_path).read_text(encoding="utf-8"))
    data["values"]["III(1).9.level"] = "よくやっている"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path), "--errors-only"]) == 1
    out = capsys.readouterr().out
    assert "９．従業者に対する教育・啓発" in out and "よくやっている" in out


def test_check_unknown_item_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    data = json.loads(_write(tmp_path).read_text(encoding="utf-8"))
    data["values"]["III(1).11.new"] = "x"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "III(1).11.new" in capsys.readouterr().out


def test_check_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, **{"III(1)__9__level": "十分"})
    assert main(["check", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 1
    assert {"severity", "rule", "address", "path", "message"} <= set(report["findings"][0])


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"{not json", "JSONとして読めません"), (b'{"format": "other"}', "評価書ファイルではありません"), (b"", "JSONとして読めません")],
)
def test_malformed_file_exits_nonzero_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    assert main(["check", str(path)]) != 0
    err = capsys.readouterr().err
    assert "broken.json" in err and message in err and "Traceback" not in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nothing.json")]) == 2
    assert "見つかりません" in capsys.readouterr().err


def test_dump_prints_paths_and_values_in_document_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(
        tmp_path,
        **{
            "cover__hyokasho_no": "16",
            "II(1)__4__itaku[2]": "収納管理",
            "II(1)__4__itaku[2]__3": "株式会社A",
            "II(1)__3__1": CheckValue(checked=["本人又は本人の代理人", "その他"], details={"その他": "郵送"}),
            "I__1__2": "一行目\n二行目",
        },
    )
    assert main(["dump", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "表紙 › 評価書番号\t16",
        "Ⅰ　基本情報 › １．特定個人情報ファイルを取り扱う事務 › ②事務の内容\t一行目\\n二行目",
        "Ⅱ　特定個人情報ファイルの概要（１） › ３．特定個人情報の入手・使用 › ①入手元　※\t本人又は本人の代理人、その他（郵送）",
        "Ⅱ　特定個人情報ファイルの概要（１） › ４．特定個人情報ファイルの取扱いの委託 › 委託事項2\t収納管理",
        "Ⅱ　特定個人情報ファイルの概要（１） › ４．特定個人情報ファイルの取扱いの委託 › 委託事項2 › ③委託先名\t株式会社A",
    ]


def test_store_commands_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(tmp_path, cover__hyokasho_mei="テスト評価書")
    store = tmp_path / "store.sqlite3"
    assert main(["store", "add", str(src), "--store", str(store)]) == 0
    assert main(["--store", str(store), "store", "list"]) == 0
    assert "テスト評価書" in capsys.readouterr().out
    out = tmp_path / "out.json"
    assert main(["store", "export", "1", str(out), "--store", str(store)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert set(exported.pop("identity")) == {"uid", "version"}  # the store's identity of the 評価書
    original = json.loads(src.read_text(encoding="utf-8"))
    assert {**exported, "format_version": 1} == original
    assert main(["store", "add", str(out), "--store", str(store)]) == 0
    again = tmp_path / "again.json"
    assert main(["store", "export", "2", str(again), "--store", str(store)]) == 0
    assert again.read_bytes() == out.read_bytes()  # byte for byte, identity included
    assert main(["store", "check", "--store", str(store)]) == 0


def test_store_add_refuses_invalid_document_and_saves_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(tmp_path, **{"III(1)__9__level": "十分"})
    store = tmp_path / "store.sqlite3"
    assert main(["store", "add", str(src), "--store", str(store)]) == 1
    assert "追加しませんでした" in capsys.readouterr().err
    assert main(["store", "list", "--store", str(store), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_store_uses_pia_desktop_home_by_default(tmp_path: Path, _isolated_home: Path) -> None:
    src = _write(tmp_path)
    assert main(["store", "add", str(src)]) == 0
    assert (_isolated_home / "pia-desktop.sqlite3").exists()


def test_entry_point_runs_as_a_process(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[]", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pia_desktop", "check", str(path)], capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 2
    assert "x.json" in proc.stderr and "Traceback" not in proc.stderr


def test_store_backups_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write(tmp_path, cover__hyokasho_mei="元の名前")
    store = tmp_path / "store.sqlite3"
    assert main(["store", "add", str(src), "--store", str(store)]) == 0
    assert main(["store", "backups", "--store", str(store)]) == 0
    backup = Path(capsys.readouterr().out.strip().splitlines()[-1].split("\t")[-1])
    from pia_desktop.storage.store import Store

    with Store(store) as s:
        s.set_value(1, "cover.hyokasho_mei", "変更後")
    assert main(["store", "restore", str(backup), "--store", str(store)]) == 0
    with Store(store) as s:
        assert s.load(1).get("cover.hyokasho_mei") == "元の名前"

"""The ファイル menu's 出力 and 取り込み, wired to the PDF exporter and the importer."""

from __future__ import annotations

import importlib.util

import pytest

from pia_desktop.storage.store import Store
from tests.conftest import fixture_path
from tests.ui.test_wizard import new_wizard


@pytest.mark.skipif(importlib.util.find_spec("pia_desktop.ui.output.export") is None, reason="PDF export not installed")
def test_export_actions_follow_the_open_assessment_and_write_a_pdf(make_window, dialogs, qtbot, tmp_path) -> None:
    window = make_window()
    texts = [a.text() for a in window.menu_export.actions()]
    assert any(t.startswith("印刷プレビュー") for t in texts)
    assert any("PDF出力（提出用）" in t for t in texts)
    assert not any("未導入" in t for t in texts)
    assert window.io_actions and not any(a.isEnabled() for a in window.io_actions)

    window, _wizard, _ = new_wizard(make_window, dialogs)
    assert all(a.isEnabled() for a in window.io_actions)
    out = tmp_path / "評価書.pdf"
    dialogs.save_path = out
    submit = next(a for a in window.io_actions if "提出用" in a.text())
    submit.trigger()
    qtbot.waitUntil(lambda: "open_folder" in dialogs.kinds(), timeout=30000)
    assert out.read_bytes().startswith(b"%PDF")
    window.close_assessment()
    assert not any(a.isEnabled() for a in window.io_actions)


def test_the_import_menu_item_imports_a_json_file_and_opens_it(make_window, dialogs, store_path) -> None:
    """ファイル › 取り込み › 前年度の評価書を取り込む…, as the user reaches it."""
    from tests.importers.fake_yearly import FakeYearly

    window = make_window()
    fake = FakeYearly()
    window.yearly.dialogs = fake
    assert [a.text() for a in window.menu_import.actions()] == ["前年度の評価書を取り込む(&P)…"]
    fake.import_path = fixture_path("seed-001")
    window.actions["import"].trigger()
    assert window.session is not None
    aid = window.session.assessment_id
    assert window.home.cell(aid, "評価書名")
    with Store(store_path) as store:
        assert store.load(aid).file_count == 2

    fake.import_path = fixture_path("seed-001").with_suffix(".expected.tsv")  # not an 評価書
    window.actions["import"].trigger()
    assert dialogs.kinds()[-1] == "error" and "seed-001.expected.tsv" in dialogs.asked[-1][1]

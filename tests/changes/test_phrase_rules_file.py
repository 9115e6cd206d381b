"""forms/rules/phrases.yaml (the 提出時期に係る説明 phrases): read through the YAML cache, refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from pia_desktop.changes.phrases import PhraseFileError, load_phrase_rules, rules_path


def test_the_shipped_file_reads() -> None:
    rules = load_phrase_rules()
    assert rules.not_starred == "重要な変更項目でないため" and rules.threshold in rules.texts()
    assert "threshold_result" in rules.threshold_roles


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda t: t.replace("    note:", "    remark:", 1), "「phrases/0/remark」が正しくありません"),
    (lambda t: t.replace("not_starred: not_important", "not_starred: nowhere"), "defaults/not_starred 「nowhere」が phrases にありません"),
    (lambda t: t + "\n  - [\n", "書式が壊れています"),
])
def test_a_broken_file_is_named(tmp_path: Path, edit, expected: str) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "phrases.yaml"
    bad.write_text(edit(rules_path().read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(PhraseFileError, match=expected) as info:
        load_phrase_rules(bad)
    assert str(bad) in str(info.value)

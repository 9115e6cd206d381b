"""The JSON cache of the YAML data files: same data as a fresh parse, rebuilt when damaged or stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.yamlfiles import load_yaml
from pia_desktop.paths import cache_dir
from pia_desktop.resources import forms_dir


@pytest.fixture()
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PIA_DESKTOP_HOME", str(tmp_path / "home"))
    path = tmp_path / "rules.yaml"
    path.write_text("version: 1\nlabel: 十分である\nday: 2025-04-01\nitems: [a, b]\n", encoding="utf-8")
    return path


def _cache_files(name: str) -> list[Path]:
    return sorted(cache_dir().glob(f"{name}-*.json"))


def test_a_hit_returns_what_the_parse_returned(source: Path) -> None:
    first = load_yaml(source, PiaError, "テスト")
    assert first == {"version": 1, "label": "十分である", "day": "2025-04-01", "items": ["a", "b"]}
    assert len(_cache_files("rules")) == 1
    assert load_yaml(source, PiaError, "テスト") == first


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],  # truncated
    lambda b: b.replace("十分".encode(), "不十".encode()),  # still valid JSON, another label
    lambda b: b"",
    lambda b: b"\xff\xfe" + b,
    lambda b: b.split(b"\n", 1)[1],  # the digest line lost
])
def test_a_damaged_cache_is_ignored_and_rebuilt(source: Path, damage) -> None:  # type: ignore[no-untyped-def]
    good = load_yaml(source, PiaError, "テスト")
    (cache,) = _cache_files("rules")
    written = cache.read_bytes()
    cache.write_bytes(damage(written))
    assert load_yaml(source, PiaError, "テスト") == good
    assert cache.read_bytes() == written  # rewritten as it was


def test_an_edited_source_gets_its_own_entry(source: Path) -> None:
    load_yaml(source, PiaError, "テスト")
    source.write_text(source.read_text(encoding="utf-8").replace("十分である", "課題が残されている"), encoding="utf-8")
    assert load_yaml(source, PiaError, "テスト")["label"] == "課題が残されている"
    assert len(_cache_files("rules")) == 2


def test_an_unwritable_cache_folder_only_costs_speed(source: Path) -> None:
    cache_dir().parent.mkdir(parents=True, exist_ok=True)
    cache_dir().write_text("not a folder")  # mkdir and writes fail
    assert load_yaml(source, PiaError, "テスト")["items"] == ["a", "b"]


def test_the_shipped_form_reads_the_same_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIA_DESKTOP_HOME", str(tmp_path))
    form = forms_dir() / "yoshiki3-r0610.yaml"
    fresh = load_yaml(form, PiaError, "様式定義ファイル")
    cached = load_yaml(form, PiaError, "様式定義ファイル")
    assert json.dumps(fresh, ensure_ascii=False) == json.dumps(cached, ensure_ascii=False)

"""The 「提出時期に係る説明」 phrase list and the generator's rule data (forms/rules/phrases.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from pia_desktop.domain.errors import PiaError
from pia_desktop.resources import forms_dir


@dataclass(frozen=True)
class Phrase:
    id: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class PhraseRules:
    version: str
    phrases: tuple[Phrase, ...]
    not_starred: str  # phrase text for a change to an item without ※
    threshold: str  # phrase text for a change following a changed しきい値判断
    threshold_items: frozenset[str]
    threshold_linked_items: frozenset[str]
    not_logged: frozenset[str]

    def texts(self) -> list[str]:
        return [p.text for p in self.phrases]


def rules_path() -> Path:
    return forms_dir() / "rules" / "phrases.yaml"


def load_phrase_rules(path: Path | None = None) -> PhraseRules:
    path = path or rules_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        phrases = tuple(Phrase(str(p["id"]), str(p["text"]), str(p.get("note", ""))) for p in raw["phrases"])
        by_id = {p.id: p.text for p in phrases}
        defaults = raw.get("defaults", {})
        return PhraseRules(
            version=str(raw.get("version", "")),
            phrases=phrases,
            not_starred=by_id[defaults.get("not_starred", "not_important")],
            threshold=by_id[defaults.get("threshold", "threshold")],
            threshold_items=frozenset(raw.get("threshold_items", [])),
            threshold_linked_items=frozenset(raw.get("threshold_linked_items", [])),
            not_logged=frozenset(raw.get("not_logged", [])),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise PiaError(f"説明の定型文ファイル {path} を読み込めません（{exc}）") from exc


@cache
def phrase_rules() -> PhraseRules:
    return load_phrase_rules()

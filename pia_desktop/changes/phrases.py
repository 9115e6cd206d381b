"""The 「提出時期に係る説明」 phrase list and the generator's rule data (forms/rules/phrases.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, Item
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
    threshold_roles: tuple[str, ...]  # roles of the form (form_definition.Roles) whose change is the しきい値's
    threshold_linked_roles: tuple[str, ...]  # … and whose items (with those under them) follow from it
    not_logged_roles: tuple[str, ...]  # dates re-entered with every revision

    def texts(self) -> list[str]:
        return [p.text for p in self.phrases]

    def threshold_items(self, form: FormDefinition) -> frozenset[str]:
        return _role_items(form, self.threshold_roles, below=False)

    def threshold_linked_items(self, form: FormDefinition) -> frozenset[str]:
        return _role_items(form, self.threshold_linked_roles, below=True)

    def not_logged(self, form: FormDefinition) -> frozenset[str]:
        return _role_items(form, self.not_logged_roles, below=False)


def _role_items(form: FormDefinition, roles: tuple[str, ...], *, below: bool) -> frozenset[str]:
    def tree(item: Item) -> list[str]:
        return [item.id] + [i for c in item.children for i in tree(c)]

    ids = [getattr(form.roles, r, None) for r in roles]
    return frozenset(i for item_id in ids if item_id for i in (tree(form.index[item_id]) if below else [item_id]))


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
            threshold_roles=tuple(raw.get("threshold_roles", [])),
            threshold_linked_roles=tuple(raw.get("threshold_linked_roles", [])),
            not_logged_roles=tuple(raw.get("not_logged_roles", [])),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise PiaError(f"説明の定型文ファイル {path} を読み込めません（{exc}）") from exc


@cache
def phrase_rules() -> PhraseRules:
    return load_phrase_rules()

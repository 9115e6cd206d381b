"""The 「提出時期に係る説明」 phrase list and the generator's rule data (forms/rules/phrases.yaml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pia_desktop.domain.conversion import ConversionError, FrozenRecord, convert, error_parts, place
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, Item
from pia_desktop.domain.yamlfiles import load_yaml
from pia_desktop.resources import forms_dir


class PhraseFileError(PiaError):
    """forms/rules/phrases.yaml cannot be read."""


class Phrase(FrozenRecord):
    id: str
    text: str
    note: str = ""


class _Defaults(FrozenRecord):
    not_starred: str = "not_important"
    threshold: str = "threshold"
    citation: str = "legal_formal"


class _PhraseFile(FrozenRecord):
    """The file as written; PhraseRules is what the code uses."""

    version: str = ""
    phrases: tuple[Phrase, ...]
    defaults: _Defaults = _Defaults()
    threshold_roles: tuple[str, ...] = ()
    threshold_linked_roles: tuple[str, ...] = ()
    not_logged_roles: tuple[str, ...] = ()


class PhraseRules(FrozenRecord):
    version: str
    phrases: tuple[Phrase, ...]
    not_starred: str  # phrase text for a change to an item without ※
    threshold: str  # phrase text for a change following a changed しきい値判断
    citation: str  # phrase text for a change that only follows a renumbered statute (citations.yaml)
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
    raw = load_yaml(path, PhraseFileError, "説明の定型文ファイル")
    try:
        data = convert(raw, _PhraseFile)
    except ConversionError as exc:
        msg, loc = error_parts(exc)
        where = place(loc)
        raise PhraseFileError(f"説明の定型文ファイル {path} の{f'「{where}」' if where else ''}が正しくありません: {msg}") from exc
    by_id = {p.id: p.text for p in data.phrases}
    for role in ("not_starred", "threshold", "citation"):
        if getattr(data.defaults, role) not in by_id:
            raise PhraseFileError(f"説明の定型文ファイル {path} の defaults/{role} 「{getattr(data.defaults, role)}」が phrases にありません")
    return PhraseRules(
        version=data.version,
        phrases=data.phrases,
        not_starred=by_id[data.defaults.not_starred],
        threshold=by_id[data.defaults.threshold],
        citation=by_id[data.defaults.citation],
        threshold_roles=data.threshold_roles,
        threshold_linked_roles=data.threshold_linked_roles,
        not_logged_roles=data.not_logged_roles,
    )


@cache
def phrase_rules() -> PhraseRules:
    return load_phrase_rules()

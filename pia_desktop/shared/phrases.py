"""定型文: the phrase library offered in every textarea.

The shipped entries are rule data (forms/rules/phrases-library.yaml); the user's own are kept in
the store. ``search`` matches every typed word against title, tags and text, ignoring full/half
width and case.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field

from pia_desktop.domain.conversion import ConversionError, Record, convert, error_parts, place
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.yamlfiles import load_yaml
from pia_desktop.resources import forms_dir
from pia_desktop.storage.store import Store


class PhraseLibraryError(PiaError):
    """forms/rules/phrases-library.yaml cannot be read."""


_NonEmpty = Annotated[str, Field(min_length=1)]


class _Entry(Record):
    id: _NonEmpty
    title: _NonEmpty
    tags: list[str] = []
    text: _NonEmpty


class _Library(Record):
    version: int = 1
    phrases: list[_Entry]


@dataclass(frozen=True)
class Phrase:
    key: str  # "std:<id>" for a shipped entry, "user:<n>" for the user's own
    title: str
    text: str
    tags: tuple[str, ...] = ()
    user_id: int | None = None  # the store's id of a user phrase

    @property
    def standard(self) -> bool:
        return self.user_id is None

    def haystack(self) -> str:
        return fold(" ".join((self.title, *self.tags, self.text)))


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def library_path():  # type: ignore[no-untyped-def]
    return forms_dir() / "rules" / "phrases-library.yaml"


@functools.cache
def standard_phrases() -> tuple[Phrase, ...]:
    path = library_path()
    raw = load_yaml(path, PhraseLibraryError, "定型文のファイル")
    try:
        lib = convert(raw, _Library)
    except ConversionError as exc:
        msg, loc = error_parts(exc)
        where = f"の「{place(loc)}」" if loc else ""
        raise PhraseLibraryError(f"定型文のファイル {path} {where}が正しくありません: {msg}") from exc
    return tuple(Phrase(f"std:{e.id}", e.title, e.text.rstrip("\n"), tuple(e.tags)) for e in lib.phrases)


def all_phrases(store: Store | None) -> list[Phrase]:
    """The shipped entries, then the user's (a broken library file leaves the user's)."""
    try:
        out = list(standard_phrases())
    except PhraseLibraryError:
        out = []
    if store is not None:
        out += [Phrase(f"user:{p.id}", p.title, p.text, tuple(t for t in p.tags.split() if t), p.id) for p in store.phrases()]
    return out


def search(phrases: Iterable[Phrase], query: str) -> list[Phrase]:
    words = fold(query).split()
    return [p for p in phrases if all(w in p.haystack() for w in words)]


def insert_at(text: str, position: int, phrase: str) -> tuple[str, int]:
    """``phrase`` inserted at ``position`` on a line of its own; returns the text and the new cursor."""
    position = max(0, min(position, len(text)))
    before, after = text[:position], text[position:]
    lead = "\n" if before and not before.endswith("\n") else ""
    trail = "\n" if after and not after.startswith("\n") else ""
    inserted = lead + phrase + trail
    return before + inserted + after, len(before) + len(lead) + len(phrase)

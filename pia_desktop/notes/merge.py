"""Merging a note that arrived in a notes file into the store's copy of it.

The copy whose revisions include all of the other's is the newer one and wins. When both sides changed
the same note since they last met, their answers are kept together (answers are only ever added); if the
state or the text differ too, the store keeps its own version and the other one beside it as a conflict,
shown to the user until one of them acts on the note. Importing the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pia_desktop.domain.conversion import replace
from pia_desktop.notes.model import Answer, Note, _rev, now

Outcome = Literal["added", "updated", "unchanged", "merged", "conflict"]


@dataclass
class StoredNote:
    note: Note
    conflicts: list[Note] = field(default_factory=list)  # other versions of the note that arrived diverged
    reported: str | None = None  # the item's value in the other store, as its last notes file said


def _answers(*notes: Note) -> list[Answer]:
    seen: dict[tuple[str, str, str], Answer] = {}
    for ans in (a for n in notes for a in n.answers):
        seen.setdefault((ans.at, ans.by, ans.text), ans)
    return sorted(seen.values(), key=lambda x: x.at)


def _revs(*notes: Note) -> list[str]:
    out: list[str] = []
    for n in notes:
        out += [r for r in n.revs if r not in out]
    return out


def merge(local: StoredNote | None, incoming: Note) -> tuple[StoredNote, Outcome]:
    if local is None:
        return StoredNote(incoming), "added"
    mine, theirs = set(local.note.revs), set(incoming.revs)
    if theirs <= mine or any(theirs <= set(c.revs) for c in local.conflicts):
        return local, "unchanged"
    if mine <= theirs and not local.conflicts:
        return StoredNote(incoming, reported=local.reported), "updated"
    if local.note.state == incoming.state and local.note.text == incoming.text and local.note.kind == incoming.kind:
        # Only answers were added on both sides: keep them all, in time order, as one new revision.
        merged = replace(
            local.note, answers=_answers(local.note, incoming), revs=[*_revs(local.note, incoming), _rev()],
            updated_at=max(local.note.updated_at, incoming.updated_at),
        )
        return StoredNote(merged, local.conflicts, local.reported), "merged"
    return StoredNote(local.note, [*local.conflicts, incoming], local.reported), "conflict"


def resolve(stored: StoredNote, chosen: Note | None = None, by: str = "") -> Note:
    """One version of a conflicted note (the store's own when ``chosen`` is None) as a new revision that
    descends from every version, so no older copy can bring the conflict back."""
    base = chosen or stored.note
    every = [stored.note, *stored.conflicts]
    return replace(
        base, answers=_answers(base, *every),
        revs=[*_revs(*every), _rev()], updated_at=now(), updated_by=by,
    )

"""Proposed (別添２)変更箇所 rows, what the user may do with them, and adding them to a document.

Rows are plain values: editing returns a new row, merging returns one row for several. Kept rows
are appended after the document's existing 変更箇所 history, which is never rewritten.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal

from pia_desktop.domain.document import Document
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import load_form
from pia_desktop.domain.wareki import normalize_wareki

Timing = Literal["事前", "事後"]
Kind = Literal["changed", "added", "removed"]
COLUMNS = ("changed_on", "item", "before", "after", "timing", "reason")


def row_group(form_id: str) -> str:
    """The 変更箇所 row group of the form ("annex2.row"), from the form's roles."""
    group = load_form(form_id).changes_rows
    if group is None:
        raise PiaError(f"様式「{form_id}」には変更箇所の欄がありません")
    return group


@dataclass(frozen=True)
class ChangeRow:
    changed_on: str  # 変更日 (和暦)
    item: str  # 項目, as the form prints the path
    before: str  # 変更前の記載
    after: str  # 変更後の記載
    timing: Timing  # 提出時期
    reason: str  # 提出時期に係る説明 (blank for 事前)
    addresses: tuple[str, ...] = field(default=(), compare=False)  # where the change is, for jumping to it
    kind: Kind = "changed"
    starred: bool = False  # a ※ item (candidate 重要な変更)

    def to_data(self) -> dict[str, str]:
        return {c: getattr(self, c) for c in COLUMNS}


def edit_row(row: ChangeRow, **changes: str) -> ChangeRow:
    """The row with some columns replaced; switching to 事前 clears the explanation."""
    unknown = set(changes) - set(COLUMNS)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    if changes.get("timing") not in (None, "事前", "事後"):
        raise ValueError(f"提出時期は「事前」か「事後」です: {changes['timing']}")
    new = dataclasses.replace(row, **changes)  # type: ignore[arg-type]
    if new.timing == "事前" and "reason" not in changes:
        new = dataclasses.replace(new, reason="")
    return new


def _common_item(items: list[str]) -> str:
    if len(set(items)) == 1:
        return items[0]
    words = [i.split(" ") for i in items]
    common: list[str] = []
    for parts in zip(*words, strict=False):
        if len(set(parts)) != 1:
            break
        common.append(parts[0])
    return " ".join(common) if len(common) >= 2 else "／".join(dict.fromkeys(items))


def merge_rows(rows: list[ChangeRow]) -> ChangeRow:
    """One row for several changes: 事前 when any of them is, texts joined line by line."""
    if not rows:
        raise ValueError("結合する行がありません")
    if len(rows) == 1:
        return rows[0]
    timing: Timing = "事前" if any(r.timing == "事前" for r in rows) else "事後"
    reason = "" if timing == "事前" else next((r.reason for r in rows if r.reason), "")
    return ChangeRow(
        changed_on=rows[0].changed_on,
        item=_common_item([r.item for r in rows]),
        before="\n".join(r.before for r in rows if r.before),
        after="\n".join(r.after for r in rows if r.after),
        timing=timing,
        reason=reason,
        addresses=tuple(a for r in rows for a in r.addresses),
        kind=rows[0].kind if len({r.kind for r in rows}) == 1 else "changed",
        starred=any(r.starred for r in rows),
    )


def drop_rows(rows: list[ChangeRow], indices: set[int]) -> list[ChangeRow]:
    return [r for i, r in enumerate(rows) if i not in indices]


def merge_at(rows: list[ChangeRow], indices: list[int]) -> list[ChangeRow]:
    """The list with the rows at ``indices`` merged into one, at the first one's place."""
    chosen = sorted(set(indices))
    if len(chosen) < 2:
        return list(rows)
    merged = merge_rows([rows[i] for i in chosen])
    out = []
    for i, r in enumerate(rows):
        if i == chosen[0]:
            out.append(merged)
        elif i not in chosen:
            out.append(r)
    return out


def append_rows(doc: Document, rows: list[ChangeRow]) -> Document:
    """A copy of ``doc`` with ``rows`` added after its existing (別添２) rows."""
    new = doc.copy()
    add_rows(new, rows)
    return new


def add_rows(new: Document, rows: list[ChangeRow]) -> None:
    """Add ``rows`` after the existing (別添２) rows of ``new`` (in place; old rows untouched)."""
    group = row_group(new.form_id)
    for row in rows:
        n = new.add_entry(group)
        base = f"{group}[{n}]"
        date = normalize_wareki(row.changed_on) or row.changed_on
        new.set(f"{base}.henko_bi", date)
        new.set(f"{base}.komoku", row.item)
        new.set(f"{base}.mae", row.before)
        new.set(f"{base}.ato", row.after)
        new.set(f"{base}.jiki", row.timing)
        new.set(f"{base}.setsumei", "" if row.timing == "事前" else row.reason)


def existing_rows(doc: Document) -> list[ChangeRow]:
    """The document's (別添２) rows as ChangeRows (for display and lint)."""
    out = []
    group = row_group(doc.form_id)
    for n in range(1, doc.count(group) + 1):
        base = f"{group}[{n}]"

        def text(col: str, base: str = base) -> str:
            v = doc.get(f"{base}.{col}")
            return v if isinstance(v, str) else ""

        timing = text("jiki")
        out.append(ChangeRow(text("henko_bi"), text("komoku"), text("mae"), text("ato"),
                             timing if timing in ("事前", "事後") else "事後", text("setsumei"), (base,)))
    return out

"""The home list's order, in plain Python: the 評価書 of one 事務 stay together whatever the column, and
the order shown is kept across refreshes until the user clicks a header.

- A 事務 sorts by one of its members: the smallest key ascending, the largest descending. Two 事務 with
  the same key: the one made first (smallest id) comes first, in either order.
- Inside a 事務: the newest 年度 first, then 基礎, 重点, 全項目 (``ListRow.rank``), in either order.
- While an order is kept, each 事務 goes back where it was shown; 事務 new since then come first, in the
  chosen order among themselves.

One sort with a key, instead of Qt asking Python ``lessThan`` ten thousand times for a city's thousand rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from pia_desktop.ui.home.list_rows import ListRow


@dataclass(frozen=True)
class SortBy:
    column: int
    descending: bool


def kept_positions(rows: list[ListRow]) -> dict[str, int]:
    """Where each 事務 is shown now (its first row), for the next refresh to put it back there."""
    positions: dict[str, int] = {}
    for i, row in enumerate(rows):
        positions.setdefault(row.group, i)
    return positions


def ordered(rows: list[ListRow], by: SortBy, kept: dict[str, int] | None = None) -> list[ListRow]:
    """The rows top to bottom. ``kept``: the positions of a kept order (``kept_positions``), if any."""
    column = by.column
    members: dict[str, list[ListRow]] = {}
    for row in rows:
        members.setdefault(row.group, []).append(row)
    group_key: dict[str, object] = {}
    first_id: dict[str, int] = {}
    for group, rows_of in members.items():
        keys = [r.keys[column] for r in rows_of] if 0 <= column < len(rows_of[0].keys) else [0]
        try:
            group_key[group] = max(keys) if by.descending else min(keys)  # type: ignore[type-var]
        except TypeError:  # keys of mixed types: the first one stands for the 事務
            group_key[group] = keys[0]
        first_id[group] = min(r.aid for r in rows_of)
    groups = sorted(members, key=lambda g: first_id[g])  # equal keys: the 事務 made first comes first
    try:
        groups.sort(key=lambda g: group_key[g], reverse=by.descending)  # type: ignore[arg-type, return-value]
    except TypeError:
        groups.sort(key=lambda g: str(group_key[g]), reverse=by.descending)
    if kept is not None:
        groups.sort(key=lambda g: kept.get(g, -1))  # stable: new 事務 (-1) first, in the order just made
    return [row for group in groups for row in sorted(members[group], key=lambda r: r.rank)]

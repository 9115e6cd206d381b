"""Rows from a page without ruled tables: text lines split into a label column and value cells.

A form printed as label │ value puts a long value's label in the vertical middle of the value
(spreadsheets centre labels), or at its top (most PDF writers). So value lines are given to labels
like this: lines above a label that no earlier label claimed belong to it, and it claims as many
lines below as it had above; a label with nothing above it (top-aligned) claims everything down to
the next label.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pia_desktop.importers.line_breaks import starts_new_line
from pia_desktop.importers.source import SourceRow

Char = dict[str, Any]


@dataclass
class _TLine:
    top: float
    chars: list[Char]
    label: str = ""
    values: list[tuple[float, str]] = field(default_factory=list)  # (x0, text) pieces right of the label column


def _lines(chars: list[Char]) -> list[list[Char]]:
    chars = sorted((c for c in chars if c["text"].strip()), key=lambda c: (round(c["top"], 1), c["x0"]))
    lines: list[list[Char]] = []
    for ch in chars:
        if lines and abs(ch["top"] - lines[-1][0]["top"]) <= max(ch["size"], lines[-1][0]["size"]) * 0.5:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def _merge_wrapped(lines: list[list[Char]]) -> list[list[Char]]:
    """Join a line that reaches the right edge with the next one starting at the same place."""
    if not lines:
        return lines
    right = max(line[-1]["x1"] for line in lines)
    out: list[list[Char]] = []
    for line in lines:
        if out:
            prev = out[-1]
            size = prev[-1]["size"]
            if (prev[-1]["x1"] >= right - max(3.2 * size, 6.0) and abs(line[0]["x0"] - prev[0]["x0"]) < 3
                    and len(_pieces(prev, 2.0)) == 1 and len(_pieces(line, 2.0)) == 1
                    and line[0]["top"] - prev[-1]["bottom"] < size
                    and not starts_new_line(_text(prev), _text(line))):
                prev.extend(line)
                continue
        out.append(list(line))
    return out


def _pieces(chars: list[Char], gap_factor: float) -> list[list[Char]]:
    pieces: list[list[Char]] = []
    for ch in chars:
        if pieces and ch["x0"] - pieces[-1][-1]["x1"] <= ch["size"] * gap_factor:
            pieces[-1].append(ch)
        else:
            pieces.append([ch])
    return pieces


def _text(chars: list[Char]) -> str:
    out = ""
    prev = None
    for ch in chars:
        if prev is not None and ch["x0"] - prev["x1"] > ch["size"] * 0.35:
            out += " "
        out += ch["text"]
        prev = ch
    return out.strip()


def rows_from_chars(chars: list[Char], number: int) -> list[tuple[float, SourceRow]]:
    """Rows (with their top) from characters that lie outside any ruled table."""
    raw_lines = _merge_wrapped(_lines(chars))
    if not raw_lines:
        return []
    margin = min(line[0]["x0"] for line in raw_lines)
    # The value column starts where most second pieces start.
    starts: Counter[int] = Counter()
    for line in raw_lines:
        for piece in _pieces(line, 1.0)[1:]:
            if piece[0]["x0"] > margin + 30:
                starts[round(piece[0]["x0"] / 4)] += 1
        if line[0]["x0"] > margin + 30:
            starts[round(line[0]["x0"] / 4)] += 1
    value_x = min((k * 4 for k, n in starts.items() if n >= 2), default=None)
    where = f"p.{number}"
    tlines: list[_TLine] = []
    for line in raw_lines:
        t = _TLine(line[0]["top"], line)
        left = [c for c in line if value_x is None or c["x0"] < value_x - 2]
        right = [c for c in line if value_x is not None and c["x0"] >= value_x - 2]
        if left and right and right[0]["x0"] - left[-1]["x1"] < left[-1]["size"] * 0.6:
            left, right = line, []  # text running across the column edge: one full-width line
        t.label = _text(left)
        for piece in _pieces(right, 2.0):
            t.values.append((piece[0]["x0"], _text(piece)))
        tlines.append(t)
    rows: list[tuple[float, SourceRow]] = []
    for group in _row_groups(tlines):
        labelled = [t for t in group if t.label]
        if len(labelled) == 1 and any(t.values for t in group):
            values = [v for t in group for v in t.values]
            rows.append((group[0].top, SourceRow((labelled[0].label, *_columns(values)), where, loose=True)))
        else:
            rows.extend(_assign(group, where))
    return rows


def _row_groups(lines: list[_TLine]) -> list[list[_TLine]]:
    """Lines split where the gap is wider than the usual line pitch: the rows of an unruled table."""
    if len(lines) < 3:
        return [lines]
    steps = sorted(b.top - a.top for a, b in itertools.pairwise(lines) if b.top > a.top)
    if not steps:
        return [lines]
    pitch = steps[len(steps) // 4]  # the tight spacing inside a cell, not the spacing between rows
    groups: list[list[_TLine]] = [[lines[0]]]
    for a, b in itertools.pairwise(lines):
        if b.top - a.top > pitch * 1.2:
            groups.append([b])
        else:
            groups[-1].append(b)
    return groups


def _is_value_only(line: _TLine | None) -> bool:
    return line is not None and not line.label and bool(line.values)


def _assign(lines: list[_TLine], where: str) -> list[tuple[float, SourceRow]]:
    """Give value-only lines to the label lines around them (see module docstring)."""
    rows: list[tuple[float, SourceRow]] = []
    pending: list[_TLine] = []  # value-only lines not yet claimed
    current: _TLine | None = None  # the last label line with values
    current_values: list[tuple[float, str]] = []
    claim = 0  # how many more lines below the current label it claims (-1: all)

    def flush() -> None:
        nonlocal current, current_values
        if current is not None:
            rows.append((current.top, SourceRow((current.label, *_columns(current_values)), where, loose=True)))
        current, current_values = None, []

    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if not line.label:
            if current is not None and claim != 0:
                current_values.extend(line.values)
                claim -= 1 if claim > 0 else 0
            else:
                pending.append(line)
            continue
        if not line.values and not pending:
            flush()
            rows.append((line.top, SourceRow((line.label,), where, loose=True)))
            continue
        flush()
        above = [v for p in pending for v in p.values]
        if not line.values and (pending or _is_value_only(nxt)) and _is_value_only(nxt):
            # A label printed between its value lines (centred in a cell of even height).
            current = line
            current_values = above
            claim = len(pending) if pending else -1
            pending = []
            continue
        if not line.values and pending:
            # A full-width line with loose value lines before it: those continue the row above.
            rows.extend((p.top, SourceRow(("", *[v for _, v in p.values]), where, loose=True)) for p in pending)
            pending = []
            rows.append((line.top, SourceRow((line.label,), where, loose=True)))
            continue
        current = line
        current_values = above + line.values
        claim = len(pending) if pending else -1
        pending = []
    flush()
    rows.extend((p.top, SourceRow(("", *[v for _, v in p.values]), where, loose=True)) for p in pending)
    return rows


def _columns(values: list[tuple[float, str]]) -> list[str]:
    """Value pieces grouped into columns by their left edge, each column's lines joined."""
    columns: list[tuple[float, list[str]]] = []
    for x0, text in values:
        for col in columns:
            if abs(col[0] - x0) < 12:
                col[1].append(text)
                break
        else:
            columns.append((x0, [text]))
    columns.sort(key=lambda c: c[0])
    return ["\n".join(texts) for _, texts in columns]

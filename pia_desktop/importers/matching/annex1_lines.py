"""(別添1) 特定個人情報ファイル記録項目: which lines are group headings and which are record items.

Municipalities mark group headings in many ways (【識別情報】, ＜宛名＞, ◆宛名, (1) 宛名, ・宛名 or no
mark at all) and list the items as "1.個人番号,2.宛名番号", "・宛名番号 ・カナ氏名", one per line or
separated by 、. Nothing here expects one style: the lines of one file are read together, the way
the items are written is taken from the lines themselves (the most common style), and a short line
is a heading when it is enclosed or marked (【】 ＜＞ ◆ ■ …), or when it is written unlike the items
around it and a list follows. A line that could be either is read by its position and marked for
review, so a heading is never glued into the group before it without a word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pia_desktop.importers.folding import fold
from pia_desktop.importers.report import Fragment

_FILE = re.compile(r"^\s*(?:[（(]\s*(\d{1,2})\s*[）)]|([⑴-⒇]))\s*(\S.*)$")
_ENCLOSED = re.compile(r"^\s*(【[^】]{1,40}】|[<＜〈《][^>＞〉》]{1,40}[>＞〉》]|\[[^\]]{1,40}\]|［[^］]{1,40}］|〔[^〕]{1,40}〕|「[^」]{1,40}」)")
_SYMBOL = re.compile(r"^\s*([◆◇■□●○◎▼▽▲△★☆▶▷])\s*")
_NUMBERS = (
    ("paren", re.compile(r"^\s*[（(]\s*\d{1,2}\s*[）)]\s*")),
    ("circled", re.compile(r"^\s*[①-⑳⑴-⒇]\s*")),
    ("dot", re.compile(r"^\s*\d{1,3}\s*[.．]\s*(?!\d)")),
    ("close", re.compile(r"^\s*\d{1,3}\s*[)）:：]\s*")),
    ("kanji", re.compile(r"^\s*第?[一二三四五六七八九十]{1,3}\s*[.．、]\s*")),
)
_BULLET = re.compile(r"^\s*[・･‐\-－—*＊]\s*")
_SPLIT = re.compile(r"[、,，;；/／]|\s*[・･]\s*|\s+|\d{1,3}\s*[.．](?!\d)")
_LABEL_SEP = re.compile(r"^(?P<head>[^：:、,，・･\s]{1,20})\s*[：:]\s*(?P<rest>\S.*)$")
_CONTINUED = re.compile(r"[（(]?\s*(続き|つづき|続)\s*[）)]?\s*$")
MAX_HEADING = 30  # folded characters of a heading's own text
Kind = Literal["file", "heading", "items", "continued"]


@dataclass
class Annex1Unit:
    """One cell of a (別添1) row."""

    text: str
    where: str
    frag: Fragment
    cell: int = 0
    cells: int = 1
    row: int = 0


@dataclass
class Step:
    kind: Kind
    units: list[Annex1Unit]  # the cells the step's text came from (none: a file number from a heading)
    text: str = ""
    file: int = 0
    note: str = ""


@dataclass
class _Line:
    unit: Annex1Unit
    text: str
    style: str  # "enclosed:【" | "symbol:◆" | "num:dot" | "bullet" | "plain"
    core: str  # the text without its mark
    items: int  # how many record items the line lists


def _style(line: str) -> tuple[str, str]:
    m = _ENCLOSED.match(line)
    if m:
        rest = line[m.end():].strip()
        return f"enclosed:{m.group(1)[0]}", m.group(1)[1:-1].strip() + (" " + rest if rest else "")
    m = _SYMBOL.match(line)
    if m:
        return f"symbol:{m.group(1)}", line[m.end():].strip()
    for name, pattern in _NUMBERS:
        m = pattern.match(line)
        if m and line[m.end():].strip():
            return f"num:{name}", line[m.end():].strip()
    m = _BULLET.match(line)
    if m and line[m.end():].strip():
        return "bullet", line[m.end():].strip()
    return "plain", line.strip()


def count_items(text: str) -> int:
    return len([p for p in _SPLIT.split(text) if p and p.strip() and fold(p)])


def _heading_shaped(line: _Line) -> bool:
    core = fold(_CONTINUED.sub("", line.core))
    return 0 < len(core) <= MAX_HEADING and line.items <= 1 and not core.endswith("。") and "別添" not in core


def _marked(line: _Line) -> bool:
    return line.style.startswith(("enclosed", "symbol"))


def _lines(unit: Annex1Unit) -> list[_Line]:
    out = []
    for raw in unit.text.split("\n"):
        text = raw.strip()
        if not text:
            continue
        style, core = _style(text)
        if style.startswith("enclosed") and " " in core and _ENCLOSED.match(text):
            # "【識別情報】1.個人番号,2.宛名番号": the heading and its items on one line
            m = _ENCLOSED.match(text)
            assert m is not None
            head, rest = m.group(1), text[m.end():].strip()
            out.append(_Line(unit, head, style, head[1:-1].strip(), 1))
            out.append(_Line(unit, rest, _style(rest)[0], _style(rest)[1], max(1, count_items(_style(rest)[1]))))
            continue
        m = _LABEL_SEP.match(text)
        if m and style in ("plain", "symbol:◆") and count_items(m.group("rest")) >= 2:
            # "宛名：宛名番号、カナ氏名": a heading before a colon
            head = m.group("head")
            out.append(_Line(unit, text[: text.index(m.group("rest"))].strip(), "plain:colon", head, 1))
            rest = m.group("rest")
            out.append(_Line(unit, rest, _style(rest)[0], _style(rest)[1], count_items(_style(rest)[1])))
            continue
        out.append(_Line(unit, text, style, core, count_items(core)))
    return out


def _file_number(unit: Annex1Unit) -> int | None:
    first = unit.text.strip()
    m = _FILE.match(first)
    if unit.cells == 1 and m and len(first) <= 80 and first.endswith("ファイル") and "\n" not in first:
        return int(m.group(1)) if m.group(1) else ord(m.group(2)) - ord("⑴") + 1
    return None


def classify_annex1(units: Sequence[Annex1Unit | int]) -> list[Step]:
    """The steps to take for the (別添1) cells of one section, in order."""
    steps: list[Step] = []
    block: list[Annex1Unit] = []
    for u in units:
        if isinstance(u, int):
            steps += _block(block)
            block = []
            steps.append(Step("file", [], file=u))
            continue
        n = _file_number(u)
        if n is not None:
            steps += _block(block)
            block = []
            steps.append(Step("file", [u], u.text.strip(), file=n))
            continue
        block.append(u)
    steps += _block(block)
    return steps


def _block(units: list[Annex1Unit]) -> list[Step]:
    lines = [ln for u in units for ln in _lines(u)]
    if not lines:
        return []
    # how the items are written: from the lines that list several items, else from all unmarked lines
    lists = [ln for ln in lines if not _heading_shaped(ln) and ln.style != "plain:colon"]
    styles = Counter(ln.style for ln in lists or lines if not (_marked(ln) and _heading_shaped(ln)) and ln.style != "plain:colon")
    item_style = styles.most_common(1)[0][0] if styles else ""
    any_marked = any(_marked(ln) and _heading_shaped(ln) for ln in lines)
    kinds: list[tuple[Kind, str]] = []
    for i, ln in enumerate(lines):
        prev = lines[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if ln.style == "plain:colon" or (_marked(ln) and _heading_shaped(ln)):
            kinds.append(("heading", ""))
            continue
        if not _heading_shaped(ln):
            kinds.append(("items", ""))
            continue
        list_follows = nxt is not None and not (_marked(nxt) and _heading_shaped(nxt))
        if ln.style != item_style and list_follows:
            note = "見出しの記号（【】など）がない行を、前後の記録項目と書き方が異なるため見出しとしました" if any_marked else ""
            kinds.append(("heading", note))
            continue
        if ln.style == item_style and list_follows and nxt is not None and not _heading_shaped(nxt) \
                and not (prev is not None and prev.text.rstrip().endswith(("、", ",", "，", "・"))) \
                and (prev is None or kinds[-1][0] != "heading"):
            kinds.append(("heading", "見出しか記録項目か判別できないため、続く一覧の見出しとしました"))
            continue
        kinds.append(("items", ""))
    steps: list[Step] = []
    heading = ""
    for ln, (kind, note) in zip(lines, kinds, strict=True):
        if kind == "heading":
            core = fold(_CONTINUED.sub("", ln.core))
            if heading and core == heading and _CONTINUED.search(ln.core):
                steps.append(Step("continued", [ln.unit], ln.text))
                continue
            heading = core
            steps.append(Step("heading", [ln.unit], ln.text, note=note))
            continue
        last = steps[-1] if steps else None
        if last is not None and last.kind == "items" and last.units and not note:
            if last.units[-1] is ln.unit:
                last.text += "\n" + ln.text
                continue
            if last.units[-1].row == ln.unit.row:
                last.text += " " + ln.text  # cells side by side on one row
                last.units.append(ln.unit)
                continue
        steps.append(Step("items", [ln.unit], ln.text, note=note))
    return steps

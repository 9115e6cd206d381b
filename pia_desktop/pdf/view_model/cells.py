"""What a value cell holds (text, a choice with its options, a grid of check boxes), filled from the answers.

Answers are read as printed (``PrintedValues``): an item that does not apply prints empty, and in the 公表用
variant an item marked 非公表 prints "（非公表）".
"""

from __future__ import annotations

from dataclasses import dataclass

from pia_desktop.domain.conditions import not_applicable_reason
from pia_desktop.domain.document import CheckValue, Document, Value
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType

CHECKED = "[ ○ ]"
UNCHECKED = "[ 　 ]"
NON_PUBLIC = "（非公表）"
CHOICE_CAPTION = "＜選択肢＞"
EMPTY_CHOICE = "[ 　　　　 ]"


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    min_lines: int = 0  # cover boxes keep their height when empty


@dataclass(frozen=True, slots=True)
class Choice:
    value: str  # "[ 十分である ]" or EMPTY_CHOICE
    options: tuple[tuple[str, ...], ...]  # the numbered options, row by row as the form prints them
    suffix: str = ""  # "（ 1 ）　件" after the options


@dataclass(frozen=True, slots=True)
class CheckRow:
    cells: tuple[str, ...]
    caption: bool = False  # "・識別情報": a heading inside the grid
    span: bool = False  # one cell across the whole grid ("その他 （ … ）")


@dataclass(frozen=True, slots=True)
class CheckGrid:
    rows: tuple[CheckRow, ...]
    columns: int


Content = Text | Choice | CheckGrid


class PrintedValues:
    """Reads answers for printing: not-applicable items read as empty, 非公表 ones as a marker."""

    def __init__(self, form: FormDefinition, doc: Document, public: bool) -> None:
        self.form = form
        self.doc = doc
        self.hidden = frozenset(doc.non_public) if public else frozenset()

    def get(self, address: str) -> Value | None:
        value = self.doc.get(address)
        if value is None:
            return None
        if not_applicable_reason(self.form, self.doc, address) is not None:
            return None
        return value

    def is_hidden(self, address: str) -> bool:
        return address in self.hidden and self.doc.get(address) is not None

    def text(self, address: str) -> str:
        if self.is_hidden(address):
            return NON_PUBLIC
        value = self.get(address)
        return value if isinstance(value, str) else ""


def choice_content(item: Item, value: str, *, hidden: bool = False) -> Choice:
    cols = max(1, item.columns or 2)
    printed = [o.printed for o in item.options]
    grid = tuple(tuple(printed[i : i + cols]) for i in range(0, len(printed), cols))
    shown = NON_PUBLIC if hidden else value
    return Choice(f"[ {shown} ]" if shown else EMPTY_CHOICE, grid)


def check_cell(option_text: str, ticked: bool, detail: str | None, count: bool) -> str:
    mark = CHECKED if ticked else UNCHECKED
    cell = f"{mark} {option_text}"
    if detail is not None:
        inner = detail.strip() or "　"
        cell += f" （ {inner} ）" + (" 件" if count else "")
    return cell


def check_grid(item: Item, value: CheckValue | None) -> CheckGrid:
    cols = max(1, item.columns or 1)
    checked = set(value.checked) if value else set()
    details = value.details if value else {}
    rows: list[CheckRow] = []
    pending: list[str] = []
    group: str | None = None

    def flush() -> None:
        while pending:
            rows.append(CheckRow(tuple(pending[:cols])))
            del pending[:cols]

    for opt in item.options:
        if opt.group != group:
            flush()
            group = opt.group
            if group:
                rows.append(CheckRow((group,), caption=True, span=True))
        has_box_text = opt.free_text or opt.count
        detail = details.get(opt.text, "") if has_box_text else None
        cell = check_cell(opt.text, opt.text in checked, detail, opt.count)
        if opt.free_text:  # "その他 （ … ）" takes a row of its own, as on the form
            flush()
            rows.append(CheckRow((cell,), span=True))
        else:
            pending.append(cell)
    flush()
    return CheckGrid(tuple(rows), cols)


def checkbox_text(item: Item, ticked: bool) -> str:
    return f"{CHECKED if ticked else UNCHECKED} {item.label}"


def content_for(item: Item, address: str, values: PrintedValues) -> Content:
    if item.type == ItemType.FIXED:
        fixed = item.fixed_value
        return Text("\n".join(fixed) if isinstance(fixed, list) else fixed or "")
    hidden = values.is_hidden(address)
    if item.type == ItemType.CHOICE:
        value = values.get(address)
        return choice_content(item, value if isinstance(value, str) else "", hidden=hidden)
    if hidden:
        return Text(NON_PUBLIC)
    if item.type == ItemType.CHECKS:
        value = values.get(address)
        return check_grid(item, value if isinstance(value, CheckValue) else None)
    return Text(values.text(address))

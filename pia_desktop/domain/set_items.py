"""The items the 評価書 of one 事務 state in common (forms/mappings/set-shared-items.yaml), and how to
compare and copy their values between forms.

A row names one fact (評価実施機関名, 公表日, 請求先 …) and its item in each form that has it. ``match:
bracket`` rows hold a 人数 bracket whose option texts differ between the forms (基礎 「1,000人未満（任意実施）」,
重点 「1,000人未満」): they are compared, and copied, by the range they stand for.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pia_desktop.domain.brackets import parse_bracket
from pia_desktop.domain.conversion import ConversionError, FrozenRecord, convert, error_parts, place
from pia_desktop.domain.document import CheckValue, Value, is_empty
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import FormDefinition, ItemType, available_forms, load_form
from pia_desktop.domain.yamlfiles import load_yaml
from pia_desktop.resources import forms_dir

TABLE_NAME = "set-shared-items.yaml"
WHAT = "事務の評価書の共通項目の対応表"


class SetTableError(PiaError):
    """forms/mappings/set-shared-items.yaml cannot be read or names items the forms do not have."""


class SharedItem(FrozenRecord):
    name: str
    items: dict[str, str]  # form id → item id
    match: Literal["text", "bracket"] = "text"

    def item_in(self, form_id: str) -> str | None:
        return self.items.get(form_id)


class SubmittedOption(FrozenRecord):
    kinds: tuple[str, ...]
    text: str


class Submitted(FrozenRecord):
    """基礎 Ⅳ１ 提出する特定個人情報保護評価書の種類: which option the set's kinds call for."""

    form: str
    item: str
    options: tuple[SubmittedOption, ...]

    def text_for(self, kinds: set[str] | frozenset[str]) -> str | None:
        return next((o.text for o in self.options if set(o.kinds) == set(kinds)), None)


class SetTable(FrozenRecord):
    version: str
    items: tuple[SharedItem, ...]
    submitted: Submitted | None = None

    def rows_for(self, form_a: str, form_b: str) -> list[tuple[SharedItem, str, str]]:
        """(row, item in a, item in b) for the facts both forms state."""
        return [(r, r.items[form_a], r.items[form_b]) for r in self.items if form_a in r.items and form_b in r.items]

    def row_at(self, form_id: str, address: str) -> SharedItem | None:
        return next((r for r in self.items if r.items.get(form_id) == address), None)


def table_path() -> Path:
    return forms_dir() / "mappings" / TABLE_NAME


def load_set_table(path: Path | None = None) -> SetTable:
    """The table, checked against the forms that are installed (a form not installed is skipped)."""
    path = path or table_path()
    raw = load_yaml(path, SetTableError, WHAT)
    try:
        table = convert(raw, SetTable)
    except ConversionError as exc:
        msg, loc = error_parts(exc)
        where = place(loc)
        raise SetTableError(f"{WHAT} {path} の{f'「{where}」' if where else ''}が正しくありません: {msg}") from exc
    problems = table_problems(table)
    if problems:
        raise SetTableError(f"{WHAT} {path} に誤りがあります: " + "／".join(problems))
    return table


@cache
def set_table() -> SetTable:
    return load_set_table()


# -- checking the table against the forms ---------------------------------------------------------------

_ONE_VALUE = (ItemType.TEXT, ItemType.TEXTAREA, ItemType.DATE, ItemType.NUMBER, ItemType.CHOICE, ItemType.CHECKS,
              ItemType.CHECKBOX)


def _shape(form: FormDefinition, item_id: str, match: str) -> tuple[object, ...] | str:
    """What must agree between the forms for the value to be the same fact, or a problem."""
    item = form.index.get(item_id)
    if item is None:
        return f"「{item_id}」は{form.short_name}（{form.form_id}）にありません"
    if item.type not in _ONE_VALUE:
        return f"{form.short_name}の「{item_id}」は記載する項目ではありません（{item.type}）"
    if "[]" in item_id or form.section_of(item_id).per_file:
        return f"{form.short_name}の「{item_id}」は一つの評価書に一つの項目ではありません（繰り返し・ファイルごと）"
    if match == "bracket":
        if item.type != ItemType.CHOICE or any(parse_bracket(o.text) is None for o in item.options):
            return f"{form.short_name}の「{item_id}」は人数の区分の選択肢ではありません"
        return ("bracket",)
    if item.type in (ItemType.TEXT, ItemType.TEXTAREA):
        return ("text",)  # a 1-line and a multi-line box hold the same text
    if item.type in (ItemType.CHOICE, ItemType.CHECKS):
        return (item.type, tuple(sorted(o.text for o in item.options)))
    return (item.type,)


def table_problems(table: SetTable) -> list[str]:
    """Items missing from their form, or whose kind of value differs between the forms of a row."""
    installed = set(available_forms())
    problems: list[str] = []
    for row in table.items:
        shapes: dict[str, tuple[object, ...]] = {}
        for form_id, item_id in row.items.items():
            if form_id not in installed:
                continue
            shape = _shape(load_form(form_id), item_id, row.match)
            if isinstance(shape, str):
                problems.append(f"「{row.name}」: {shape}")
            else:
                shapes[form_id] = shape
        if len(set(shapes.values())) > 1:
            problems.append(f"「{row.name}」: 様式によって記載の種類や選択肢が異なります（{', '.join(shapes)}）")
    sub = table.submitted
    if sub is not None and sub.form in installed:
        form = load_form(sub.form)
        item = form.index.get(sub.item)
        if item is None:
            problems.append(f"submitted: 「{sub.item}」は{form.short_name}にありません")
        else:
            problems += [f"submitted: 選択肢「{o.text}」は{form.short_name}の「{sub.item}」にありません"
                         for o in sub.options if item.option(o.text) is None]
    return problems


# -- comparing and copying values -----------------------------------------------------------------------


def norm(value: Value | None, match: str = "text") -> object:
    """The value as compared: blanks and line-end spaces do not count; a bracket by its range."""
    if value is None or is_empty(value):
        return None
    if match == "bracket" and isinstance(value, str):
        return parse_bracket(value) or value.strip()
    if isinstance(value, str):
        return "\n".join(line.rstrip() for line in value.strip().replace("\r\n", "\n").split("\n"))
    if isinstance(value, CheckValue):
        return (tuple(sorted(value.checked)), tuple(sorted((k, v.strip()) for k, v in value.details.items() if v.strip())))
    return value


def same_value(a: Value | None, b: Value | None, match: str = "text") -> bool:
    return norm(a, match) == norm(b, match)


def translate(value: Value | None, row: SharedItem, target_form: str) -> Value | None:
    """The value as the target form writes it (None: the target has no such option)."""
    if value is None or is_empty(value) or row.match != "bracket":
        return value
    wanted = norm(value, "bracket")
    item = load_form(target_form).index[row.items[target_form]]
    return next((o.text for o in item.options if parse_bracket(o.text) == wanted), None)

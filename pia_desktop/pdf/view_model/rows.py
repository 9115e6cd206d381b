"""The rows of a printed section (bands, captions, label │ content fields, wide boxes), the sections and the view."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pia_desktop.domain.form_definition import ItemType
from pia_desktop.pdf.view_model.cells import Content, Text


@dataclass(frozen=True, slots=True)
class Band:
    """A full-width heading row: "１．…", "リスク：…", "システム2～5", "委託事項1 │ <title>"."""

    text: str
    kind: Literal["heading", "risk", "group", "slot"] = "heading"
    boxes: tuple[str, ...] = ()  # single check boxes at the right end ("[ ○ ] 委託しない")
    value: Text | None = None  # the title of a titled entry (委託事項, 提供先, 移転先)
    address: str = ""


@dataclass(frozen=True, slots=True)
class Caption:
    """A full-width plain label row; its value is the next (Wide) row."""

    text: str


@dataclass(frozen=True, slots=True)
class Field:
    """Label column on the left, content on the right."""

    label: str
    content: Content
    outer: str | None = None  # two-level label column: the outer (spanning) label, "" when continued
    continued: bool = False  # shares the outer label cell with the row above
    address: str = ""


@dataclass(frozen=True, slots=True)
class Wide:
    content: Content
    address: str = ""


Row = Band | Caption | Field | Wide


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    kind: ItemType


SectionKind = Literal["cover", "toc", "body", "list", "table"]


@dataclass(slots=True)
class Section:
    key: str  # "I", "II(1)", "annex2"
    kind: SectionKind
    title: str
    new_page: bool
    rows: list[Row] = field(default_factory=list)
    stamp: str = ""  # cover: "[令和６年10月　様式３]"
    heading: str = ""  # cover: the document title
    head: tuple[tuple[str, str], ...] = ()  # cover: (評価書番号, value), (評価書名, value)
    columns: tuple[Column, ...] = ()  # table sections (別添2)
    table_rows: list[tuple[str, ...]] = field(default_factory=list)


@dataclass(slots=True)
class PrintView:
    sections: list[Section]
    public: bool

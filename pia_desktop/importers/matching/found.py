"""What the walk found, by address: the text read for each item and where, the labels seen (with or
without a value), the 定型文 printed, the notes on values read uncertainly, and the 様式 stamp.
``result`` turns it into the document and the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pia_desktop.domain.form_definition import Item


@dataclass
class RawValue:
    """An item's text as read: the cells and lines in reading order, and where the first was."""

    chunks: list[str] = field(default_factory=list)
    where: str = ""


@dataclass
class Found:
    raw: dict[str, RawValue] = field(default_factory=dict)  # address → its text as read
    items: dict[str, Item] = field(default_factory=dict)  # address → its item
    labels_seen: dict[str, str] = field(default_factory=dict)  # address → where its label was printed
    fixed_seen: dict[str, tuple[str, str]] = field(default_factory=dict)  # 定型文: (text, where)
    a1_notes: dict[str, str] = field(default_factory=dict)  # (別添1) lines read by their position only
    glue_notes: dict[str, str] = field(default_factory=dict)  # an unknown label's row added to the item before
    stamp: str = ""  # the 様式 stamp ("[令和6年10月様式4]"), for the report
    labels_matched: int = 0  # the form's labels found (few: the file is not a 評価書)

    def put(self, item: Item, address: str, text: str, where: str) -> None:
        raw = self.raw.get(address)
        if raw is None:
            raw = self.raw[address] = RawValue(where=where)
            self.items[address] = item
        if text.strip():
            raw.chunks.append(text)

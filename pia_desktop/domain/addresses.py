"""Concrete addresses of answers: a template id with the file and slot numbers filled in.

``II.4.itaku[].3`` for file 1, 委託事項2 is ``II(1).4.itaku[2].3``. The titled slot header itself
(委託事項2's title) is ``II(1).4.itaku[2]``. Numbers are 1-based, as printed on the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_FILE_RE = re.compile(r"^([A-Za-z0-9]+)\((\d+)\)")
_SLOT_RE = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class Address:
    template: str  # "II.4.itaku[].3"
    file: int | None  # 1-based file number for per-file sections
    slots: tuple[int, ...]  # 1-based slot numbers, outermost first

    def __str__(self) -> str:
        return format_address(self.template, self.file, self.slots)


def format_address(template: str, file: int | None = None, slots: tuple[int, ...] = ()) -> str:
    text = template
    if file is not None:
        head, dot, rest = text.partition(".")
        text = f"{head}({file}){dot}{rest}"
    for n in slots:
        text = text.replace("[]", f"[{n}]", 1)
    return text


@lru_cache(maxsize=65536)  # called for the same few hundred addresses by every check; Address is immutable
def parse_address(address: str) -> Address:
    file: int | None = None
    m = _FILE_RE.match(address)
    rest = address
    if m:
        file = int(m.group(2))
        rest = m.group(1) + address[m.end() :]
    slots = tuple(int(n) for n in _SLOT_RE.findall(rest))
    template = _SLOT_RE.sub("[]", rest)
    return Address(template, file, slots)


def group_key(template: str, file: int | None, slots: tuple[int, ...]) -> str:
    """The key under which a repeating group's entry count is stored: "II(1).4.itaku"."""
    assert template.endswith("[]"), template
    return format_address(template[:-2], file, slots)


def bind(template: str, context: Address, per_file: bool) -> Address:
    """Resolve a template id in the context of a concrete address.

    The file number is taken over when the template lies in a per-file section, and slot numbers
    are taken over for the repeat prefix the two share (the same 委託事項, the same 別添2 row).
    """
    shared = 0
    ctx_parts = context.template.split("[]")
    tpl_parts = template.split("[]")
    prefix_ctx = ""
    prefix_tpl = ""
    for i in range(min(len(ctx_parts), len(tpl_parts)) - 1):
        prefix_ctx += ctx_parts[i] + "[]"
        prefix_tpl += tpl_parts[i] + "[]"
        if prefix_ctx != prefix_tpl:
            break
        shared = i + 1
    return Address(template, context.file if per_file else None, context.slots[:shared])

"""When a PDF line that reaches the right edge is still a real line break: a full line ending a
sentence, followed by a bullet or a number (・, ①, (1), 1.).

Both PDF routes join wrapped lines without a break (Japanese has no spaces to restore): the ruled
table cells (``pdf_reader``) and the lines of unruled pages (``text_route``) ask this rule first.
"""

from __future__ import annotations

import re

_BULLET = re.compile(r"^\s*([・◆◇■□●○◎※＜<【〈《「\[［]|[①-⑳⑴-⒇]|\(?\d{1,2}[).）]|\d{1,2}\.\s)")


def starts_new_line(prev: str, nxt: str) -> bool:
    """A full line ending a sentence, followed by a bullet or number: a real line break."""
    if nxt.lstrip().startswith("・") and " ・" in prev:
        return True  # a list of "・item ・item" laid out in lines
    return prev.rstrip().endswith(("。", "）", ")", "」", "】", ">", "＞")) and bool(_BULLET.match(nxt))

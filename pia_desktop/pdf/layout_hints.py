"""The few facts about the printed 様式 that the item tree of the form definition does not carry.

Everything else in the layout (which rows are bands, which labels span sub-rows, the option grids, the
repeat headers, the cover, 項目一覧, the list and table annexes) is derived from the form definition.
Keys are section ids, never labels.
"""

from __future__ import annotations

# Sections printed straight after the previous one instead of on a new page (Ⅳ and Ⅴ share a page
# in the official layout; form-inventory C.1).
SHARES_PAGE_WITH_PREVIOUS: frozenset[str] = frozenset({"V"})

"""Map rows of printed text onto the form: find each item by its printed label and section.

The walk (``walk.match_rows``) goes over the rows once, keeping a cursor in the form's item order
(``position``). A row whose leading cells fold to an item's label (``lookup``, ``label_rows``) moves
the cursor to the nearest such item at or after it; the row's other cells are that item's value.
Rows that match nothing continue the value of the item before them (``value_cells``). Slot headers
("システム2", "委託事項3 │ title") and repeated labels start repeat entries (``slots``); a repeated
section heading (Ⅱ, 別添1, Ⅲ) starts the next 特定個人情報ファイル (``sections``). (別添1) and (別添2)
have their own readers: groups of item lists (``annex1``, ``annex1_lines``) and the 6-column table
(``annex2``). What was found (``found``) becomes the document and the report (``result``).

Nothing here depends on sheet names, cell positions or page coordinates. Every non-empty cell
becomes a fragment of the report, marked as it is handled (``fragments``), so a layout the matcher
does not know shows up in the report instead of disappearing.
"""

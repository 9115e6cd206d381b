"""Facts, texts and records shared by the 評価書 of one municipality (no Qt).

- ``facts``: 共通項目 — named values items are linked to; one change applied to all (or chosen)
  linked assessments, each with its proposed (別添２) 変更箇所 row;
- ``set_sharing``: the 評価書 of one 事務 share their common answers (the table
  forms/mappings/set-shared-items.yaml, read by ``domain.set_items``): copied as they are typed, aligned on
  demand (docs/sets.md);
- ``suggest``: links an imported document could take (its value equals a fact);
- ``phrases``: the 定型文 library (forms/rules/phrases-library.yaml + the user's own, in the store);
- ``reviews``: 見直し records and the due dates counted from the last one;
- ``portfolio``: one row per 事務 for the 取りまとめ課, as CSV or xlsx.
"""

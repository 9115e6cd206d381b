"""しきい値判断: which assessment the 指針 requires, from 対象人数, 取扱者数 and 重大事故 (pure; no Qt).

- ``table``: the decision table of forms/rules/thresholds.yaml (results, rows) and the kinds of 評価書;
- ``decision``: ``decide``, the calculator over the table, for exact numbers or ranges;
- ``staff``: 取扱者数 estimated from the brackets of a 評価書 (使用者数, 委託事項);
- ``document_judgement``: the inputs a 評価書 gives and its judgement (``judge_document``).

The 点検's findings built on them are in ``checks.threshold``.
"""

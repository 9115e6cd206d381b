"""Consistency rules between items that the form's own ``conditions:`` do not express.

Each rule function is registered with the rule ids it may emit; severities and messages are in
forms/rules/review-rules.yaml. Conditions already in the form definition (委託しない ⇒ 委託事項 not
applicable, 発生あり ⇒ その内容 required, 事後 ⇒ 説明 required …) are checked by ``validate`` and not
repeated here. One module per part of the form the rules compare:

- ``itaku``: 委託 (Ⅱ４ / Ⅲ４);
- ``teikyo``: 提供・移転 (Ⅱ５ / Ⅲ５) and 情報連携 (Ⅰ５ / Ⅲ６);
- ``across_files``: file names (Ⅰ３ / Ⅱ１ / Ⅲ１) and the 重大事故 of Ⅲ７② across the files;
- ``dates``: dates that must come in order;
- ``entries``: repeating entries and Ⅴ２・Ⅴ３ filled in part;
- ``basics``: 表紙 and Ⅰ against the rest;
- ``measures``: Ⅲ's measures against their 評価.

``checks.rulebook`` runs them in this order (``RULE_MODULES``), each module's rules as written.
"""

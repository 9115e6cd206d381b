"""The content fingerprint of a 評価書: what makes two copies "the same 評価書".

SHA-256 of the canonical JSON of the form id and the answers, each text folded first (NFKC, no
whitespace): the published PDF and the xlsx of one 評価書 print the same answers with different line
breaks and widths. Everything else is left out on purpose: the 状況, the 非公表 marks, the entry
counts (an empty trailing entry is no content), the しきい値判断 inputs and the 見直し records are
about the copy, not about what the 評価書 says.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any

from pia_desktop.domain.conversion import to_data
from pia_desktop.domain.document import Document

_SPACE = re.compile(r"\s+")


def fold_text(text: str) -> str:
    """A text as the fingerprint reads it: NFKC, no whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def _folded(data: Any) -> Any:
    if isinstance(data, str):
        return fold_text(data)
    if isinstance(data, list):
        return [_folded(x) for x in data]
    if isinstance(data, dict):
        return {k: _folded(v) for k, v in data.items()}
    return data


def content_fingerprint(doc: Document) -> str:
    """64 hex digits; equal for two documents whose answers read the same."""
    values = {k: _folded(to_data(v)) for k, v in doc.values.items()}
    values = {k: v for k, v in values.items() if v not in ("", [], {})}
    payload = json.dumps({"form_id": doc.form_id, "values": values}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()

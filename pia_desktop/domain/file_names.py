"""File names made from what the user typed (a 評価書名 may hold anything a file may carry)."""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(r'[\\/:*?"<>|]+')
# Windows refuses these as a name, with any extension ("CON.pdf"), in any case, ¹²³ counting as digits
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|CLOCK\$|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$", re.IGNORECASE)
MAX_STEM = 80


def _printable(ch: str) -> bool:
    """Not a control, format (bidi overrides such as U+202E, zero-width, BOM), separator-line,
    surrogate or unassigned character."""
    return unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Cn", "Zl", "Zp")


def safe_file_stem(text: str, fallback: str, limit: int = MAX_STEM) -> str:
    """``text`` as a file name stem every system accepts: control and bidi characters dropped,
    ``\\ / : * ? " < > |`` as ``_``, no leading or trailing dots and blanks, no reserved device
    name (CON, NUL, COM1 …), at most ``limit`` characters; ``fallback`` when nothing is left."""
    kept = "".join(ch if _printable(ch) else ("_" if ch in "\r\n\t" else "") for ch in text)
    kept = _UNSAFE.sub("_", kept).strip(" .\u3000")[:limit].rstrip(" .\u3000")
    if not kept:
        return fallback
    if _RESERVED.match(kept):
        kept = "_" + kept
    return kept

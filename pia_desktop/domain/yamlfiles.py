"""Reading the YAML data files (forms, rule tables) through a JSON cache keyed by their content.

YAML parsing costs ~20 ms for the form alone, JSON ~1 ms; command-line start-up time matters (and the
check and the GUI's first window then never import PyYAML). The cache lives in the user's cache folder,
one file per content hash: a first line with the SHA-256 of the JSON that follows, so a damaged file
(truncated, bit flips that still parse — a changed label would print on the form) is ignored and
rebuilt. Errors become the caller's PiaError subclass, naming the file.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pia_desktop.domain.errors import PiaError
from pia_desktop.fileio import atomic_write_bytes
from pia_desktop.paths import cache_dir


def load_yaml(path: Path, error: type[PiaError], what: str) -> Any:
    """Parse ``path``; ``what`` names the kind of file in messages (e.g. "様式定義ファイル")."""
    return json.loads(load_yaml_json(path, error, what))


def load_yaml_json(path: Path, error: type[PiaError], what: str) -> bytes:
    """``path`` as JSON text, for a record to validate in one pass (``conversion.convert_json``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(f"{what} {path} を読み込めません: {exc}") from exc
    cache = cache_dir() / f"{path.stem}-{hashlib.sha256(data).hexdigest()[:20]}.json"
    hit = _read_cache(cache)
    if hit is not None:
        return hit
    import yaml  # only on a cache miss

    try:
        raw = yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except UnicodeDecodeError as exc:
        raise error(f"{what} {path} を読み込めません: {exc}") from exc
    except yaml.YAMLError as exc:
        raise error(f"{what} {path} の書式が壊れています: {exc}") from exc
    # Dates become ISO strings (the records read them back as dates); a miss returns exactly what a hit
    # would, so behaviour never depends on the cache.
    text = json.dumps(raw, ensure_ascii=False, default=_plain)
    body = text.encode("utf-8")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(cache, hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body)
    except OSError:
        pass  # a read-only profile only costs speed
    return body


def _read_cache(cache: Path) -> bytes | None:
    """The cached JSON text, or None when the file is missing or not exactly what load_yaml wrote."""
    try:
        head, _, body = cache.read_bytes().partition(b"\n")
    except OSError:
        return None
    if head != hashlib.sha256(body).hexdigest().encode("ascii"):
        return None
    return body


def _plain(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} は YAML データとして扱えません")

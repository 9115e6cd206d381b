"""Reading the YAML data files (forms, rule tables) through a JSON cache keyed by their content.

YAML parsing costs ~20 ms for the form alone, JSON ~1 ms; command-line start-up time matters.
Errors become the caller's PiaError subclass, naming the file.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pia_desktop.domain.errors import PiaError
from pia_desktop.fileio import atomic_write_text
from pia_desktop.paths import data_dir


def load_yaml(path: Path, error: type[PiaError], what: str) -> Any:
    """Parse ``path``; ``what`` names the kind of file in messages (e.g. "様式定義ファイル")."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(f"{what} {path} を読み込めません: {exc}") from exc
    cache = data_dir() / "cache" / f"{path.stem}-{hashlib.sha256(data).hexdigest()[:20]}.json"
    try:
        return json.loads(cache.read_bytes())
    except (OSError, ValueError):
        pass
    import yaml  # only on a cache miss

    try:
        raw = yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except UnicodeDecodeError as exc:
        raise error(f"{what} {path} を読み込めません: {exc}") from exc
    except yaml.YAMLError as exc:
        raise error(f"{what} {path} の書式が壊れています: {exc}") from exc
    # Dates become ISO strings (msgspec reads them back as dates); a miss returns exactly what a hit
    # would, so behaviour never depends on the cache.
    text = json.dumps(raw, ensure_ascii=False, default=_plain)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(cache, text)
    except OSError:
        pass  # a read-only profile only costs speed
    return json.loads(text)


def _plain(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} は YAML データとして扱えません")

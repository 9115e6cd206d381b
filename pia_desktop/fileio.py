"""Atomic file replacement: write a temp file beside the target, fsync, rename.

On Windows an antivirus scanner may hold the target for a moment; the rename is retried.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

RETRIES = 10
RETRY_DELAY_S = 0.1


def replace_with_retry(src: Path, dst: Path) -> None:
    for attempt in range(RETRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == RETRIES - 1:
                raise
            time.sleep(RETRY_DELAY_S * (attempt + 1))


def _read_umask() -> int:
    """The process's umask. os.umask can only be read by setting it, so it is read once, at import
    (before any worker thread could create a file meanwhile)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def normal_file_mode() -> int:
    """The mode open() would give a new file: 0666 less the umask."""
    return 0o666 & ~_UMASK


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if os.name == "posix":  # mkstemp makes the file 0600: an exported PDF must be readable like any other file
                os.fchmod(fh.fileno(), normal_file_mode())
            os.fsync(fh.fileno())
        replace_with_retry(Path(tmp), path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))

"""How the command line writes its output, decided once for every platform.

- UTF-8 for ``--json`` and whenever the output is not a console (a file, a pipe, another program):
  on Japanese Windows Python would otherwise use the ANSI code page (cp932), which lacks characters the
  findings print (``›``), and the program crashed. ``PYTHONIOENCODING`` cannot help the frozen program.
- On a console, the console's own encoding with replacement: a character it cannot show becomes ``?``
  instead of stopping the command. (Windows consoles take Unicode, so nothing is replaced there.)
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import TextIO

WINDOWS = os.name == "nt"


def _configure(stream: TextIO | None, utf8: bool) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if stream is None or reconfigure is None:  # no console at all (PIADesktop.exe), or a test's capture
        return
    try:
        console = stream.isatty()
    except (OSError, ValueError):
        console = False
    if utf8 or not console:
        reconfigure(encoding="utf-8", errors="replace")
    else:
        reconfigure(errors="replace")


def configure_streams(json_output: bool) -> None:
    """Set stdout's and stderr's encoding as the module docstring says (call before the first output)."""
    _configure(sys.stdout, json_output)
    _configure(sys.stderr, False)


def reader_went_away(exc: OSError) -> bool:
    """True when writing stdout failed because its reader stopped (``pia-desktop dump … | more``, ``| head``).

    POSIX reports EPIPE (``BrokenPipeError``); Windows reports EINVAL for a write to a closed pipe. An EINVAL
    about a named file (an invalid file name given on the command line) is a real error, not this.
    """
    if isinstance(exc, BrokenPipeError):
        return True
    return WINDOWS and exc.errno == errno.EINVAL and exc.filename is None


def silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # no real file descriptor (a test's capture)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

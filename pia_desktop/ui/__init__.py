"""The PySide6 GUI: home screen, the drafting wizard generated from the form definition, dialogs.

This package is the only one that imports Qt. Entry point: ``pia_desktop.ui.shell.app.run_gui``.
"""

from __future__ import annotations

import sys


def _keep_none_alive() -> None:
    """PySide6/shiboken6 6.12.0 returns ``None`` from every void C++ call without taking a reference.

    On Python 3.11 each such call (setText, addWidget, …) lowers None's reference count by one, and
    after a few thousand calls Python aborts with "none_dealloc: deallocating None". Python 3.12 made
    None immortal, so there nothing needs doing. Here None gets a reference count no session can use up.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field of every PyObject
    if refcount.value < 1 << 40:
        refcount.value += 1 << 40


_keep_none_alive()

"""Entry point of the frozen program: PyInstaller runs this file as ``__main__``.

Kept outside the package so the frozen program starts exactly like ``pia-desktop`` in a checkout.
"""

from pia_desktop.cli.main import run

if __name__ == "__main__":
    run()

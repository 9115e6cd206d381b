"""The PySide6 GUI: home screen, the drafting wizard generated from the form definition, dialogs.

This package is the only one that imports Qt. Entry point: ``pia_desktop.ui.app.run_gui``.
"""

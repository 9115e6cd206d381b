"""Qt fixtures (scripted dialogs, a main window on a store in tmp_path) shared with the GUI tests."""

from tests.ui.conftest import _no_modal_dialogs, app, dialogs, make_window, store_path  # noqa: F401

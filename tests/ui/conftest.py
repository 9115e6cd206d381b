"""Qt fixtures for the GUI tests: scripted dialogs, a window on a store in tmp_path, documents.

No test may block on a modal dialog: the windows get a ``FakeDialogs`` with scripted answers, and
the static QMessageBox / QFileDialog / QInputDialog functions fail the test if anything reaches them.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pia_desktop.domain.document import Document
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import load_form
from tests.conftest import fixture_path
from tests.ui.docfactory import full_document

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from pia_desktop.ui.shell.app import create_application
from pia_desktop.ui.shell.dialogs import LockChoice, NewAssessment


class FakeDialogs:
    """Answers given in advance; every question asked is recorded in ``asked``."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.confirm_answers: list[bool] = []
        self.default_confirm = True
        self.text_answers: list[str | None] = []
        self.new_assessment: NewAssessment | None = NewAssessment("yoshiki3-r0610", 1)
        self.open_store_path: Path | None = None
        self.new_store_path: Path | None = None
        self.lock_choice = LockChoice(None)
        self.import_path: Path | None = None
        self.save_path: Path | None = None  # 出力 (the exporter's ExportDialogs questions)

    def _ask(self, kind: str, text: str) -> None:
        self.asked.append((kind, text))

    def confirm(self, parent: Any, title: str, text: str, ok: str = "OK") -> bool:
        self._ask("confirm", f"{title}: {text}")
        return self.confirm_answers.pop(0) if self.confirm_answers else self.default_confirm

    def inform(self, parent: Any, title: str, text: str) -> None:
        self._ask("inform", f"{title}: {text}")

    def error(self, parent: Any, title: str, text: str) -> None:
        self._ask("error", f"{title}: {text}")

    def warn(self, parent: Any, title: str, text: str) -> None:
        self._ask("warn", f"{title}: {text}")

    def about(self, parent: Any, title: str, text: str) -> None:
        self._ask("about", text)

    def ask_text(self, parent: Any, title: str, label: str, default: str = "") -> str | None:
        self._ask("text", title)
        return self.text_answers.pop(0) if self.text_answers else None

    def ask_new_assessment(self, parent: Any, forms: dict[str, str]) -> NewAssessment | None:
        self._ask("new", ",".join(forms))
        return self.new_assessment

    def ask_open_store(self, parent: Any, start: Path) -> Path | None:
        self._ask("open_store", str(start))
        return self.open_store_path

    def ask_new_store(self, parent: Any, start: Path) -> Path | None:
        self._ask("new_store", str(start))
        return self.new_store_path

    def ask_import_file(self, parent: Any, start: Path) -> Path | None:
        self._ask("import", str(start))
        return self.import_path

    def ask_save_path(self, parent: Any, suggested: Path) -> Path | None:
        self._ask("save_pdf", suggested.name)
        return self.save_path

    def ask_open_folder(self, parent: Any, path: Path, note: str = "") -> bool:
        self._ask("open_folder", f"{path}\n{note}" if note else str(path))
        return False

    def ask_locked(self, parent: Any, who: str, stale: bool) -> LockChoice:
        self._ask("locked", who)
        return self.lock_choice

    def kinds(self) -> list[str]:
        return [k for k, _ in self.asked]


def _forbidden(*_a: Any, **_k: Any) -> Any:
    raise AssertionError("a real modal dialog was opened in a test")


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("question", "information", "warning", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, _forbidden)
    monkeypatch.setattr(QMessageBox, "exec", _forbidden)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, _forbidden)
    for name in ("getText", "getInt", "getItem"):
        monkeypatch.setattr(QInputDialog, name, _forbidden)


@pytest.fixture
def app(qapp):  # type: ignore[no-untyped-def]
    yield create_application()  # also moves garbage collection to the GUI thread, as in the application
    gc.collect()  # here, on the GUI thread; then back to normal for the tests that follow
    gc.enable()


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite3"


@pytest.fixture
def make_window(app, qtbot, dialogs, store_path) -> Iterator[Callable[..., Any]]:  # type: ignore[no-untyped-def]
    """Open a main window (several in turn, to test a restart); each is closed at the end."""
    from pia_desktop.ui.shell.main_window import MainWindow

    windows: list[Any] = []

    def make(path: Path | None = None) -> MainWindow:
        window = MainWindow(path or store_path, dialogs=dialogs)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for w in windows:
        w.close()


def seed_003_document() -> Document:
    """The seed 003 fixture when it exists; otherwise a document of the same shape with every item filled."""
    path = fixture_path("seed-003")
    if path.exists():
        return read_document(path)
    return full_document(
        load_form(),
        counts={"I.2.system[]": 8, "II.4.itaku[]": 1, "II.5.teikyo[]": 2, "II.5.iten[]": 3, "annex1.group[]": 4, "annex2.row[]": 82},
    )

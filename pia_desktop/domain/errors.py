"""User-facing errors: every message is Japanese and names the file or item concerned."""

from __future__ import annotations


class PiaError(Exception):
    """An error whose message is shown to the user as is (no traceback)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FormDefinitionError(PiaError):
    """The form-definition file in forms/ is broken."""


class DocumentFormatError(PiaError):
    """A document file cannot be read as a PIA Desktop document."""

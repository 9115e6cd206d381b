"""JSON Schemas generated from the models: the exchange format, the form-definition language and the notes file.

The committed copies (docs/exchange-format.schema.json, docs/notes-format.schema.json, forms/form-definition.schema.json) are
checked against these by a test, so the documentation cannot drift from the code. Regenerate them with
``python -m pia_desktop.cli.schemas``. The models span the domain (評価書, 様式定義) and the notes service
(指摘ファイル), so this lives with the command line, which may import both.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pia_desktop.domain.document import FORMAT_VERSION, Document
from pia_desktop.domain.form_definition import FormDefinition
from pia_desktop.notes.files import FORMAT_VERSION as NOTES_VERSION
from pia_desktop.notes.files import NotesFile
from pia_desktop.resources import forms_dir, project_root


def exchange_schema() -> dict[str, Any]:
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"PIA Desktop 評価書 exchange format, version {FORMAT_VERSION}"
    return schema


def form_schema() -> dict[str, Any]:
    schema = FormDefinition.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "PIA Desktop form definition (forms/*.yaml)"
    return schema


def notes_schema() -> dict[str, Any]:
    schema = NotesFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"PIA Desktop 指摘ファイル (notes file), version {NOTES_VERSION}"
    return schema


def targets() -> dict[Path, dict[str, Any]]:
    return {
        project_root() / "docs" / "exchange-format.schema.json": exchange_schema(),
        project_root() / "docs" / "notes-format.schema.json": notes_schema(),
        forms_dir() / "form-definition.schema.json": form_schema(),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all() -> list[Path]:
    written = []
    for path, schema in targets().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_all():
        print(p)

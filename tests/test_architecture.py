"""The layer rules of docs/architecture.md, read from the source by scripts/import_graph.py: no import cycle
(deferred imports count), no module importing a layer above its own, the domain free of Qt, ReportLab, SQLite,
pdfplumber and openpyxl, no module over 400 lines, and a window that finds no module at run time."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _import_graph() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("import_graph", module)
    spec.loader.exec_module(module)
    return module


graph = _import_graph()


def test_no_import_cycle() -> None:
    assert graph.cycles(graph.graph(graph.all_modules())) == []


def test_every_module_imports_only_its_own_layer_and_those_below() -> None:
    assert graph.layer_breaches(graph.all_modules()) == []


def test_the_window_finds_no_module_at_run_time() -> None:
    assert graph.ui_discovery(graph.all_modules()) == []


def test_no_module_over_400_lines() -> None:
    assert graph.oversized(graph.all_modules()) == []


def test_the_checker_sees_what_it_must_refuse(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The rules bite: a made-up package with a cycle, an upward import, Qt in the domain and discovery in ui."""
    pkg = tmp_path / "pia_desktop"
    for folder in ("domain", "checks", "ui"):
        (pkg / folder).mkdir(parents=True)
        (pkg / folder / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "domain" / "a.py").write_text("from pia_desktop.checks.b import x\nimport PySide6\n")
    (pkg / "checks" / "b.py").write_text("def f():\n    from pia_desktop.checks import c\nx = 1\n")
    (pkg / "checks" / "c.py").write_text("from pia_desktop.checks.b import x\n" + "y = 1\n" * 401)
    (pkg / "ui" / "w.py").write_text("import pkgutil\n")
    monkeypatch.setattr(graph, "ROOT", tmp_path)
    monkeypatch.setattr(graph, "PACKAGE", pkg)
    modules = graph.all_modules()
    assert graph.cycles(graph.graph(modules)) == [["pia_desktop.checks.b", "pia_desktop.checks.c"]]
    breaches = graph.layer_breaches(modules)
    assert any("domain.a:1 imports upward: pia_desktop.checks.b" in b for b in breaches)
    assert any("domain.a:2 imports PySide6" in b for b in breaches)
    assert graph.ui_discovery(modules) and graph.oversized(modules) == ["pia_desktop.checks.c: 402 lines (at most 400)"]


def test_the_architecture_page_names_only_files_that_exist() -> None:
    """docs/architecture.md matches the code: every path it names (`ui/shell/menus.py`, `pdf/view_model/`, …)
    is there, and every room of ui/ is in its table."""
    import re

    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_]+/[A-Za-z0-9_./*-]*)`", page))
    assert len(named) > 30
    missing = []
    for path in sorted(named):
        base = ROOT if path.split("/")[0] in ("forms", "docs", "tests", "scripts") else ROOT / "pia_desktop"
        if not (list(base.glob(path.rstrip("/"))) if "*" in path else (base / path).exists()):
            missing.append(path)
    assert missing == []
    rooms = {p.name for p in (ROOT / "pia_desktop" / "ui").iterdir() if (p / "__init__.py").exists()}
    assert {room for room in rooms if f"`ui/{room}/`" not in page} == set()

#!/usr/bin/env python3
"""The package's import graph checked against the layer rules of ``docs/architecture.md``.

    python3 scripts/import_graph.py          # prints every breach; exit 1 if there is one

Reads the source (no imports run), so it works on any machine. Every import counts, deferred ones inside
functions too: a cycle through a deferred import is still a cycle a reader has to untangle. Only imports
under ``if TYPE_CHECKING:`` are left out (they never run). ``tests/test_architecture.py`` runs it.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pia_desktop"
MAX_LINES = 400

# The layers, lowest first: a module may import its own layer and the layers below it.
FOUNDATION = {"resources", "paths", "fileio"}
DOMAIN = {"domain"}
SERVICES = {"storage", "checks", "pdf", "importers", "changes", "shared", "notes"}
FRONTS = {"cli", "ui", "__main__"}
LAYER_OF = {**{n: 0 for n in FOUNDATION}, **{n: 1 for n in DOMAIN}, **{n: 2 for n in SERVICES}, **{n: 3 for n in FRONTS}}
# The command line starts the window through this one door (``pia-desktop gui``).
CLI_MAY_IMPORT_FROM_UI = {"pia_desktop.ui.shell.app"}

# Third-party packages each layer must not import (the domain is pure data and rules).
FORBIDDEN_BELOW_UI = ("PySide6", "shiboken6")
SQLITE = ("sqlite3", "sqlite_utils")  # only storage/ touches the database
FORBIDDEN_IN_DOMAIN = ("PySide6", "shiboken6", "reportlab", "sqlite_utils", "sqlite3", "pdfplumber", "pypdfium2", "openpyxl")


@dataclass(frozen=True)
class Import:
    source: str  # importing module, dotted
    target: str  # imported name, dotted (a module, or a module's attribute)
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports_of(path: Path) -> list[Import]:
    source = module_name(path)
    package = source if path.name == "__init__.py" else source.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    found: list[Import] = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", 0) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [Import(source, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append(Import(source, base, node.lineno))
            found += [Import(source, f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return found


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module → the package modules it imports (``from a import b`` counts ``a`` and, if a module, ``a.b``)."""
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for imp in imports_of(path):
            if imp.target in modules and imp.target != name:
                edges[name].add(imp.target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _top(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def layer_breaches(modules: dict[str, Path]) -> list[str]:
    breaches: list[str] = []
    for name, path in modules.items():
        if name == "pia_desktop":
            continue
        own = _top(name)
        own_layer = LAYER_OF.get(own)
        if own_layer is None:
            breaches.append(f"{name}: 層が決まっていない最上位の名前 {own!r}（scripts/import_graph.py の LAYER_OF に加える）")
            continue
        for imp in imports_of(path):
            root = imp.target.split(".")[0]
            if root != "pia_desktop":
                third_party = [p for p in FORBIDDEN_BELOW_UI if own != "ui" and root == p]
                third_party += [p for p in SQLITE if own != "storage" and root == p]
                if own_layer <= 1:
                    third_party += [p for p in FORBIDDEN_IN_DOMAIN if root == p]
                if third_party:
                    breaches.append(f"{name}:{imp.line} imports {imp.target}")
                continue
            target = imp.target if imp.target in modules else imp.target.rpartition(".")[0]
            if target not in modules or target == "pia_desktop":  # the package root holds only its name and version
                continue
            other = _top(target)
            if other == own:
                continue
            if own == "cli" and other == "ui":
                if target not in CLI_MAY_IMPORT_FROM_UI:
                    breaches.append(f"{name}:{imp.line} imports {target} (cli starts the window only through ui.shell.app)")
                continue
            if (own == "ui" and other == "cli") or LAYER_OF.get(other, 99) > own_layer:
                breaches.append(f"{name}:{imp.line} imports upward: {target}")
    return sorted(set(breaches))


def ui_discovery(modules: dict[str, Path]) -> list[str]:
    """The window is built from what ``ui/shell/menus.py`` and ``main_window.py`` name: no module is found at run
    time (``pkgutil``/``importlib``), so the code says which menu item exists."""
    found = []
    for name, path in modules.items():
        if _top(name) == "ui":
            found += [f"{name}:{imp.line} finds modules at run time ({imp.target})" for imp in imports_of(path)
                      if imp.target.split(".")[0] in ("pkgutil", "importlib")]
    return found


def oversized(modules: dict[str, Path]) -> list[str]:
    sized = ((name, len(path.read_text(encoding="utf-8").splitlines())) for name, path in modules.items())
    return [f"{name}: {lines} lines (at most {MAX_LINES})" for name, lines in sized if lines > MAX_LINES]


def main() -> int:
    modules = all_modules()
    problems = [f"cycle: {' ↔ '.join(c)}" for c in cycles(graph(modules))]
    problems += layer_breaches(modules)
    problems += ui_discovery(modules)
    problems += oversized(modules)
    for line in problems:
        print(line)
    if not problems:
        print(f"{len(modules)} modules: no cycle, no layer breach, none over {MAX_LINES} lines")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""The package's import graph has no cycles, counting imports inside functions and those
made only for type checking: each module can be read (and changed) after those it uses."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO_ROOT


def _modules(package: str) -> dict[str, Path]:
    found = {}
    for path in (REPO_ROOT / package).rglob("*.py"):
        name = ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def import_graph(package: str) -> dict[str, set[str]]:
    """Module -> the package modules it imports anywhere in its body. `from pkg import sub`
    counts as importing the submodule, not the package's __init__."""
    modules = _modules(package)
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = name.split(".")
                    keep = len(parts) - node.level + (1 if is_package else 0)
                    base = ".".join(parts[:keep] + ([node.module] if node.module else []))
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.append(full if full in modules else base)
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
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

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_finder_sees_a_cycle_through_a_function_level_import() -> None:
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]


def test_graphstore_has_no_import_cycles() -> None:
    assert cycles(import_graph("graphstore")) == []


def _imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_the_package_the_api_and_the_benchmarks_import_no_tests() -> None:
    for package in ("graphstore", "api", "benchmarks"):
        for module, path in _modules(package).items():
            tests = {name for name in _imported_names(path) if name.split(".")[0] == "tests"}
            assert tests == set(), f"{module} imports {tests}"


def test_the_graph_layer_knows_no_server_and_no_schema() -> None:
    edges = import_graph("graphstore")
    assert not {e for e in edges["graphstore.graph"] if e.startswith("graphstore.migrations")}
    assert "graphstore.engine" not in edges["graphstore.graph"]
    assert not {e for e in edges["graphstore.connection"] if "migrations" in e}

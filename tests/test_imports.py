"""The import graph of dtikit, built from the source with ``ast``: no circle, no arrow up.

Every import counts, also one inside a function (``store.commit`` once imported ``versions`` inside
itself while ``versions`` imported ``store``: a circle no run shows until the wrong one comes first).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "dtikit"


def _module_of(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_of(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imported(path: Path, module: str, known: set[str]) -> set[str]:
    """The dtikit modules ``path`` imports (``from a import b`` is module ``a.b`` when that is one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names}
    return {name for name in found if name in known and name != module}


def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imported(path, name, set(modules)) for name, path in modules.items()}


def _circle(edges: dict[str, set[str]]) -> list[str] | None:
    """One circle of ``edges`` (its modules in order, the first repeated at the end), or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_import_graph_of_dtikit_has_no_circle():
    assert _circle(graph()) is None, " -> ".join(_circle(graph()) or [])


def test_the_circle_finder_finds_a_circle_and_none_where_there_is_none():
    assert _circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _circle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_graph_sees_an_import_inside_a_function_and_a_relative_one(tmp_path):
    known = {"dtikit.x", "dtikit.y", "dtikit.z", "dtikit.z.w"}
    source = tmp_path / "x.py"
    source.write_text("def f():\n    from dtikit import y\n    from .z import w\n", encoding="utf-8")
    assert _imported(source, "dtikit.x", known) == {"dtikit.y", "dtikit.z.w"}


def test_runtime_code_imports_nothing_from_the_build_script():
    importers = sorted(name for name, imported in graph().items() if "dtikit.build" in imported)
    assert importers == []


@pytest.mark.parametrize("module", sorted(m for m in _modules() if m.startswith("dtikit.storage")))
def test_storage_imports_only_itself_errors_and_messages(module):
    """The store is at the bottom: analysis, ingest and the CLI import it, never the other way round."""
    allowed = ("dtikit.storage", "dtikit.errors", "dtikit.messages")
    assert {m for m in graph()[module] if not m.startswith(allowed)} == set()


def test_no_module_outside_storage_names_generations_or_the_current_pointer():
    """Generations (``gen-``), ``CURRENT`` and part files are the storage package's own business."""
    told = []
    for name, path in _modules().items():
        if name.startswith(("dtikit.storage", "dtikit.messages")):  # messages name the files to the user
            continue
        text = path.read_text(encoding="utf-8")
        told += [
            f"{name}: {word}" for word in ('"gen-', "CURRENT", '"part-', "write_lock", "tables_dir") if word in text
        ]
    assert told == []

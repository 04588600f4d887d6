"""Dependencies run one way: schemas is the leaf; geometry imports no stage or engine; no cycles.

Imports are read statically (``ast``), wherever they stand: a function-level or
``__getattr__`` import is a dependency too, only a later one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(node: ast.AST, package: str, modules: set[str]) -> Iterable[str]:
    """The modules one import statement loads (``from a import b`` loads ``a.b`` when it is a module)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parts = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*parts, base] if base else parts)
        for alias in node.names:
            full = f"{base}.{alias.name}"
            yield full if full in modules else base


def import_graph(root: Path, package: str = "pipeline") -> dict[str, set[str]]:
    """Module -> the modules of ``package`` it imports, lazy imports included."""
    files = {_module_name(p, root): p for p in (root / package).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = {t for node in ast.walk(tree) for t in _targets(node, here, set(files))}
        graph[name] = {t for t in found if t in files and t != name}
    return graph


def package_graph(graph: dict[str, set[str]], package: str = "pipeline") -> dict[str, set[str]]:
    """The same graph between the parts of ``package``: each folder is one unit, each top-level module another."""
    folders = {n for n in graph if n.count(".") >= 1 and any(m.startswith(n + ".") for m in graph)}

    def unit(name: str) -> str:
        top = ".".join(name.split(".")[:2])
        return top if top in folders else name

    units: dict[str, set[str]] = {}
    for name, deps in graph.items():
        units.setdefault(unit(name), set()).update(unit(d) for d in deps if unit(d) != unit(name))
    # the package's own __init__ is its front door, not a part: leave it out
    return {u: {d for d in deps if d != package} for u, deps in units.items() if u != package}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one node (Tarjan), as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_schemas_import_nothing_from_pipeline():
    for path in (REPO / "schemas").rglob("*.py"):
        assert not any(n.startswith("pipeline") for n in _imports(path)), path


def test_geometry_imports_only_schemas():
    names = _imports(REPO / "pipeline" / "geometry.py")
    assert not any(n.startswith("pipeline") for n in names), names


def test_stages_do_not_import_cli_or_batch():
    for path in (REPO / "pipeline" / "stages").rglob("*.py"):
        names = _imports(path)
        assert not any(n.startswith(("pipeline.cli", "pipeline.batch", "pipeline.commands")) for n in names), path


def test_no_import_cycle_between_modules():
    assert cycles(import_graph(REPO)) == []


def test_no_import_cycle_between_packages():
    assert cycles(package_graph(import_graph(REPO))) == []


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "by_module", "by_package"),
    [
        (  # a lazy import inside a function closes the loop
            {
                "pipeline/__init__.py": "",
                "pipeline/a.py": "import pipeline.b\n",
                "pipeline/b.py": "def f():\n    from pipeline import a\n",
            },
            [["pipeline.a", "pipeline.b"]],
            [["pipeline.a", "pipeline.b"]],
        ),
        (  # two folders importing each other through different modules
            {
                "pipeline/__init__.py": "",
                "pipeline/x/__init__.py": "",
                "pipeline/y/__init__.py": "",
                "pipeline/x/run.py": "from pipeline.y.pool import Pool\n",
                "pipeline/y/pool.py": "from ..x import tasks\n",
                "pipeline/x/tasks.py": "",
            },
            [],
            [["pipeline.x", "pipeline.y"]],
        ),
        (  # a top-level module and a folder importing each other
            {
                "pipeline/__init__.py": "",
                "pipeline/store.py": "from pipeline.x.base import Error\n",
                "pipeline/x/__init__.py": "",
                "pipeline/x/base.py": "",
                "pipeline/x/engine.py": "from pipeline.store import resolve\n",
            },
            [],
            [["pipeline.store", "pipeline.x"]],
        ),
    ],
)
def test_the_cycle_checks_see_lazy_and_package_cycles(tmp_path: Path, files, by_module, by_package):
    root = _tree(tmp_path, files)
    graph = import_graph(root)
    assert cycles(graph) == by_module
    assert cycles(package_graph(graph)) == by_package


def test_importing_pipeline_loads_no_runtime():
    import subprocess
    import sys

    code = "import sys, pipeline, schemas; print('onnxruntime' in sys.modules, 'cv2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.split() == ["False", "False"]

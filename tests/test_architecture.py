"""Dependencies run one way: schemas is the leaf; geometry imports no stage or engine."""

from __future__ import annotations

import ast
from pathlib import Path

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


def test_importing_pipeline_loads_no_runtime():
    import subprocess
    import sys

    code = "import sys, pipeline, schemas; print('onnxruntime' in sys.modules, 'cv2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.split() == ["False", "False"]

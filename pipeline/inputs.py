"""What a batch reads: files, folders (recursive), glob patterns and CSV / JSONL manifests.

A manifest names one scan per row with optional bibliographic facts; they travel into
each page's JSON as ``source.metadata``. Columns (CSV header or JSONL keys): ``path``
(required; relative paths are taken from the manifest's folder), ``paper``, ``date``,
``edition``, ``page_number`` (``page`` also accepted) and ``issue``. Rows sharing an
``issue`` form one document (one METS file for the issue).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); (d / "sub").mkdir()
>>> _ = (d / "sub" / "a.png").write_bytes(b"x"); _ = (d / "notes.txt").write_text("x")
>>> [f.path.name for f in collect_inputs([d])]
['a.png']
"""

from __future__ import annotations

import csv
import glob
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from schemas import PageMetadata

SCAN_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"})
"""File endings picked up when a folder or glob is expanded (files named explicitly are always read)."""

_METADATA_KEYS = ("paper", "date", "edition", "page_number", "issue")
_ALIASES = {"page": "page_number", "file": "path"}


class ManifestError(ValueError):
    """A manifest cannot be read; the message names the file (and row)."""


@dataclass(frozen=True)
class InputFile:
    """One scan file to read, where its outputs go, and which document it belongs to.

    ``out_subdir`` mirrors the file's folder below a folder given on the command line,
    so ``2020/01/p1.png`` and ``2020/02/p1.png`` do not share an output name.
    """

    path: Path
    metadata: PageMetadata | None = None
    out_subdir: Path = Path()
    document: str | None = None

    @property
    def document_key(self) -> str:
        """Files of one ``issue`` share a key; any other file is its own document."""
        return f"issue:{self.document}" if self.document else f"file:{self.path}"


@dataclass(frozen=True)
class UnmatchedInput:
    """A glob pattern or folder that matched no scan file: reported as a failure."""

    pattern: str
    reason: str


def _is_scan(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SCAN_SUFFIXES and not path.name.startswith(".")


def _expand_folder(folder: Path) -> list[InputFile]:
    files = sorted(p for p in folder.rglob("*") if _is_scan(p))
    return [InputFile(path=p, out_subdir=p.parent.relative_to(folder)) for p in files]


def _expand_one(item: str | Path) -> list[InputFile] | UnmatchedInput:
    path = Path(item)
    if path.is_dir():
        found = _expand_folder(path)
        return found or UnmatchedInput(str(item), "folder holds no PNG, JPEG, TIFF or PDF file")
    if not path.exists() and glob.has_magic(str(item)):
        matches = sorted(Path(m) for m in glob.glob(str(item), recursive=True))
        files = [InputFile(path=m) for m in matches if _is_scan(m)]
        return files or UnmatchedInput(str(item), "no scan file matches this pattern")
    # Named explicitly: always read, so a missing or odd file gets the loader's own error.
    return [InputFile(path=path)]


def collect_inputs(
    items: Iterable[str | Path], manifest: Path | None = None, unmatched: list[UnmatchedInput] | None = None
) -> list[InputFile]:
    """Expand command-line inputs and an optional manifest into scan files, duplicates dropped.

    Args:
        items: files, folders (searched recursively) or glob patterns (``**`` allowed).
        manifest: a ``.csv`` or ``.jsonl`` file listing scans with metadata.
        unmatched: if given, receives the patterns and folders that matched nothing.

    Raises:
        ManifestError: the manifest is missing or malformed.
    """
    found: list[InputFile] = []
    for item in items:
        result = _expand_one(item)
        if isinstance(result, UnmatchedInput):
            if unmatched is not None:
                unmatched.append(result)
        else:
            found.extend(result)
    if manifest is not None:
        found.extend(read_manifest(manifest))
    seen: set[str] = set()
    unique = []
    for f in found:
        key = os.path.abspath(f.path)  # not resolve(): two links to one scan are two inputs
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _rows(manifest: Path) -> Iterator[tuple[int, dict[str, object]]]:
    text = manifest.read_text(encoding="utf-8-sig")
    if manifest.suffix.lower() == ".csv":
        for number, row in enumerate(csv.DictReader(text.splitlines()), start=2):
            yield number, {k.strip(): v for k, v in row.items() if k is not None}
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ManifestError(f"{manifest}: line {number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise ManifestError(f"{manifest}: line {number}: expected an object with a 'path'")
        yield number, row


def _manifest_row(manifest: Path, number: int, row: dict[str, object]) -> InputFile:
    row = {_ALIASES.get(k, k): v for k, v in row.items()}
    raw_path = str(row.get("path") or "").strip()
    if not raw_path:
        raise ManifestError(f"{manifest}: row {number}: no 'path'")
    values = {k: str(row[k]).strip() for k in _METADATA_KEYS if row.get(k) not in (None, "")}
    try:
        metadata = PageMetadata(**values) if values else None
    except ValidationError as exc:
        raise ManifestError(f"{manifest}: row {number}: {exc.errors()[0]['msg']}") from None
    path = Path(raw_path)
    if not path.is_absolute():
        path = manifest.parent / path
    return InputFile(path=path, metadata=metadata, document=values.get("issue"))


def read_manifest(manifest: Path) -> list[InputFile]:
    """Rows of a CSV (header row) or JSONL manifest as InputFiles, in file order.

    Raises:
        ManifestError: unreadable file, unknown suffix, a row without ``path``.
    """
    if manifest.suffix.lower() not in (".csv", ".jsonl", ".ndjson"):
        raise ManifestError(f"{manifest}: manifest must be .csv or .jsonl")
    try:
        rows = list(_rows(manifest))
    except OSError as exc:
        raise ManifestError(f"{manifest}: cannot read manifest ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ManifestError(f"{manifest}: malformed manifest ({exc})") from None
    return [_manifest_row(manifest, number, row) for number, row in rows]

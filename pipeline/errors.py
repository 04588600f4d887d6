"""Errors the user sees as one line naming the file."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file cannot be read as a page scan.

    >>> str(InputError("a.png", "empty file"))
    'a.png: empty file'
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class EngineError(RuntimeError):
    """An engine could not be built or run (missing package, missing model)."""

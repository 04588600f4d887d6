"""Failures go two places: one line on stderr and one JSON line in ``OUT/errors.jsonl``.

Pages that were written but warned on the way (a damaged file the decoder could still
read, a header that did not parse) get one JSON line each in ``OUT/warnings.jsonl``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from pipeline.work.tasks import Failure

ERRORS_FILE = "errors.jsonl"
WARNINGS_FILE = "warnings.jsonl"


def append_line(path: Path, record: dict[str, object]) -> None:
    """Append one JSON line in one ``write`` on an ``O_APPEND`` file: a kill cannot leave half an entry."""
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


class ErrorLog:
    """Record failures as they happen, so a killed run still leaves its errors behind.

    Both files are started afresh by each run (failed pages are retried, so they always
    describe the latest run).
    """

    def __init__(self, out_dir: Path, echo: Callable[[str], None], debug: bool = False) -> None:
        self.path = out_dir / ERRORS_FILE
        self.echo = echo
        self.debug = debug
        self.warnings_path = out_dir / WARNINGS_FILE
        self.failures: list[Failure] = []
        self.warned = 0
        self.path.unlink(missing_ok=True)
        self.warnings_path.unlink(missing_ok=True)

    def add(self, failure: Failure) -> None:
        self.failures.append(failure)
        self.echo(failure.line())
        if self.debug and failure.traceback:
            self.echo(failure.traceback.rstrip())
        append_line(self.path, failure.record())

    def warn(self, path: str, page: int | None, warnings: tuple[str, ...]) -> None:
        """Record the warnings of a page that was written (a failed page's go with its failure)."""
        if warnings:
            self.warned += 1
            append_line(self.warnings_path, {"path": path, "page": page, "warnings": list(warnings)})

"""Failures go two places: one line on stderr and one JSON line in ``OUT/errors.jsonl``."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from pipeline.work.tasks import Failure

ERRORS_FILE = "errors.jsonl"


class ErrorLog:
    """Record failures as they happen, so a killed run still leaves its errors behind.

    The file is started afresh by each run (failed pages are retried, so it always
    describes the latest run). Each entry is one ``write`` on an ``O_APPEND`` file:
    a kill cannot leave half an entry in the middle of others.
    """

    def __init__(self, out_dir: Path, echo: Callable[[str], None], debug: bool = False) -> None:
        self.path = out_dir / ERRORS_FILE
        self.echo = echo
        self.debug = debug
        self.failures: list[Failure] = []
        self.path.unlink(missing_ok=True)

    def add(self, failure: Failure) -> None:
        self.failures.append(failure)
        self.echo(failure.line())
        if self.debug and failure.traceback:
            self.echo(failure.traceback.rstrip())
        line = (json.dumps(failure.record(), ensure_ascii=False) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)

"""The units a batch hands out and gets back: one page in, one outcome out.

Everything here is a small frozen dataclass so it pickles cheaply to worker
processes and Ray actors; the page's JSON never travels back, the worker writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.config import PipelineConfig
from schemas import PageMetadata


@dataclass(frozen=True)
class PageTask:
    """One page of one file: the unit that runs in parallel.

    ``stem`` is the output name below OUT without suffix (``sub/issue-p2``);
    ``sha256`` is the file's, computed once per file when the batch is planned.
    """

    path: Path
    page_index: int
    page_count: int
    stem: Path
    metadata: PageMetadata | None = None
    document: str = ""
    sha256: str = ""

    @property
    def page_number(self) -> int | None:
        """1-based page number for multi-page files, None for single pages."""
        return self.page_index + 1 if self.page_count > 1 else None


@dataclass(frozen=True)
class Failure:
    """Why a file or page failed: one stderr line and one ``errors.jsonl`` entry.

    >>> Failure("a b.pdf", 3, "InputError", "cannot render").line()
    'a b.pdf page 3: cannot render'
    """

    path: str
    page: int | None
    error: str
    message: str
    traceback: str | None = None
    warnings: tuple[str, ...] = ()

    def line(self) -> str:
        where = self.path if self.page is None else f"{self.path} page {self.page}"
        return f"{where}: {self.message}"

    def record(self) -> dict[str, str | int | None]:
        return {
            "path": self.path,
            "page": self.page,
            "error": self.error,
            "message": self.message,
            "warnings": list(self.warnings),
            "traceback": self.traceback,
        }


@dataclass(frozen=True)
class WorkSetup:
    """What every worker needs to turn a PageTask into files (built once per worker).

    Attributes:
        config: the pipeline configuration (engine threads already set per worker).
        out_dir: the output folder; must be visible to every worker (shared disk on a cluster).
        page_formats: per-page text formats (keys of ``PAGE_WRITERS``).
        image_outputs: per-page outputs drawn on the scan (keys of ``work.IMAGE_WRITERS``).
    """

    config: PipelineConfig
    out_dir: Path
    page_formats: tuple[str, ...] = ("json",)
    image_outputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageOutcome:
    """What came of one PageTask; ``fatal`` means the setup itself is broken (stop the batch)."""

    task: PageTask
    failure: Failure | None = None
    elapsed_s: float = 0.0
    rss_mb: float = 0.0
    peak_rss_mb: float = 0.0
    pid: int = 0
    fatal: bool = False
    warnings: tuple[str, ...] = ()
    """What the page warned about while it was read, kept for a page that was written too."""

    @property
    def ok(self) -> bool:
        return self.failure is None


def failure_for(
    task: PageTask, error: str, message: str, traceback: str | None = None, warnings: tuple[str, ...] = ()
) -> Failure:
    """A Failure naming ``task``'s file and page."""
    return Failure(str(task.path), task.page_number, error, message, traceback, warnings)

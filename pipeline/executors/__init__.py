"""Executors run PageTasks through PageWorkers: in this process, in local processes, or on Ray.

Every executor yields one :class:`~pipeline.work.tasks.PageOutcome` per task, in
completion order, and turns a page that overruns its timeout or kills its worker
into a failed outcome; the workers write the files, so every executor writes the
same ones.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Protocol

from pipeline.work.tasks import PageOutcome, PageTask, WorkSetup


class Executor(Protocol):
    """Runs page tasks; see the module docstring."""

    def run(self, setup: WorkSetup, tasks: Sequence[PageTask]) -> Iterator[PageOutcome]: ...


def available_cores() -> int:
    """Cores this process may use (the CPU affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def threads_per_worker(workers: int, requested: int = 0, cores: int | None = None) -> int:
    """Inference threads each worker gets so that workers x threads fits the cores.

    >>> threads_per_worker(2, cores=8), threads_per_worker(16, cores=8), threads_per_worker(2, 3, cores=8)
    (4, 1, 3)
    """
    if requested > 0:
        return requested
    return max(1, (cores or available_cores()) // max(1, workers))

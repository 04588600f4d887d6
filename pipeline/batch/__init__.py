"""Many files, many pages: plan, run in parallel (local processes or Ray), resume, report.

Modules: ``tasks`` (the picklable units), ``pages`` (count pages, load page N),
``plan`` (to-do vs done), ``work`` (the per-page work), ``report`` (errors.jsonl),
``documents`` (METS / JSONL per document), ``run`` (``run_batch``). The executors
that run the work live in :mod:`pipeline.executors`.

>>> from pipeline.batch import BatchOptions, run_batch  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

__all__ = ["BatchOptions", "BatchResult", "run_batch"]


def __getattr__(name: str) -> Any:
    # Lazy, so that worker processes importing pipeline.batch.tasks do not pull in the
    # whole batch driver (and executors importing tasks do not import themselves).
    if name in __all__:
        from pipeline.batch import run

        return getattr(run, name)
    raise AttributeError(name)

"""Many files, many pages: plan, run in parallel (local processes or Ray), resume, report.

Modules: ``plan`` (to-do vs done), ``provenance`` (what makes a page current),
``lock`` (one run per output folder), ``report`` (errors.jsonl), ``documents``
(METS / JSONL per document), ``run`` (``run_batch``). The per-page work lives in
:mod:`pipeline.work`, the executors that run it in :mod:`pipeline.executors`.

>>> from pipeline.batch import BatchOptions, run_batch  # doctest: +SKIP
"""

from __future__ import annotations

from pipeline.batch.run import BatchOptions, BatchResult, run_batch

__all__ = ["BatchOptions", "BatchResult", "run_batch"]

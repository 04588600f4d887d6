"""The ``rss`` section of ``scripts/bench.py``: resident memory over 100+ pages in one process.

A leak shows only over many pages, and full pages cost seconds each, so this section
reads a small piece of the smallest sample (``PIECE`` pixels from its top left, its own
dpi kept) ``--rss-pages`` times through the whole pipeline in the bench's own process,
handing the C heap's free pages back after each page as a batch worker does, and prints
the resident set size every ``EVERY`` pages. The first pages grow onnxruntime's arenas
to the largest shapes they meet (a plateau); a leak keeps growing, so the figure to read
is the trend over the second half of the run (least squares, MiB per 100 pages).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.naming import page_stem
from pipeline.stages.load import LoadedPage, iter_pages
from pipeline.state import RunContext, SourceRef
from pipeline.work.worker import memory_mb, release_free_memory

PIECE = (1200, 900)
"""(height, width) of the piece read again and again: a few columns of body type and a headline."""
EVERY = 20
"""Print the RSS every this many pages."""


def _piece(scans: list[Path], config: Any) -> tuple[Path, LoadedPage] | None:
    """The top-left ``PIECE`` of the first page of the smallest scan (by file size)."""
    for scan in sorted(scans, key=lambda p: p.stat().st_size):
        for loaded in iter_pages(scan, config.load):
            h, w = PIECE
            image = np.ascontiguousarray(loaded.image[:h, :w])
            return scan, LoadedPage(image, loaded.dpi, 0, 1, loaded.format)
    return None


def trend_per_100(rss: list[float]) -> float:
    """Least-squares slope of the second half of ``rss`` (one value per page), MiB per 100 pages.

    >>> round(trend_per_100([10.0, 10.0, 11.0, 12.0, 13.0, 14.0]), 1)
    100.0
    """
    half = rss[len(rss) // 2 :]
    return 100 * float(np.polyfit(range(len(half)), half, 1)[0]) if len(half) > 2 else 0.0


def rss(bench: Any) -> None:
    """RSS every ``EVERY`` pages over ``bench.rss_pages`` small pages in one process, and its trend."""
    found = _piece(bench.scans, bench.config)
    if found is None:
        bench.console.print("[yellow]rss: no page could be loaded[/]")
        return
    scan, loaded = found
    pipe, pages = bench.pipeline, bench.rss_pages
    source = SourceRef(scan, 0, 1, "", loaded.format)
    bench.console.print(
        f"RSS over {pages} pages in one process ({page_stem(scan, 0, 1)}, top-left "
        f"{loaded.image.shape[1]}x{loaded.image.shape[0]} px, read again and again)"
    )
    seen: list[float] = []
    start = time.perf_counter()
    for n in range(1, pages + 1):
        pipe.run_page(loaded, source, RunContext())
        release_free_memory()
        now, peak = memory_mb()
        seen.append(now)
        if n % EVERY == 0 or n == pages:
            stretch = (time.perf_counter() - start) / (EVERY if n % EVERY == 0 else n % EVERY)
            bench.console.print(f"  page {n:4}: RSS {now:6.0f} MiB, peak {peak:6.0f} MiB, {stretch:.2f} s/page")
            start = time.perf_counter()
    growth = seen[-1] - seen[min(len(seen) - 1, EVERY - 1)]
    bench.console.print(
        f"  RSS growth from page {min(len(seen), EVERY)} to {len(seen)}: {growth:+.0f} MiB; "
        f"trend over the second half {trend_per_100(seen):+.1f} MiB per 100 pages",
        style="bold",
    )

"""The ``batch`` section of ``scripts/bench.py``: throughput, memory and overhead of ``broadsheet extract``.

Runs the real batch (worker processes, files written) over the sample pages:

- seconds per page and pages per minute with 1 and 2 workers, with the cores split
  between them as the CLI does and with one thread per worker; the speed-up of 2
  workers over 1 at equal threads per worker (how the pool scales) and against one
  worker using every core (what a second worker adds on this machine);
- peak RSS of each worker;
- RSS growth per worker over a run of at least 100 pages (the samples repeated),
  compared between the start and the end of the run;
- the pipeline's time against the raw OCR engine on the same pages (from the shared
  passes of :class:`bench.Bench`).

It takes minutes, so it runs only with ``--only batch`` or ``--long``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from rich.table import Table

from pipeline.batch import BatchOptions, BatchResult, run_batch
from pipeline.executors import available_cores, threads_per_worker
from pipeline.inputs import InputFile, collect_inputs
from pipeline.work.pages import count_pages
from pipeline.work.tasks import PageOutcome

LONG_RUN_PAGES = 100


def _run(
    files: Sequence[InputFile], bench: Any, out: Path, workers: int, threads: int = 0
) -> tuple[BatchResult, float]:
    """One batch run; a page timeout is set so that one worker also runs in a worker process, like two."""
    config = bench.config.model_copy(update={"ocr": bench.config.ocr.model_copy(update={"threads": threads})})
    options = BatchOptions(out_dir=out, workers=workers, force=True, quiet=True, page_timeout=3600.0)
    start = time.perf_counter()
    result = run_batch(files, config, options)
    return result, time.perf_counter() - start


def _repeated(scans: Sequence[Path], folder: Path, pages_per_round: int) -> list[InputFile]:
    """Symlinks to the scans, in as many rounds as it takes to pass LONG_RUN_PAGES pages."""
    rounds = -(-LONG_RUN_PAGES // max(1, pages_per_round))
    for r in range(rounds):
        (folder / f"round{r:03d}").mkdir(parents=True)
        for scan in scans:
            (folder / f"round{r:03d}" / scan.name).symlink_to(scan.resolve())
    return collect_inputs([folder])


def _growth(outcomes: Sequence[PageOutcome]) -> dict[int, tuple[float, float, float, float]]:
    """Per worker pid: peak RSS, RSS over its first fifth of pages (after the first), over its last
    fifth, and the trend over its second half in MB per 100 pages.

    Maxima over a fifth of the run, not single pages, so one large page does not look like a leak.
    The first pages grow onnxruntime's arena and the C heap until every line shape has been seen
    (a plateau, not a leak); a leak keeps growing, so the least-squares slope over the second half
    of the run is the figure to hold against a limit.
    """
    by_pid: dict[int, list[PageOutcome]] = defaultdict(list)
    for outcome in outcomes:
        by_pid[outcome.pid].append(outcome)
    rows = {}
    for pid, seen in by_pid.items():
        fifth = max(1, len(seen) // 5)
        warm = seen[1:] if len(seen) > 2 else seen
        start = max(o.rss_mb for o in warm[:fifth])
        end = max(o.rss_mb for o in seen[-fifth:])
        half = seen[len(seen) // 2 :]
        slope = float(np.polyfit(range(len(half)), [o.rss_mb for o in half], 1)[0]) if len(half) > 2 else 0.0
        rows[pid] = (max(o.peak_rss_mb for o in seen), start, end, 100 * slope)
    return rows


THROUGHPUT_RUNS = ((1, 0), (1, 1), (2, 0))
"""(workers, threads per worker; 0 = the cores split between the workers, as the CLI does)."""


def _throughput_table(bench: Any, tmp: Path, files: Sequence[InputFile]) -> None:
    table = Table(title="batch throughput (full pages, files written)", title_justify="left")
    for col in ("workers", "threads/worker", "pages", "wall s", "s/page", "pages/min", "peak RSS/worker MiB"):
        table.add_column(col, justify="right")
    walls: dict[tuple[int, int], float] = {}
    for workers, threads in THROUGHPUT_RUNS:
        result, wall = _run(files, bench, tmp / f"w{workers}t{threads}", workers, threads)
        pages = max(1, len(result.outcomes))
        used = threads_per_worker(workers, threads)
        walls[(workers, used)] = wall
        peak = max((o.peak_rss_mb for o in result.outcomes), default=0.0)
        table.add_row(
            str(workers),
            str(used),
            str(pages),
            f"{wall:.1f}",
            f"{wall / pages:.2f}",
            f"{60 * pages / wall:.1f}",
            f"{peak:.0f}",
        )
    bench.console.print(table)
    cores = available_cores()
    two = walls.get((2, threads_per_worker(2)))
    one_same = walls.get((1, threads_per_worker(2)))
    one_all = walls.get((1, cores))
    if two and one_same:
        bench.console.print(
            f"worker scaling, same threads per worker: 2 workers = {one_same / two:.2f}x the throughput of 1 "
            "(target >= 1.8x)"
        )
    if two and one_all:
        bench.console.print(
            f"on these {cores} cores: 2 workers x {threads_per_worker(2)} thread(s) = {one_all / two:.2f}x "
            f"1 worker x {cores} threads"
        )


def _memory_table(bench: Any, tmp: Path, scans: Sequence[Path], pages_per_round: int) -> None:
    files = _repeated(scans, tmp / "long", pages_per_round)
    result, wall = _run(files, bench, tmp / "long-out", 2)
    pages = max(1, len(result.outcomes))
    title = f"RSS over a {pages}-page run, 2 workers ({wall:.0f} s, {wall / pages:.2f} s/page)"
    table = Table(title=title, title_justify="left")
    columns = ("worker pid", "pages", "peak MiB", "first fifth MiB", "last fifth MiB", "growth MiB", "trend MiB/100 p")
    for col in columns:
        table.add_column(col, justify="right")
    counts = defaultdict(int)
    for outcome in result.outcomes:
        counts[outcome.pid] += 1
    for pid, (peak, start, end, trend) in _growth(result.outcomes).items():
        cells = (f"{peak:.0f}", f"{start:.0f}", f"{end:.0f}", f"{end - start:+.0f}", f"{trend:+.0f}")
        table.add_row(str(pid), str(counts[pid]), *cells)
    bench.console.print(table)
    if result.failures:
        bench.console.print(f"[red]{len(result.failures)} page(s) failed in the long run[/]")


def _versus_raw(bench: Any) -> None:
    runs, raws = bench.runs, bench.raw_runs
    if not runs or not raws:
        return
    pipe_s, raw_s = sum(r.seconds for r in runs), sum(r.seconds for r in raws)
    ratio = pipe_s / raw_s if raw_s else float("nan")
    median_ratio = statistics.median(r.seconds for r in runs) / statistics.median(r.seconds for r in raws)
    bench.console.print(
        f"pipeline vs raw engine, same {len(runs)} pages, same process: {pipe_s:.1f} s vs {raw_s:.1f} s "
        f"= {ratio:.2f}x (median page {median_ratio:.2f}x)"
    )


def batch(bench: Any) -> None:
    """Throughput with 1 and 2 workers, RSS per worker over 100+ pages, pipeline vs raw engine."""
    scans = bench.scans
    files = collect_inputs(scans)
    if bench.max_pages is not None:
        files = files[: bench.max_pages]
        scans = [f.path for f in files]
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as name:
        tmp = Path(name)
        _throughput_table(bench, tmp, files)
        pages_per_round = sum(count_pages(scan) for scan in scans)
        _memory_table(bench, tmp, scans, pages_per_round)
    _versus_raw(bench)

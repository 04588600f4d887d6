"""The ``batch`` section of ``scripts/bench.py``: throughput, memory and overhead of ``broadsheet extract``.

Runs the real batch (worker processes, files written) over the sample pages:

- the workers x threads table (``--only workers`` alone): seconds per page, per 17.5 MP and
  pages per minute for 1 x 1, 1 x 2, 2 x 1 and 2 x 2, each run twice in rotated order;
- peak RSS of each worker;
- RSS growth per worker over a run of at least 100 pages (the samples repeated),
  compared between the start and the end of the run;
- the pipeline's time against the raw OCR engine on the same pages (from the shared
  passes of :class:`bench.Bench`).

It takes minutes, so it runs only with ``--only batch`` or ``--long``.
"""

from __future__ import annotations

import json
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
BROADSHEET_MP = 17.5
"""Megapixels of a full 300-dpi broadsheet page: the unit of the s/page target."""


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


THROUGHPUT_RUNS = ((1, 1), (1, 2), (2, 1), (2, 2))
"""(workers, threads per worker): one worker with one and with two threads, two with one each
(the default on 2 cores: one worker per core, the cores split between them), two with two each
(the cores oversubscribed)."""
THROUGHPUT_ROUNDS = 2
"""Each configuration runs this many times, the order rotated between rounds (the machine may be shared)."""


def _megapixels(out: Path) -> float:
    """Megapixels of the pages a run wrote (from their JSON)."""
    pages = [json.loads(f.read_text()) for f in out.glob("*.json") if not f.name.startswith(".")]
    return sum(p["width"] * p["height"] for p in pages if "width" in p) / 1e6


def _throughput_table(bench: Any, tmp: Path, files: Sequence[InputFile], rounds: int = THROUGHPUT_ROUNDS) -> None:
    """Pages per second for each (workers, threads), worker start-up included, median of the rounds."""
    walls: dict[tuple[int, int], list[float]] = defaultdict(list)
    peaks: dict[tuple[int, int], float] = defaultdict(float)
    pages, megapixels = 0, 0.0
    for r in range(rounds):
        runs = THROUGHPUT_RUNS[r % len(THROUGHPUT_RUNS) :] + THROUGHPUT_RUNS[: r % len(THROUGHPUT_RUNS)]
        for workers, threads in runs:
            out = tmp / f"r{r}w{workers}t{threads}"
            result, wall = _run(files, bench, out, workers, threads)
            pages, megapixels = max(1, len(result.outcomes)), _megapixels(out)
            walls[(workers, threads)].append(wall)
            peak = max((o.peak_rss_mb for o in result.outcomes), default=0.0)
            peaks[(workers, threads)] = max(peaks[(workers, threads)], peak)
    default = (available_cores(), threads_per_worker(available_cores()))
    title = (
        f"workers x threads: {pages} pages ({megapixels:.1f} MP), files written, worker start-up included, "
        f"median of {rounds} round(s) in rotated order ({available_cores()} cores; machine may be shared)"
    )
    table = Table(title=title, title_justify="left")
    cols = ("workers x threads", "wall s", "s/page", f"s per {BROADSHEET_MP} MP", "pages/min", "vs 1 x 2")
    for col in (*cols, "peak RSS/worker MiB"):
        table.add_column(col, justify="right")
    base = statistics.median(walls.get((1, 2), [float("nan")]))
    for key in THROUGHPUT_RUNS:
        wall = statistics.median(walls[key])
        label = f"{key[0]} x {key[1]}" + (" (default)" if key == default else "")
        per_mp = wall / megapixels * BROADSHEET_MP if megapixels else float("nan")
        cells = (f"{wall:.1f}", f"{wall / pages:.2f}", f"{per_mp:.2f}", f"{60 * pages / wall:.1f}")
        table.add_row(label, *cells, f"{base / wall:.2f}x", f"{peaks[key]:.0f}")
        if key == default:
            bench.throughput.update(label=f"{key[0]} x {key[1]}", s_per_page=wall / pages, s_per_mp=per_mp)
    bench.console.print(table)


def workers(bench: Any) -> None:
    """The workers x threads table alone (``--only workers``; part of ``batch`` too)."""
    files = collect_inputs(bench.scans)
    if bench.max_pages is not None:
        files = files[: bench.max_pages]
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as name:
        _throughput_table(bench, Path(name), files)


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

"""``run_batch``: plan the pages, run the missing ones on an executor, report, write documents.

>>> from pipeline.config import PipelineConfig
>>> result = run_batch([], PipelineConfig(), BatchOptions(out_dir=Path("/tmp/none"), quiet=True))
>>> result.exit_code
0
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pipeline.batch.documents import DocumentTracker
from pipeline.batch.lock import folder_lock
from pipeline.batch.plan import Plan, plan_batch
from pipeline.batch.report import ErrorLog
from pipeline.config import PipelineConfig
from pipeline.errors import EngineError
from pipeline.executors import Executor, available_cores, threads_per_worker
from pipeline.formats.writers import PAGE_WRITERS
from pipeline.inputs import InputFile, UnmatchedInput
from pipeline.progress import BatchProgress
from pipeline.work.tasks import Failure, PageOutcome, WorkSetup

_STALE_TMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what pipeline.atomic leaves when killed mid-write


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs (the CLI's ``extract`` options).

    ``workers`` 0 means one per available core; ``page_timeout`` None means no limit.
    """

    out_dir: Path
    formats: tuple[str, ...] = ("json",)
    image_outputs: tuple[str, ...] = ()
    workers: int = 0
    executor: Literal["local", "ray"] = "local"
    address: str | None = None
    force: bool = False
    quiet: bool = False
    debug: bool = False
    page_timeout: float | None = None


@dataclass
class BatchResult:
    """Counts of one run, its failures and each page's outcome (timings, memory)."""

    written: int = 0
    skipped: int = 0
    redone: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    outcomes: list[PageOutcome] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


def sweep_stale_tmp(out_dir: Path) -> int:
    """Delete temporary files a killed run left mid-write; returns how many.

    Only called while holding the folder's lock: no other run can be writing there,
    so every temporary file in it is a dead run's.
    """
    if not out_dir.is_dir():
        return 0
    stale = [p for p in out_dir.rglob(".*.tmp") if _STALE_TMP.match(p.name) and p.is_file()]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def make_executor(options: BatchOptions, config: PipelineConfig, pages: int) -> tuple[Executor, PipelineConfig]:
    """The executor for ``options`` and the config its workers use (threads set per worker)."""
    workers = max(1, min(options.workers or available_cores(), pages))
    threads = threads_per_worker(workers, config.ocr.threads)
    config = config.model_copy(update={"ocr": config.ocr.model_copy(update={"threads": threads})})
    if options.executor == "ray":
        from pipeline.executors.ray_executor import RayExecutor

        return RayExecutor(workers, threads, options.page_timeout, options.address), config
    from pipeline.executors.local import InlineExecutor, ProcessExecutor

    if workers == 1 and options.page_timeout is None:
        return InlineExecutor(), config
    return ProcessExecutor(workers, threads, options.page_timeout), config


def _execute(
    plan: Plan, setup: WorkSetup, options: BatchOptions, log: ErrorLog, bar: BatchProgress, chosen: Executor | None
) -> BatchResult:
    result = BatchResult(skipped=len(plan.done), redone=dict(plan.redone))
    tracker = DocumentTracker(plan, setup, options.formats)
    for failure in tracker.start():
        log.add(failure)
        bar.failure_outside_pages()
    if not plan.todo:
        return result  # nothing to read: no engine is built
    if chosen is None:
        executor, config = make_executor(options, setup.config, len(plan.todo))
    else:
        executor, config = chosen, setup.config
    setup = WorkSetup(config, setup.out_dir, setup.page_formats, setup.image_outputs)
    outcomes = executor.run(setup, plan.todo)
    try:
        for outcome in outcomes:
            if outcome.fatal and outcome.failure is not None:
                raise EngineError(outcome.failure.message)
            result.outcomes.append(outcome)
            result.written += outcome.ok
            bar.advance(outcome.ok)
            if outcome.failure:
                log.add(outcome.failure)
            else:
                log.warn(str(outcome.task.path), outcome.task.page_number, outcome.warnings)
            for failure in tracker.page_done(outcome):
                log.add(failure)
                bar.failure_outside_pages()
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()  # stops worker pools / actors even when the loop is left early
    return result


def run_batch(
    files: Sequence[InputFile],
    config: PipelineConfig,
    options: BatchOptions,
    unmatched: Sequence[UnmatchedInput] = (),
    executor: Executor | None = None,
) -> BatchResult:
    """Extract every page of ``files`` into ``options.out_dir``; failures never stop the batch.

    Pages already done are skipped unless ``options.force``. JSON is always written
    (it is the batch's record of a finished page); ``options.formats`` adds the others.
    ``executor`` replaces the one ``options`` would choose (e.g. an InlineExecutor
    holding models already loaded).

    Raises:
        EngineError: the engine cannot be built (a set-up problem, not a page's).
        FolderLocked: another live run is writing into ``options.out_dir``.
    """
    with folder_lock(options.out_dir):
        return _locked_run(files, config, options, unmatched, executor)


def redone_line(redone: dict[str, int]) -> str:
    """The summary's second line: how many finished pages were done again, and why.

    >>> redone_line({"input changed": 1, "engine changed (rapidocr->paddleocr)": 3})
    'extract: 4 pages redone: engine changed (rapidocr->paddleocr) 3, input changed 1'
    """
    reasons = ", ".join(f"{why} {n}" for why, n in sorted(redone.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"extract: {sum(redone.values())} pages redone: {reasons}"


def _locked_run(
    files: Sequence[InputFile],
    config: PipelineConfig,
    options: BatchOptions,
    unmatched: Sequence[UnmatchedInput],
    executor: Executor | None,
) -> BatchResult:
    out_dir = options.out_dir
    sweep_stale_tmp(out_dir)
    page_formats = tuple(dict.fromkeys(["json", *(f for f in options.formats if f in PAGE_WRITERS)]))
    setup = WorkSetup(config, out_dir, page_formats, options.image_outputs)
    plan = plan_batch(list(files), setup, force=options.force)
    early = [Failure(u.pattern, None, "InputError", u.reason) for u in unmatched] + plan.failures
    with BatchProgress(total=len(plan.todo), skipped=len(plan.done), quiet=options.quiet) as bar:
        log = ErrorLog(out_dir, bar.echo, debug=options.debug)
        for failure in early:
            log.add(failure)
            bar.failure_outside_pages()
        result = _execute(plan, setup, options, log, bar, executor)
    result.failures = log.failures
    if not options.quiet:
        bar.echo(bar.summary())
        if result.redone:
            bar.echo(redone_line(result.redone))
        if log.warned:
            bar.echo(f"extract: {log.warned} pages written with warnings, see {log.warnings_path}")
    return result

"""Local executors: the page work in this process, or in a pool of worker processes.

Worker processes are started with ``spawn`` (no inherited threads or model state),
load the models once each (pool initializer), and are capped to their share of the
cores: onnxruntime through ``OcrOptions.threads``, OpenMP / BLAS through the
environment they start with, OpenCV through ``cv2.setNumThreads``. The pool comes
from `pebble`, which kills and replaces a worker whose page overruns the timeout.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from functools import cache

from pipeline.runner import Pipeline
from pipeline.work.tasks import PageOutcome, PageTask, WorkSetup, failure_for
from pipeline.work.worker import PageWorker

_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


@contextlib.contextmanager
def thread_env(threads: int) -> Iterator[None]:
    """Set the thread-count variables that child processes start with; restore them after."""
    saved = {k: os.environ.get(k) for k in _THREAD_ENV}
    os.environ.update({k: str(threads) for k in _THREAD_ENV})
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the batch process dies (even by SIGKILL),
    so an orphan cannot write a page behind the back of the run that resumes it."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG


@cache
def _worker(setup: WorkSetup) -> PageWorker:
    """This process's PageWorker (one per process: built on first use, then reused)."""
    return PageWorker(setup)


def _init_worker(setup: WorkSetup, threads: int) -> None:
    _die_with_parent()
    import cv2

    cv2.setNumThreads(threads)
    # A failure here would make the pool restart the worker forever; the first task
    # builds the worker again and reports the error instead.
    with contextlib.suppress(Exception):
        _worker(setup)


def _run_task(setup: WorkSetup, task: PageTask) -> PageOutcome:
    try:
        worker = _worker(setup)
    except Exception as exc:  # the engine cannot be built: the whole batch must stop
        return PageOutcome(task, failure_for(task, type(exc).__name__, str(exc)), fatal=True)
    return worker(task)


@dataclass(frozen=True)
class InlineExecutor:
    """Pages one after another in this process: the cheapest way to run one worker.

    ``pipeline`` reuses models already loaded here (a notebook, a test session).
    """

    pipeline: Pipeline | None = None

    def run(self, setup: WorkSetup, tasks: Sequence[PageTask]) -> Iterator[PageOutcome]:
        if self.pipeline is None:
            yield from (_run_task(setup, task) for task in tasks)
            return
        worker = PageWorker(setup, self.pipeline)
        yield from (worker(task) for task in tasks)


@dataclass(frozen=True)
class ProcessExecutor:
    """A pool of ``workers`` processes; ``page_timeout`` seconds per page (None: no limit)."""

    workers: int
    threads: int
    page_timeout: float | None = None

    def _outcome(self, task: PageTask, future: Future[PageOutcome]) -> PageOutcome:
        from pebble import ProcessExpired

        try:
            return future.result()
        except TimeoutError:
            return PageOutcome(task, failure_for(task, "Timeout", f"timed out after {self.page_timeout:g} s"))
        except ProcessExpired as exc:
            message = f"worker process died (exit code {exc.exitcode}); out of memory?"
            return PageOutcome(task, failure_for(task, "WorkerDied", message))
        except Exception as exc:  # a task that could not even be sent or received
            return PageOutcome(task, failure_for(task, type(exc).__name__, f"{type(exc).__name__}: {exc}"))

    def run(self, setup: WorkSetup, tasks: Sequence[PageTask]) -> Iterator[PageOutcome]:
        from pebble import ProcessPool

        context = multiprocessing.get_context("spawn")
        with thread_env(self.threads):
            pool = ProcessPool(
                max_workers=self.workers, initializer=_init_worker, initargs=(setup, self.threads), context=context
            )
            try:
                # Futures are submitted up front: pebble queues them and times each from its start.
                futures = {pool.schedule(_run_task, args=(setup, t), timeout=self.page_timeout): t for t in tasks}
                pending = set(futures)
                while pending:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        yield self._outcome(futures[future], future)
            finally:
                pool.stop()
                pool.join()

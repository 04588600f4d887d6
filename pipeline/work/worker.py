"""The per-page work every executor runs: load one page, run the pipeline, write its files.

A :class:`PageWorker` is built once per worker process or Ray actor (that is when the
models load) and then called once per page. It never raises for a bad page: every
problem comes back as a :class:`~pipeline.work.tasks.Failure` in the outcome, so a
batch goes on whatever one page does.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import resource
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

from pipeline.errors import InputError
from pipeline.formats.writers import PAGE_WRITERS
from pipeline.runner import Pipeline
from pipeline.stages.load import LoadedPage, file_sha256
from pipeline.state import SourceRef
from pipeline.work.pages import load_page
from pipeline.work.tasks import PageOutcome, PageTask, WorkSetup, failure_for
from schemas import Page

ImageWriter = Callable[[Page, np.ndarray, Path], None]

IMAGE_WRITERS: dict[str, tuple[str, str]] = {"overlay": (".overlay.jpg", "pipeline.overlay:write_overlay")}
"""Per-page outputs drawn on the scan: name -> (suffix, ``module:function(page, image, path)``)."""


def page_suffixes(setup: WorkSetup) -> list[str]:
    """Suffixes of every per-page file ``setup`` asks for (JSON first)."""
    text = [PAGE_WRITERS[f][0] for f in setup.page_formats]
    return text + [IMAGE_WRITERS[name][0] for name in setup.image_outputs]


def _image_writer(name: str) -> ImageWriter:
    module_name, func = IMAGE_WRITERS[name][1].split(":")
    return getattr(importlib.import_module(module_name), func)  # type: ignore[no-any-return]


def scan_canvas(loaded: LoadedPage) -> np.ndarray:
    """The page's image where it lies in its scan (one page of a spread on the frame's blank ground)."""
    if loaded.scan_shape is None:
        return loaded.image
    canvas = np.full((*loaded.scan_shape, *loaded.image.shape[2:]), 255, np.uint8)
    x, y = loaded.offset
    canvas[y : y + loaded.image.shape[0], x : x + loaded.image.shape[1]] = loaded.image
    return canvas


def release_free_memory() -> None:
    """Hand the C heap's free pages back to the OS (glibc ``malloc_trim``).

    A page frees hundreds of MB of image and tensor buffers; glibc keeps much of that
    mapped, so a worker's RSS sat about 100 MB above what it used. A no-op off glibc.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # musl and other C libraries have no malloc_trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def memory_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB."""
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak = peak_kb / 1024 if sys.platform != "darwin" else peak_kb / 2**20
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20, peak
    except (OSError, ValueError, IndexError):
        return peak, peak


def _texts(caught: list[warnings.WarningMessage]) -> tuple[str, ...]:
    """Each distinct warning once, as ``Category: message``."""
    return tuple(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught))


class PageWorker:
    """Models load in ``__init__`` (or come with ``pipeline``); each call reads one page and writes its files.

    JSON is written last: a page whose JSON exists has all its other files, which is
    what the resume check relies on. Each file is written atomically by its writer.
    A failure to build the models raises here (the executors stop the batch); a
    failure on a page, whatever its type, comes back in that page's outcome.
    """

    def __init__(self, setup: WorkSetup, pipeline: Pipeline | None = None) -> None:
        self.setup = setup
        self.pipeline = pipeline or Pipeline(setup.config)
        self._image_writers = [(IMAGE_WRITERS[n][0], _image_writer(n)) for n in setup.image_outputs]

    @staticmethod
    def _source(task: PageTask, page_count: int, fmt: str) -> SourceRef:
        sha = task.sha256 or file_sha256(task.path)  # planned once per file; InputError if it vanished
        return SourceRef(
            path=task.path,
            page_index=task.page_index,
            page_count=page_count,
            sha256=sha,
            format=fmt,
            metadata=task.metadata,
        )

    def _run(self, task: PageTask) -> None:
        loaded = load_page(task.path, task.page_index, self.setup.config.load)
        page = self.pipeline.run_page(loaded, self._source(task, loaded.page_count, loaded.format))
        base = self.setup.out_dir / task.stem
        for suffix, write_image in self._image_writers:
            write_image(page, scan_canvas(loaded), base.with_name(base.name + suffix))
        for fmt in sorted(self.setup.page_formats, key=lambda f: f == "json"):  # JSON last
            suffix, writer = PAGE_WRITERS[fmt]
            writer(page, base.with_name(base.name + suffix))

    def __call__(self, task: PageTask) -> PageOutcome:
        start = time.perf_counter()
        failure = None
        with warnings.catch_warnings(record=True) as caught:
            # Recorded, not printed: decoders warn about damage they then fail on, and the
            # page's one failure line says it; errors.jsonl keeps the warnings for diagnosis.
            warnings.simplefilter("always")
            try:
                self._run(task)
            except InputError as exc:
                failure = failure_for(task, "InputError", exc.reason, traceback.format_exc(), _texts(caught))
            except Exception as exc:  # any bug on one page is that page's failure, not the batch's
                message = f"{type(exc).__name__}: {exc}".splitlines()[0]
                failure = failure_for(task, type(exc).__name__, message, traceback.format_exc(), _texts(caught))
        release_free_memory()
        rss, peak = memory_mb()
        elapsed = time.perf_counter() - start
        return PageOutcome(task, failure, elapsed, rss, peak, os.getpid(), warnings=_texts(caught))

"""onnxruntime sessions built with measured options, and a clock on each model call.

Measured on the 2-core machine with PP-OCRv6 small recognition, crops of a 300-dpi
broadsheet page sorted by width, median of three passes (the machine was shared):

- graph optimisation ``ORT_ENABLE_ALL`` is needed: ``BASIC`` costs ~1.6x, ``EXTENDED``
  is within noise of ``ALL``;
- the memory arena and intra-op spinning change nothing outside the noise (+-15 %), so
  the arena stays on (fewer allocations per call) and spinning stays at its default;
- the memory pattern is off: it plans one block per input shape and the arena keeps every
  block it was given, so each new page size (detection) and crop width (recognition) grew
  the process: a second detection of the same 300-dpi page took RSS from 0.93 to 1.55 GiB,
  with the pattern off it stays at 0.93 GiB. Time: detection 4.5 s against 5.4 s, recognition
  0.93x, interleaved in one process (within the noise of the shared machine). Detection
  without the arena would hand its ~0.8 GiB back after each page, but took 2.3x the time
  (2.3 s against 1.0 s on a quiet moment, four calls each, interleaved), so the arena stays;
- two intra-op threads read ~1.7x faster than one on two cores; inter-op threads stay 1
  (the graphs are sequential).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class EngineProfile:
    """Seconds spent per named part of the engine since the last ``reset``.

    >>> p = EngineProfile(); p.add("rec.model", 0.5); p.add("rec.model", 0.25); p.take()
    {'rec.model': 0.75}
    >>> p.take()
    {}
    """

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    counts: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    """Quantities that are not seconds (``rec.px_read``, ``rec.px_crops``: pixel columns at line height)."""

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] += seconds

    def count(self, name: str, amount: float) -> None:
        self.counts[name] += amount

    def take(self) -> dict[str, float]:
        """The seconds so far, then start again from zero (counts too)."""
        out = dict(self.seconds)
        self.seconds.clear()
        return out

    def take_counts(self) -> dict[str, float]:
        """The counts so far, then start them again from zero."""
        out = dict(self.counts)
        self.counts.clear()
        return out


@dataclass(frozen=True)
class SessionTuning:
    """The onnxruntime options that change speed or memory; the defaults are the measured choice.

    ``scripts/bench_rec.py`` builds one session per variant and times them side by side.
    """

    arena: bool = True
    mem_pattern: bool = False
    optimization: str = "all"
    """``basic``, ``extended`` or ``all`` (``ORT_ENABLE_*``)."""
    spinning: bool = True
    """Intra-op threads spin waiting for work (onnxruntime's default); nothing to spin with one thread."""
    parallel: bool = False
    """``ORT_PARALLEL`` execution mode (inter-op threads = intra-op threads) instead of sequential."""


def build_session(model: Path, threads: int, tuning: SessionTuning = SessionTuning()) -> Any:
    """A CPU InferenceSession with the options measured above (``tuning`` for comparisons)."""
    import onnxruntime as ort

    levels = {
        "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
        "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
    }
    opts = ort.SessionOptions()
    opts.log_severity_level = 4
    opts.enable_cpu_mem_arena = tuning.arena
    opts.enable_mem_pattern = tuning.mem_pattern
    opts.graph_optimization_level = levels[tuning.optimization]
    opts.intra_op_num_threads = threads
    if tuning.parallel:
        opts.execution_mode = ort.ExecutionMode.ORT_PARALLEL
        opts.inter_op_num_threads = threads
    else:
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "1" if tuning.spinning else "0")
    return ort.InferenceSession(str(model), sess_options=opts, providers=["CPUExecutionProvider"])


class Timed:
    """Wraps a callable (a RapidOCR session, its decoder): every call is charged to ``profile[name]``.

    Other attributes pass through, so the wrapper stands in for the session object.
    """

    def __init__(self, inner: Any, profile: EngineProfile, name: str) -> None:
        self._inner = inner
        self._profile = profile
        self._name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return self._inner(*args, **kwargs)
        finally:
            self._profile.add(self._name, time.perf_counter() - start)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._inner, attr)

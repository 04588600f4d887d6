"""onnxruntime sessions built with measured options, and a clock on each model call.

Measured with ``scripts/bench_rec.py --sessions`` (int8 PP-OCRv6 small recognition, 91 crops
of a 300-dpi page, 5 rounds, variants rotated each round, median wall and CPU seconds of this
process; the 2-core machine shared with four other jobs, load 10-12):

- graph optimisation ``ORT_ENABLE_ALL`` is needed: ``EXTENDED`` took 1.24x the CPU time,
  ``BASIC`` 1.36x;
- the memory arena changes nothing outside the noise for recognition (1.01x CPU without);
  detection without it hands its ~0.8 GiB back after each page but took 2.3x the time, so
  the arena stays on;
- the memory pattern is off: it plans one block per input shape and the arena keeps every
  block it was given, so each new page size (detection) and crop width (recognition) grew
  the process (a second detection of the same 300-dpi page took RSS from 0.93 to 1.55 GiB;
  without it 0.93 GiB, no slower: 0.97x CPU on recognition);
- intra-op spinning is off: two spinning threads burned 1.48x the CPU of one thread and took
  1.45x its wall time on the busy cores, two that sleep when idle 1.15x and 1.32x; a thread
  that spins takes the core from the batch's other worker (one thread has nothing to spin);
- the parallel execution mode took 2.2x the time of sequential (the graphs are sequential);
  inter-op threads stay 1;
- one thread per session, one worker per core (``pipeline.executors.threads_per_worker``):
  on the busy machine two threads in one session were slower than one, not faster.
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
    spinning: bool = False
    """Intra-op threads spin waiting for work (onnxruntime's default is on); nothing to spin with one thread."""
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

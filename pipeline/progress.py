"""Batch progress: a live bar on a terminal, a line every half minute in a log, a summary at the end.

The bar shows pages done / total, pages per second, the time left and the failures
so far. Off a terminal (a log file, CI) rich cannot redraw, so plain lines are
printed instead; ``quiet`` prints neither, nor the summary: only failure lines.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.text import Text

_LOG_EVERY_S = 30.0


class _RateColumn(ProgressColumn):
    """Pages per second, from rich's moving estimate."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text(f"{speed:.2f} pages/s" if speed else "-- pages/s", style="cyan")


def _fmt_duration(seconds: float) -> str:
    seconds = round(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m{s:02d}s" if h else f"{m}m{s:02d}s" if m else f"{s}s"


class BatchProgress:
    """Context manager counting pages; ``echo`` prints a line without breaking the bar.

    >>> with BatchProgress(total=2, quiet=True) as bar:
    ...     bar.advance(ok=True); bar.advance(ok=False)
    >>> (bar.done, bar.failed)
    (2, 1)
    """

    def __init__(self, total: int, skipped: int = 0, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.total, self.skipped, self.quiet = total, skipped, quiet
        self.done = self.failed = 0
        self.other_failures = 0  # files that failed before any page of them ran, documents
        self.stream = stream or sys.stderr
        self.console = Console(file=self.stream, highlight=False, soft_wrap=True)
        self.live = not quiet and self.console.is_terminal and total > 0
        self._progress: Progress | None = None
        self._task_id = None
        self._start = self._last_log = time.monotonic()

    def __enter__(self) -> BatchProgress:
        self._start = self._last_log = time.monotonic()
        if self.live:
            self._progress = Progress(
                TextColumn("[bold]extract"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total} pages"),
                _RateColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                TextColumn("[red]{task.fields[failed]} failed"),
                console=self.console,
                speed_estimate_period=120,
            )
            self._progress.start()
            self._task_id = self._progress.add_task("extract", total=self.total, failed=0)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    @property
    def elapsed_s(self) -> float:
        return time.monotonic() - self._start

    def echo(self, line: str) -> None:
        """Print a line (a failure) above the bar, or plainly when there is none."""
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.stream, flush=True)

    def failure_outside_pages(self) -> None:
        """Count a failure that is not a page run (an unreadable file, a document)."""
        self.other_failures += 1
        if self._progress is not None and self._task_id is not None:
            self._progress.update(self._task_id, failed=self.failed + self.other_failures)

    def advance(self, ok: bool) -> None:
        self.done += 1
        self.failed += 0 if ok else 1
        if self._progress is not None and self._task_id is not None:
            self._progress.update(self._task_id, advance=1, failed=self.failed + self.other_failures)
        elif not self.quiet and time.monotonic() - self._last_log >= _LOG_EVERY_S:
            self._last_log = time.monotonic()
            self.echo(self._status())

    def _status(self) -> str:
        rate = self.done / self.elapsed_s if self.elapsed_s > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        return (
            f"extract: {self.done}/{self.total} pages, {rate:.2f} pages/s, "
            f"ETA {_fmt_duration(left)}, {self.failed + self.other_failures} failed"
        )

    def summary(self) -> str:
        """One line for the end of the run."""
        ok = self.done - self.failed
        failed = self.failed + self.other_failures
        rate = f" ({self.done / self.elapsed_s:.2f} pages/s)" if self.done and self.elapsed_s > 0 else ""
        return (
            f"extract: {ok} pages written, {self.skipped} already done, {failed} failed "
            f"in {_fmt_duration(self.elapsed_s)}{rate}"
        )

"""Run the page work on a Ray cluster: one actor per worker, models loaded once per actor.

Actors call the same :class:`~pipeline.work.worker.PageWorker` as local workers, so
they write the same files; on a multi-node cluster the inputs and OUT must therefore
sit on storage every node mounts at the same path. Without ``address`` a local Ray
instance is started (and stopped afterwards); when Ray is already initialised in this
process (a notebook, a test) that instance is used as it is.

Each actor reserves ``threads`` CPUs and runs onnxruntime with that many threads; on
a cluster, size ``--workers`` to the cluster and ``--threads`` to its nodes (the
defaults are computed from this machine's cores). A page that overruns the timeout
has its actor killed and replaced; so has an actor that dies (out of memory).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.errors import EngineError
from pipeline.work.tasks import PageOutcome, PageTask, WorkSetup, failure_for

RAY_MISSING = "the ray executor needs Ray: pip install 'broadsheet[ray]'"


def import_ray() -> Any:
    """The ``ray`` module, or an EngineError telling how to install it."""
    try:
        import ray
    except ImportError:
        raise EngineError(RAY_MISSING) from None
    return ray


class PageActor:
    """Ray actor body: a PageWorker built once, then one call per page."""

    def __init__(self, setup: WorkSetup, threads: int) -> None:
        import cv2

        from pipeline.work.worker import PageWorker

        cv2.setNumThreads(threads)
        self._error: str | None = None
        try:
            self._worker: PageWorker | None = PageWorker(setup)
        except Exception as exc:  # reported per page as fatal: the batch stops
            self._worker, self._error = None, f"{type(exc).__name__}: {exc}"

    def ready(self) -> bool:
        return True

    def run(self, task: PageTask) -> PageOutcome:
        if self._worker is None:
            return PageOutcome(task, failure_for(task, "EngineError", self._error or "engine failed"), fatal=True)
        return self._worker(task)


@dataclass
class _Slots:
    """Actors that are warming up, idle, or busy with a page since a given time."""

    warming: dict[Any, Any]
    idle: list[Any]
    busy: dict[Any, tuple[Any, PageTask, float]]
    lost_starts: int = 0


@dataclass(frozen=True)
class RayExecutor:
    """``workers`` actors of ``threads`` CPUs each; ``page_timeout`` seconds per page."""

    workers: int
    threads: int
    page_timeout: float | None = None
    address: str | None = None
    actor: type = PageActor
    """The actor body (a subclass may wrap :class:`PageActor`'s calls)."""

    def _start(self, ray: Any) -> bool:
        if ray.is_initialized():
            return False
        env = {"env_vars": {"OMP_NUM_THREADS": str(self.threads), "OPENBLAS_NUM_THREADS": str(self.threads)}}
        ray.init(
            address=self.address,
            include_dashboard=False,
            log_to_driver=False,
            logging_level="WARNING",
            runtime_env=env,
        )
        return True

    def _spawn(self, ray: Any, actor_cls: Any, setup: WorkSetup, slots: _Slots) -> None:
        actor = actor_cls.remote(setup, self.threads)
        slots.warming[actor.ready.remote()] = actor

    def _wait_timeout(self, slots: _Slots) -> float | None:
        if self.page_timeout is None or not slots.busy:
            return None
        oldest = min(start for _, _, start in slots.busy.values())
        return max(0.0, oldest + self.page_timeout - time.monotonic())

    def _collect(self, ray: Any, ref: Any, slots: _Slots) -> tuple[PageOutcome | None, bool]:
        """(outcome, actor lost) for a finished reference."""
        if ref in slots.warming:
            actor = slots.warming.pop(ref)
            try:
                ray.get(ref)
                slots.idle.append(actor)
                return None, False
            except ray.exceptions.RayError:
                slots.lost_starts += 1
                if slots.lost_starts > 3 * self.workers:
                    raise EngineError("Ray actors keep failing to start; see the Ray logs") from None
                return None, True
        actor, task, _ = slots.busy.pop(ref)
        try:
            outcome = ray.get(ref)
        except ray.exceptions.RayActorError as exc:
            message = f"Ray actor died ({type(exc).__name__}); out of memory?"
            return PageOutcome(task, failure_for(task, "WorkerDied", message)), True
        except ray.exceptions.RayError as exc:
            # The call failed, not the actor (a task error, an object lost in transit): the
            # actor goes back to the pool; were it dead after all, its next call says so.
            slots.idle.append(actor)
            message = f"{type(exc).__name__}: {exc}".splitlines()[0]
            return PageOutcome(task, failure_for(task, type(exc).__name__, message, str(exc))), False
        slots.idle.append(actor)
        return outcome, False

    def _expire(self, ray: Any, slots: _Slots) -> Iterator[PageOutcome]:
        if self.page_timeout is None:
            return
        now = time.monotonic()
        for ref, (actor, task, start) in list(slots.busy.items()):
            if now - start >= self.page_timeout:
                del slots.busy[ref]
                ray.kill(actor, no_restart=True)
                yield PageOutcome(task, failure_for(task, "Timeout", f"timed out after {self.page_timeout:g} s"))

    def _loop(self, ray: Any, setup: WorkSetup, tasks: Sequence[PageTask]) -> Iterator[PageOutcome]:
        cpus = ray.cluster_resources().get("CPU", 0)
        if cpus < self.threads:
            raise EngineError(f"the Ray cluster has {cpus:g} CPUs; each worker asks for {self.threads}")
        actor_cls = ray.remote(num_cpus=self.threads, max_restarts=0)(self.actor)
        slots = _Slots({}, [], {})
        queue = list(reversed(tasks))
        for _ in range(min(self.workers, len(tasks))):
            self._spawn(ray, actor_cls, setup, slots)
        while queue or slots.busy:
            while queue and slots.idle:
                actor, task = slots.idle.pop(), queue.pop()
                slots.busy[actor.run.remote(task)] = (actor, task, time.monotonic())
            refs = [*slots.warming, *slots.busy]
            ready, _ = ray.wait(refs, num_returns=1, timeout=self._wait_timeout(slots))
            for ref in ready:
                outcome, lost = self._collect(ray, ref, slots)
                if lost:
                    self._spawn(ray, actor_cls, setup, slots)
                if outcome is not None:
                    yield outcome
            for outcome in self._expire(ray, slots):
                self._spawn(ray, actor_cls, setup, slots)
                yield outcome
        for actor in [*slots.idle, *slots.warming.values()]:
            ray.kill(actor, no_restart=True)

    def run(self, setup: WorkSetup, tasks: Sequence[PageTask]) -> Iterator[PageOutcome]:
        ray = import_ray()
        started = self._start(ray)
        try:
            yield from self._loop(ray, setup, tasks)
        finally:
            if started:
                ray.shutdown()

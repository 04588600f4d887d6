"""Accuracy on a fresh set of wide-family pages, made from seeds nobody has tuned on.

``make bench`` reports this apart from the committed samples (section ``fresh`` of
``scripts/bench.py``). Each run takes new seeds unless told which: from
``--seeds`` here, from ``BROADSHEET_FRESH_SEEDS="11,12,13"`` in the environment, or
else from the clock; the seeds are printed, so a figure can be reproduced.

    python scripts/bench_fresh.py                       # 6 pages, seeds from the clock
    python scripts/bench_fresh.py --seeds 11 12 13 --out /tmp/fresh   # keep pages + predictions
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from rich.console import Console

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from make_samples import generate  # noqa: E402
from samplegen.specs import SampleFile, random_set  # noqa: E402

from pipeline.config import PipelineConfig  # noqa: E402
from pipeline.eval.files import ground_truth_for, load_page  # noqa: E402
from pipeline.eval.metrics import PageMetrics  # noqa: E402
from pipeline.eval.report import scores_table  # noqa: E402
from pipeline.naming import page_stem  # noqa: E402
from pipeline.runner import Pipeline  # noqa: E402
from pipeline.stages.load import file_sha256, iter_pages  # noqa: E402
from pipeline.state import RunContext, SourceRef  # noqa: E402

PAGES = 6
"""Pages of a fresh set when no seeds are given."""


class BenchLike(Protocol):
    """What the ``fresh`` section uses of ``bench.Bench``."""

    config: PipelineConfig
    console: Console

    @property
    def pipeline(self) -> Pipeline: ...


def pick_seeds(given: list[int] | None = None, count: int = PAGES) -> list[int]:
    """``given``, else ``BROADSHEET_FRESH_SEEDS``, else ``count`` seeds from the clock."""
    if given:
        return list(given)
    env = os.environ.get("BROADSHEET_FRESH_SEEDS", "").replace(",", " ").split()
    if env:
        return [int(s) for s in env]
    base = int(time.time() * 1000) % 1_000_000_007
    return [base + i for i in range(count)]


def fresh_files(seeds: list[int]) -> list[SampleFile]:
    """One wide-family page per seed, named ``wide-<seed>.jpg``."""
    return [replace(random_set(1, s, family="wide")[0], stem=f"wide-{s}") for s in seeds]


def score(pipeline: Pipeline, config: PipelineConfig, folder: Path, out: Path | None) -> PageMetrics:
    """Run ``pipeline`` on every scan in ``folder`` and score it against its ground truth."""
    metrics = PageMetrics()
    for scan in sorted(folder.glob("*.jpg")):
        for loaded in iter_pages(scan, config.load):
            source = SourceRef(scan, loaded.page_index, loaded.page_count, file_sha256(scan), loaded.format)
            page = pipeline.run_page(loaded, source, RunContext())
            name = page_stem(scan, loaded.page_index, loaded.page_count)
            if out is not None:
                (out / f"{name}.json").write_text(page.model_dump_json(indent=1), encoding="utf-8")
            gt = ground_truth_for(scan, loaded.page_index, loaded.page_count)
            if gt is not None:
                metrics.update(page, load_page(gt), name=name)
    return metrics


MakePages = Callable[[list[int], Path], object]
"""Typesets the pages of the given seeds, with their ground truth, into a folder."""


def run_set(
    pipeline: Pipeline, console: Console, seeds: list[int], out: Path | None, make: MakePages, kind: str
) -> None:
    """Make the pages of ``seeds`` with ``make`` (in ``out`` or a temporary folder), run, score, print."""
    console.print(f"fresh {kind} set: seeds {' '.join(map(str, seeds))}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = out or Path(tmp)
        make(seeds, folder)
        metrics = score(pipeline, pipeline.config, folder, out)
    title = f"accuracy on a fresh {kind} set ({len(seeds)} pages, seeds {seeds[0]}..{seeds[-1]})"
    console.print(scores_table(metrics.pages, metrics.summary(), title=title))


def make_wide(seeds: list[int], folder: Path) -> None:
    """Wide-family pages of ``seeds`` from our own generator."""
    generate(fresh_files(seeds), folder, workers=min(2, os.cpu_count() or 1))


def run_fresh(pipeline: Pipeline, console: Console, seeds: list[int], out: Path | None) -> None:
    """A fresh wide set: made, run, scored and printed."""
    run_set(pipeline, console, seeds, out, make_wide, "wide")


def fresh(bench: BenchLike) -> None:
    """``bench.py`` section: a fresh wide set, apart from the committed samples."""
    run_fresh(bench.pipeline, bench.console, pick_seeds(), None)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, nargs="+", help="page seeds (default: BROADSHEET_FRESH_SEEDS or the clock)")
    p.add_argument("--pages", type=int, default=PAGES, help="pages when seeds come from the clock")
    p.add_argument("--out", type=Path, help="keep the pages, ground truth and predictions here")
    args = p.parse_args(argv)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    config = PipelineConfig()
    run_fresh(Pipeline(config), Console(width=140), pick_seeds(args.seeds, args.pages), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

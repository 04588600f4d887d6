"""Accuracy on a fresh set of pages typeset by chromium (``scripts/htmlgen``), not by our own generator.

The pages come from seeds nobody has tuned on: from ``--seeds``, from
``BROADSHEET_HTML_SEEDS="11,12,13"`` in the environment, or else from the clock;
the seeds are printed, so a figure can be reproduced. Making, running
and scoring are ``bench_fresh.run_set``'s.

    python scripts/bench_html.py                       # 4 pages, seeds from the clock
    python scripts/bench_html.py --seeds 11 12 --out /tmp/html   # keep pages + predictions
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from bench_fresh import BenchLike, pick_seeds, run_set  # noqa: E402
from htmlgen.make import make_set  # noqa: E402

from pipeline.config import PipelineConfig  # noqa: E402
from pipeline.runner import Pipeline  # noqa: E402

PAGES = 4
"""Pages of a fresh set when no seeds are given."""
SEEDS_ENV = "BROADSHEET_HTML_SEEDS"


def html_seeds(given: list[int] | None = None, count: int = PAGES) -> list[int]:
    """``given``, else ``BROADSHEET_HTML_SEEDS``, else ``count`` seeds from the clock."""
    env = os.environ.get(SEEDS_ENV, "").replace(",", " ").split()
    return pick_seeds(given or [int(s) for s in env] or None, count)


def run_html(pipeline: Pipeline, console: Console, seeds: list[int], out: Path | None) -> None:
    """A fresh set set in chromium: made, run, scored and printed."""
    run_set(pipeline, console, seeds, out, make_set, "browser-set")


def html(bench: BenchLike) -> None:
    """``bench.py`` section: a fresh browser-set set, apart from the committed samples."""
    run_html(bench.pipeline, bench.console, html_seeds(), None)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, nargs="+", help=f"page seeds (default: {SEEDS_ENV} or the clock)")
    p.add_argument("--pages", type=int, default=PAGES, help="pages when seeds come from the clock")
    p.add_argument("--out", type=Path, help="keep the pages, ground truth and predictions here")
    args = p.parse_args(argv)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    config = PipelineConfig()
    run_html(Pipeline(config), Console(width=140), html_seeds(args.seeds, args.pages), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

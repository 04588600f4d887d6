"""``broadsheet eval PRED GT``: score predicted page JSON against ground truth, and gate a build on it.

PRED and GT are files or folders. In folders, ``X.json`` in PRED pairs with
``X.gt.json``, ``X.json``, ``X.page.xml``, ``X.alto.xml``, ``X.xml`` or ``X.txt`` in
GT: page JSON scores everything; ALTO and PAGE-XML the page text and the articles
they mark (no authors); plain text the page text only. Prints a per-page table and
the totals, or ``--json`` for machines (pages, totals and each ground-truth
article). Files that find no partner are named on stderr and not scored.

``--fail-under METRIC=VALUE`` (repeatable) and ``--baseline OLD.json`` (an earlier
``--json`` output) make it a gate: see :mod:`pipeline.eval.gate`. Exit status 0
after scoring, 1 when a figure falls short or anything got worse than the baseline,
2 for a missing or invalid file or argument.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import InputError

if TYPE_CHECKING:
    from pipeline.eval.metrics import PageMetrics

NAME = "eval"
HELP = "score predicted page JSON against ground truth (JSON, ALTO, PAGE-XML, text); gate on the figures"


def _threshold(text: str) -> object:
    from pipeline.eval.gate import parse_threshold

    try:
        return parse_threshold(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("pred", type=Path, metavar="PRED", help="predicted page JSON file or folder")
    p.add_argument("gt", type=Path, metavar="GT", help="ground truth file or folder (.gt.json/.json/.xml/.txt)")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON instead of a table")
    p.add_argument(
        "--fail-under",
        type=_threshold,
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="exit 1 when a total falls short: a rate below VALUE, a CER or ad-leak count above it (repeatable)",
    )
    p.add_argument("--baseline", type=Path, metavar="OLD.json", help="an earlier --json output: list what got worse")
    p.add_argument("--tolerance", type=float, default=0.0, help="change in a rate that still counts as equal")


def _score(args: argparse.Namespace) -> PageMetrics:
    from pipeline.eval.files import load_page, pair_files
    from pipeline.eval.metrics import PageMetrics
    from pipeline.eval.truth import load_truth

    pairing = pair_files(args.pred, args.gt)
    metrics = PageMetrics()
    for name, pred_path, gt_path in pairing.pairs:
        truth = load_truth(gt_path)
        metrics.update(load_page(pred_path), truth.page, name=name, articles=truth.articles, authors=truth.authors)
    for path in pairing.pred_only:
        print(f"broadsheet eval: {path}: no ground truth, not scored", file=sys.stderr)
    for path in pairing.gt_only:
        print(f"broadsheet eval: {path}: no prediction, not scored", file=sys.stderr)
    return metrics


def _print(args: argparse.Namespace, metrics: PageMetrics, problems: list[str]) -> None:
    from rich.console import Console

    from pipeline.eval.report import scores_json, scores_table

    if args.json:
        data = scores_json(metrics.pages, metrics.summary(), metrics.articles)
        print(json.dumps({**data, "gate": problems}, ensure_ascii=False, indent=2))
        return
    console = Console()
    if not console.is_terminal:  # piped or captured: no terminal width to respect
        console = Console(width=160)
    console.print(scores_table(metrics.pages, metrics.summary()))


def run(args: argparse.Namespace) -> int:
    from pipeline.eval.gate import check, read_baseline, regressions

    try:
        metrics = _score(args)
        baseline = read_baseline(args.baseline) if args.baseline else None
    except InputError as exc:
        print(f"broadsheet eval: {exc}", file=sys.stderr)
        return 2
    problems = check(metrics.summary(), args.fail_under)
    if baseline is not None:
        worse = regressions(baseline, metrics.pages, metrics.articles, args.tolerance)
        problems += [f"worse than {args.baseline}: {line}" for line in worse]
    _print(args, metrics, problems)
    for line in problems:
        print(f"broadsheet eval: {line}", file=sys.stderr)
    return 1 if problems else 0

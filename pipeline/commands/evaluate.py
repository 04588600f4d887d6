"""``broadsheet eval PRED GT``: score predicted page JSON against ground truth.

PRED and GT are files or folders. In folders, ``X.json`` in PRED pairs with
``X.gt.json`` (or ``X.json``) in GT. Prints a per-page table and the totals, or
``--json`` for machines. Files that find no partner are named on stderr and not
scored. Exit status 0 after scoring, 2 for a missing or invalid file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.errors import InputError

NAME = "eval"
HELP = "score predicted page JSON against ground truth (CER, articles, authors, ad leaks)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("pred", type=Path, metavar="PRED", help="predicted page JSON file or folder")
    p.add_argument("gt", type=Path, metavar="GT", help="ground-truth page JSON file or folder")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pipeline.eval.files import load_page, pair_files
    from pipeline.eval.metrics import PageMetrics
    from pipeline.eval.report import scores_json, scores_table

    try:
        pairing = pair_files(args.pred, args.gt)
        metrics = PageMetrics()
        for name, pred_path, gt_path in pairing.pairs:
            metrics.update(load_page(pred_path), load_page(gt_path), name=name)
    except InputError as exc:
        print(f"broadsheet eval: {exc}", file=sys.stderr)
        return 2
    for path in pairing.pred_only:
        print(f"broadsheet eval: {path}: no ground truth, not scored", file=sys.stderr)
    for path in pairing.gt_only:
        print(f"broadsheet eval: {path}: no prediction, not scored", file=sys.stderr)
    if args.json:
        print(json.dumps(scores_json(metrics.pages, metrics.summary()), ensure_ascii=False, indent=2))
    else:
        console = Console()
        if not console.is_terminal:  # piped or captured: no terminal width to respect
            console = Console(width=160)
        console.print(scores_table(metrics.pages, metrics.summary()))
    return 0

"""``broadsheet review OUT``: a static review site in ``OUT/review/`` (open ``index.html``).

Reads the page JSON files and ``errors.jsonl`` of OUT and each page's scan; writes
an index (pages, failures, review queue) and one page view per page, all of it
self-contained, so the folder opens from ``file://`` with no server and no network.
Exit status 0 when written, 2 when OUT is not a folder or holds no page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.review.queue import LOW_ARTICLE_CONFIDENCE, LOW_CONFIDENCE

NAME = "review"
HELP = "write a static review site (OUT/review/index.html) from an extract run's output"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("out", type=Path, metavar="OUT", help="output folder of broadsheet extract")
    p.add_argument("--scans", type=Path, action="append", default=[], help="folder to look for scans in (repeatable)")
    p.add_argument(
        "--low-confidence",
        type=float,
        default=LOW_CONFIDENCE,
        help=f"queue pages whose lines were read with less mean confidence (default {LOW_CONFIDENCE})",
    )
    p.add_argument(
        "--low-article-confidence",
        type=float,
        default=LOW_ARTICLE_CONFIDENCE,
        help=f"queue articles with less confidence (default {LOW_ARTICLE_CONFIDENCE})",
    )


def run(args: argparse.Namespace) -> int:
    from pipeline.review import build_review

    if not args.out.is_dir():
        print(f"broadsheet review: {args.out}: not a folder", file=sys.stderr)
        return 2
    site = build_review(args.out, args.scans, args.low_confidence, args.low_article_confidence)
    if not site.pages:
        print(f"broadsheet review: {args.out}: no page JSON files here", file=sys.stderr)
        return 2
    for problem in site.missing_scans:
        print(f"broadsheet review: {problem} (page shown without its picture)", file=sys.stderr)
    print(
        f"{site.folder / 'index.html'}: {len(site.pages)} pages, {len(site.queue)} to review, "
        f"{len(site.failures)} failures"
    )
    return 0

"""Generate synthetic broadsheet page scans with exact ground truth.

    python scripts/make_samples.py --out samples                 # the committed sample set
    python scripts/make_samples.py --pages 50 --seed 7 --out DIR # a bigger set for benchmarks
    python scripts/make_samples.py --pages 8 --seed 9 --family wide --out DIR  # varied layouts

Each page is typeset from ``scripts/samplegen/corpus.json``, rendered, degraded
(skew, blur, noise, paper tint, bleed-through, uneven light, JPEG or bilevel) and
described by a ``schemas.Page`` ground-truth file next to the image.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from samplegen.output import check_truth, make_page, write_file  # noqa: E402
from samplegen.readme import write_readme  # noqa: E402
from samplegen.specs import SampleFile, committed_set, random_set  # noqa: E402
from samplegen.wide_page import check_fonts  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command line options."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=REPO / "samples", help="output folder (default: samples/)")
    p.add_argument("--pages", type=int, default=0, help="make N random single-page JPEGs instead of the sample set")
    p.add_argument("--seed", type=int, default=0, help="seed of the random set (with --pages)")
    p.add_argument(
        "--vertical",
        choices=["headline", "page"],
        default="",
        help="with --pages: vertical headlines beside horizontal body, or pages set vertically",
    )
    p.add_argument(
        "--family",
        choices=["classic", "wide"],
        default="classic",
        help="with --pages: the layouts of the committed samples, or the wide family (see samplegen.wide_page)",
    )
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="processes (default 2)")
    return p.parse_args(argv)


def generate(files: list[SampleFile], out: Path, workers: int) -> list[Path]:
    """Make every page of ``files`` (in parallel), write them and check the ground truth."""
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(f, spec) for f in files for spec in f.pages]
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        made = list(pool.map(make_page, [s for _, s in jobs], [f.quality for f, _ in jobs]))
    written: list[Path] = []
    at = 0
    for f in files:
        written += write_file(f, made[at : at + len(f.pages)], out)
        at += len(f.pages)
    for path in written:
        if path.name.endswith(".gt.json"):
            check_truth(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = parse_args(argv)
    started = time.perf_counter()
    files = random_set(args.pages, args.seed, args.vertical, args.family) if args.pages else committed_set()
    if args.family == "wide":
        try:
            check_fonts()
        except FileNotFoundError as exc:
            print(f"make_samples: {exc}", file=sys.stderr)
            return 2
    written = generate(files, args.out, args.workers)
    if not args.pages:
        written.append(write_readme(files, args.out))
    for path in written:
        print(f"{path.stat().st_size:>10,d}  {path}")
    print(f"{sum(len(f.pages) for f in files)} page(s) in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

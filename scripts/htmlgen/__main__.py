"""Set newspaper pages in chromium: ``python scripts/htmlgen --pages N --seed S --out DIR``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from htmlgen.make import make_set  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pages", type=int, default=4, help="number of pages")
    p.add_argument("--seed", type=int, default=0, help="seed of the first page (page i has seed S + i)")
    p.add_argument("--out", type=Path, required=True, help="output folder")
    args = p.parse_args(argv)
    started = time.perf_counter()
    for path in make_set([args.seed + i for i in range(args.pages)], args.out):
        print(f"{path.stat().st_size:>10,d}  {path}")
    print(f"{args.pages} page(s) in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

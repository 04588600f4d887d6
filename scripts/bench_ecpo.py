"""The ``ecpo`` section of ``scripts/bench.py``: real vertical microfilm frames against ECPO ground truth.

Each ``*.jpg`` in ``../shared/reference/real/ecpo-jingbao-1939`` with a ``*.textGT.xml`` beside it
(晶報 1939, two pages per frame; ECPO, Heidelberg, CC BY 4.0) runs through the pipeline with the
bench's options (spreads cut as ``--spreads`` says) and is scored by :mod:`pipeline.eval.ecpo`:
order-free character recall, article recall and precision, matched-article CER, seconds per frame.

Run alone, it scores the layout fast on OCR cached per page (as ``scripts/layout_eval.py`` does)::

    python scripts/bench_ecpo.py [--cache DIR] [--out DIR] [--overlay DIR] [--articles]

``--losses`` splits the characters lost, kind of region by kind, into those OCR never read
(no line found over them, or misread) and those read but left out by the layout.
``--articles`` lists each true article with the output article of its page matched to it
(the one sharing most characters): lengths, shared characters and CER, so a merge (a short
true article matched to a long output one) or a split shows where it is.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from pipeline.eval.ecpo import parse_fold, score_fold

ECPO = Path(__file__).resolve().parents[2] / "shared" / "reference" / "real" / "ecpo-jingbao-1939"
COLUMNS = (
    "frame",
    "pages",
    "s",
    "char recall",
    "article recall",
    "article precision",
    "matched-article CER",
    "page-matched CER",
)


def _table() -> Table:
    table = Table(title="ecpo (晶報 1939 microfilm frames; ECPO ground truth, CC BY 4.0)", title_justify="left")
    for col in COLUMNS:
        table.add_column(col, justify="left" if col == "frame" else "right")
    return table


def _row(table: Table, name: str, fold: Path, pages: list, seconds: float) -> None:
    s = score_fold(parse_fold(fold), pages)
    cells = [f"{v:.3f}" for v in (s.recall, s.article_recall, s.article_precision)]
    table.add_row(name, str(len(pages)), f"{seconds:.1f}", *cells, f"{s.article_cer:.1%}", f"{s.page_cer:.1%}")


def folds() -> list[Path]:
    """The ground-truth folds of the reference folder (none when it is absent)."""
    return sorted(ECPO.glob("*.textGT.xml")) if ECPO.is_dir() else []


def scan_of(fold: Path) -> Path:
    return fold.with_name(fold.name.removesuffix(".textGT.xml") + ".jpg")


def ecpo(bench: Any) -> None:
    """Score the ECPO frames (skipped with a line when the reference folder is absent)."""
    if not folds():
        bench.console.print(f"ecpo: no ground truth in {ECPO}")
        return
    table = _table()
    for fold in folds():
        scan = scan_of(fold)
        start = time.perf_counter()
        pages = list(bench.pipeline.run_file(scan))
        _row(table, scan.stem, fold, pages, time.perf_counter() - start)
    bench.console.print(table)


def main(argv: list[str] | None = None) -> int:
    """Score the frames on cached OCR: only the layout stages run (seconds)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from layout_eval import Harness  # the per-page OCR cache

    from pipeline.config import PipelineConfig
    from pipeline.geometry import Affine
    from pipeline.stages.load import iter_pages

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--cache", type=Path, default=Path("/work/cache/layout-ocr"))
    ap.add_argument("--out", type=Path, help="write each page's JSON here")
    ap.add_argument("--overlay", type=Path, help="draw each page's blocks and articles here")
    ap.add_argument("--articles", action="store_true", help="list each true article against its match")
    ap.add_argument("--losses", action="store_true", help="per kind of region: characters lost to OCR or to layout")
    args = ap.parse_args(argv)
    config = PipelineConfig()
    harness = Harness(config, args.cache)
    table = _table()
    for fold in folds():
        scan = scan_of(fold)
        start = time.perf_counter()
        loaded = list(iter_pages(scan, config.load))
        pages, read = [], []
        for part, state in zip(loaded, harness.after_ocr(scan), strict=True):
            read += [ln.text for ln in state.lines]
            state.to_scan = state.to_scan.then(Affine.translation(*part.offset))
            state.scan_shape = part.scan_shape
            page = harness.layout(state)
            pages.append(page)
            name = f"{scan.stem}-p{part.page_index + 1}"
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / f"{name}.json").write_text(page.model_dump_json(indent=1), encoding="utf-8")
            if args.overlay:
                from pipeline.overlay import write_overlay

                args.overlay.mkdir(parents=True, exist_ok=True)
                write_overlay(page, _frame(scan), args.overlay / f"{name}.jpg")
        _row(table, scan.stem, fold, pages, time.perf_counter() - start)
        if args.articles:
            _list_articles(scan.stem, parse_fold(fold), pages)
        if args.losses:
            _list_losses(scan.stem, parse_fold(fold), read, pages)
    Console(width=160).print(table)
    return 0


def _list_losses(stem: str, regions: list, read: list[str], pages: list) -> None:
    """Per kind of region: characters of the truth, not read by OCR, read but dropped by the layout."""
    from pipeline.eval.ecpo import losses

    print(f"{stem}: characters lost, by kind of region")
    for k in losses(regions, read, pages):
        unread = f"not read by OCR {k.unread:5} ({k.unread / k.chars:5.1%})"
        dropped = f"dropped by layout {k.dropped:4} ({k.dropped / k.chars:5.1%})"
        print(f"  {k.kind:8} {k.chars:5}  {unread}  {dropped}")


def _list_articles(stem: str, regions: list, pages: list) -> None:
    """Each true article against the output article of its page sharing most characters with it."""
    from collections import Counter

    from rapidfuzz.distance import Levenshtein

    from pipeline.eval.ecpo import article_text, clean, page_pairs

    pairs = page_pairs(regions, pages)
    for number in dict.fromkeys(r.page for r in regions):
        page = pages[pairs[number]] if number in pairs else None
        outs = [clean(article_text(a, page)) for a in page.articles] if page else []
        print(f"{stem} page {number}: output articles {[len(o) for o in outs]}")
        for region in regions:
            true = clean(region.text)
            if region.page != number or region.kind != "article" or not true:
                continue
            shared = [sum((Counter(true) & Counter(o)).values()) for o in outs]
            k = max(range(len(outs)), key=shared.__getitem__, default=-1)
            got = outs[k] if k >= 0 and shared[k] else ""
            cer = Levenshtein.distance(true, got) / len(true)
            most = max(shared, default=0)
            print(f"  true {len(true):4}  out #{k:<3} {len(got):4}  shared {most:4}  CER {cer:5.2f}  {true[:16]}")


def _frame(scan: Path):
    import cv2

    return cv2.imread(str(scan), cv2.IMREAD_COLOR)


if __name__ == "__main__":
    sys.exit(main())

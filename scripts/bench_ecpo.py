"""The ``ecpo`` section of ``scripts/bench.py``: real vertical microfilm frames against ECPO ground truth.

Each ``*.jpg`` in ``../shared/reference/real/ecpo-jingbao-1939`` with a ``*.textGT.xml`` beside it
(晶報 1939, two pages per frame; ECPO, Heidelberg, CC BY 4.0) runs through the pipeline with the
bench's options (spreads cut as ``--spreads`` says) and is scored by :mod:`pipeline.eval.ecpo`:
order-free character recall, article recall and precision, matched-article CER, seconds per frame.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from rich.table import Table

from pipeline.eval.ecpo import parse_fold, score_fold

ECPO = Path(__file__).resolve().parents[2] / "shared" / "reference" / "real" / "ecpo-jingbao-1939"
COLUMNS = ("frame", "pages", "s", "char recall", "article recall", "article precision", "matched-article CER")


def ecpo(bench: Any) -> None:
    """Score the ECPO frames (skipped with a line when the reference folder is absent)."""
    folds = sorted(ECPO.glob("*.textGT.xml")) if ECPO.is_dir() else []
    if not folds:
        bench.console.print(f"ecpo: no ground truth in {ECPO}")
        return
    table = Table(title="ecpo (晶報 1939 microfilm frames; ECPO ground truth, CC BY 4.0)", title_justify="left")
    for col in COLUMNS:
        table.add_column(col, justify="left" if col == "frame" else "right")
    for fold in folds:
        scan = fold.with_name(fold.name.removesuffix(".textGT.xml") + ".jpg")
        start = time.perf_counter()
        pages = list(bench.pipeline.run_file(scan))
        seconds = time.perf_counter() - start
        s = score_fold(parse_fold(fold), pages)
        cells = [f"{v:.3f}" for v in (s.recall, s.article_recall, s.article_precision)]
        table.add_row(scan.stem, str(len(pages)), f"{seconds:.1f}", *cells, f"{s.article_cer:.1%}")
    bench.console.print(table)

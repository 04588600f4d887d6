"""Accuracy and time of the recognition loop against RapidOCR's own, page by page in one process.

Runs the whole pipeline twice on every page of the given folders (``X.gt.json`` beside
each scan), once reading lines with RapidOCR's ``TextRecognizer`` loop (each batch padded
to at least 320 px) and once with :mod:`pipeline.engines.rec_batches` (the default), the
two taking turns going first, on one engine (the same sessions), and prints text CER and
the other eval figures of each, the recognition seconds, and the lines read differently.

    python scripts/bench_recloop.py samples /work/eval/some-set
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from pipeline.config import PipelineConfig
from pipeline.eval.files import ground_truth_for, load_page
from pipeline.eval.metrics import PageMetrics
from pipeline.runner import Pipeline
from pipeline.stages.load import file_sha256, iter_pages
from pipeline.state import RunContext, SourceRef

SCANS = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf")


def rapidocr_loop(engine: Any) -> Callable[[Sequence[Any]], list[tuple[str, float]]]:
    """``engine.recognize`` as it was: RapidOCR's own batching loop over BGR copies."""
    from rapidocr.ch_ppocr_rec import TextRecInput

    from pipeline.engines.rapidocr_onnx import _to_bgr

    def recognize(crops: Sequence[Any]) -> list[tuple[str, float]]:
        if not crops:
            return []
        out = engine._recognizer(TextRecInput(img=[_to_bgr(c) for c in crops]))
        return [(str(t), float(s)) for t, s in zip(out.txts, out.scores, strict=True)]

    return recognize


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folders", nargs="+", type=Path)
    args = p.parse_args(argv)
    console = Console(width=150)
    pipe = Pipeline(PipelineConfig())
    engine = pipe.engine
    loops = {"RapidOCR loop (>= 320 px)": rapidocr_loop(engine), "rec_batches (default)": engine.recognize}
    metrics = {(name, d): PageMetrics() for name in loops for d in args.folders}
    seconds = dict.fromkeys(loops, 0.0)
    texts: dict[str, list[str]] = {name: [] for name in loops}
    n = 0
    scans = [(d, f) for d in args.folders for f in sorted(d.iterdir()) if f.suffix.lower() in SCANS]
    for folder, scan in scans:
        for loaded in iter_pages(scan, pipe.config.load):
            truth = ground_truth_for(scan, loaded.page_index, loaded.page_count)
            if truth is None:
                continue
            source = SourceRef(scan, loaded.page_index, loaded.page_count, file_sha256(scan), loaded.format)
            order = list(loops) if n % 2 == 0 else list(loops)[::-1]
            for name in order:
                engine.recognize = loops[name]
                ctx = RunContext()
                page = pipe.run_page(loaded, source, ctx)
                seconds[name] += ctx.timings.get("ocr.recognize", 0.0)
                metrics[(name, folder)].update(page, load_page(truth), name=f"{scan.name}:{loaded.page_index}")
                texts[name] += [ln.text for b in page.blocks for ln in b.lines]
            n += 1
            sofar = ", ".join(f"{k} {v:.1f}s" for k, v in seconds.items())
            console.print(f"{scan.name} page {loaded.page_index + 1}: {sofar}")
    table = Table(title=f"recognition loops, {n} pages, interleaved (machine shared)", title_justify="left")
    cols = ("loop", "folder", "text CER", "text edits", "page CER", "body CER", "headlines", "recall", "authors F1")
    for col in cols:
        table.add_column(col, justify="left" if col in ("loop", "folder") else "right")
    for (name, folder), m in metrics.items():
        s = m.summary()
        cells = [s.page_cer, s.body_cer, s.headline_rate, s.recall, s.authors_f1]
        rates = (f"{100 * c:.3f}%" if c is not None else "-" for c in cells)
        text = f"{100 * s.text_cer:.3f}%" if s.text_cer is not None else "-"
        table.add_row(name, str(folder), text, f"{s.text_edits}/{s.page_chars}", *rates)
    console.print(table)
    console.print("ocr.recognize seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items()))
    a, b = (Counter(t) for t in texts.values())
    only = (a - b).total() + (b - a).total()
    console.print(f"lines: {a.total()} vs {b.total()}; lines whose text only one loop read: {only}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

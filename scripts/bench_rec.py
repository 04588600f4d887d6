"""The ``rec`` section of ``scripts/bench.py``: recognition batches and onnxruntime options, side by side.

Cuts the line crops of a few full pages once (detection at the pipeline's scale, no
layout), then reads the same crops with each variant in turn, round after round, the
variants' order rotated each round, so load that comes and goes on a shared machine
falls on all alike. Each variant has its own session; the figure to read is its
median seconds over the baseline's (the pipeline's defaults) in the same rounds.

    python scripts/bench_rec.py --pages 2 --rounds 3            # batch sizes and padding
    python scripts/bench_rec.py --pages 2 --rounds 3 --sessions # onnxruntime options
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from pipeline.config import OcrOptions, PipelineConfig
from pipeline.engines.ort_session import SessionTuning, build_session
from pipeline.engines.rec_batches import padded_share, read_batches
from pipeline.stages.load import iter_pages
from pipeline.stages.ocr import crop_quad, detect_lines, detection_scale

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Variant:
    """One way of reading the crops: batch size, smallest batch width, threads, session options."""

    label: str
    batch: int = OcrOptions().rec_batch
    min_width: int = OcrOptions().rec_min_width
    threads: int = 1
    tuning: SessionTuning = field(default_factory=SessionTuning)


BATCH_VARIANTS = (
    Variant("defaults (batch 6, at least 320 px as RapidOCR's loop)"),
    Variant("batch 6, padded to the widest only", min_width=0),
    *(Variant(f"batch {b}, widest only", batch=b, min_width=0) for b in (1, 2, 4, 8, 12, 16, 24)),
)
SESSION_VARIANTS = (
    Variant("defaults, 1 thread"),
    Variant("1 thread, no arena", tuning=SessionTuning(arena=False)),
    Variant("1 thread, memory pattern on", tuning=SessionTuning(mem_pattern=True)),
    Variant("1 thread, graph opt. extended", tuning=SessionTuning(optimization="extended")),
    Variant("1 thread, graph opt. basic", tuning=SessionTuning(optimization="basic")),
    Variant("2 threads, spinning", threads=2, tuning=SessionTuning(spinning=True)),
    Variant("2 threads, no spinning (default)", threads=2),
    Variant("2 threads, parallel execution", threads=2, tuning=SessionTuning(parallel=True)),
)


def page_crops(scans: Sequence[Path], pages: int) -> list[np.ndarray]:
    """Line crops of the first ``pages`` pages, as the OCR stage cuts them (no deskew, no layout)."""
    from pipeline.engines.registry import create_engine

    config = PipelineConfig()
    engine = create_engine(config.ocr)
    crops: list[np.ndarray] = []
    done = 0
    for scan in scans:
        for loaded in iter_pages(scan, config.load):
            if done >= pages:
                return crops
            scale = detection_scale(loaded.dpi, config.ocr)
            crops += [crop_quad(loaded.image, q) for q in detect_lines(engine, loaded.image, scale)]
            done += 1
    return crops


def _reader(variant: Variant) -> Callable[[Sequence[np.ndarray]], list[tuple[str, float]]]:
    """A function reading crops with ``variant``'s session and batches (RapidOCR's CTC decoder)."""
    from rapidocr.ch_ppocr_rec.utils import CTCLabelDecode

    from pipeline.engines.rapidocr_onnx import _rec_model

    _, path = _rec_model(OcrOptions())
    session = build_session(path, variant.threads, variant.tuning)
    name = session.get_inputs()[0].name
    characters = session.get_modelmeta().custom_metadata_map["character"].splitlines()
    decode = CTCLabelDecode(character=characters)

    def model(tensor: np.ndarray) -> Any:
        return session.run(None, {name: tensor})[0]

    return lambda crops: read_batches(crops, model, decode, variant.batch, variant.min_width)


def compare(variants: Sequence[Variant], crops: Sequence[np.ndarray], rounds: int) -> dict[str, list[float]]:
    """Wall and CPU seconds per variant per round, variants rotated each round; texts checked against the first.

    CPU seconds (this process, all its threads) are the steadier figure on a shared machine: a
    single-threaded read waiting for a core is not charged, and a thread spinning is.
    """
    readers = [(v, _reader(v)) for v in variants]
    for _, read in readers:
        read(crops[:8])  # warm-up: first-call set-up is not charged
    seconds: dict[str, list[float]] = {v.label: [] for v in variants}
    reference = None
    for r in range(rounds):
        shift = r % len(readers)
        for variant, read in readers[shift:] + readers[:shift]:
            start, cpu = time.perf_counter(), time.process_time()
            texts = [t for t, _ in read(crops)]
            seconds[variant.label].append(time.perf_counter() - start)
            seconds.setdefault(f"{variant.label}: cpu", []).append(time.process_time() - cpu)
            if variant is variants[0]:
                reference = reference or texts
            elif reference is not None:
                differ = sum(a != b for a, b in zip(texts, reference, strict=True))
                if differ:
                    seconds.setdefault(f"{variant.label}: lines read differently", []).append(float(differ))
    return seconds


def table(title: str, variants: Sequence[Variant], crops: Sequence[np.ndarray], seconds: dict) -> Table:
    out = Table(title=title, title_justify="left")
    cols = ("variant", "threads", "wall s", "vs defaults", "CPU s", "vs defaults", "px read / crop px", "lines differ")
    for col in cols:
        out.add_column(col, justify="left" if col == "variant" else "right")
    base = statistics.median(seconds[variants[0].label])
    base_cpu = statistics.median(seconds[f"{variants[0].label}: cpu"])
    for v in variants:
        med, cpu = statistics.median(seconds[v.label]), statistics.median(seconds[f"{v.label}: cpu"])
        differ = seconds.get(f"{v.label}: lines read differently", [0.0])
        pad = padded_share(crops, v.batch, v.min_width)
        cells = (f"{med:.2f}", f"{med / base:.2f}x", f"{cpu:.2f}", f"{cpu / base_cpu:.2f}x", f"{pad:.3f}")
        out.add_row(v.label, str(v.threads), *cells, f"{max(differ):.0f}")
    return out


def run(console: Console, scans: Sequence[Path], pages: int, rounds: int, sessions: bool, every: int = 1) -> None:
    crops = page_crops(scans, pages)[::every]
    console.print(
        f"rec: {len(crops)} line crops of {pages} page(s) (every {every}), {rounds} rounds, variants rotated each round"
    )
    for title, variants in (("recognition batches", BATCH_VARIANTS), ("onnxruntime session options", SESSION_VARIANTS)):
        if title.startswith("onnx") and not sessions:
            continue
        seconds = compare(variants, crops, rounds)
        console.print(table(f"{title}: seconds to read the crops (machine may be shared)", variants, crops, seconds))


def rec(bench: Any) -> None:
    """Batch sizes and padding on every other crop of the bench's first page, two rounds (options: run this file)."""
    run(bench.console, bench.scans, 1, 2, sessions=False, every=2)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--samples", type=Path, default=REPO / "samples")
    p.add_argument("--pages", type=int, default=2)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--every", type=int, default=1, metavar="K", help="read every K-th crop only")
    p.add_argument("--sessions", action="store_true", help="also compare onnxruntime session options")
    p.add_argument("--only-sessions", action="store_true", help="only the session options")
    args = p.parse_args(argv)
    from bench import find_scans

    console = Console() if sys.stdout.isatty() else Console(width=140)
    scans = find_scans(args.samples)
    if args.only_sessions:
        crops = page_crops(scans, args.pages)[:: args.every]
        console.print(f"rec: {len(crops)} line crops, {args.rounds} rounds")
        seconds = compare(SESSION_VARIANTS, crops, args.rounds)
        console.print(table("onnxruntime session options", SESSION_VARIANTS, crops, seconds))
        return 0
    run(console, scans, args.pages, args.rounds, args.sessions, args.every)
    return 0


if __name__ == "__main__":
    sys.exit(main())

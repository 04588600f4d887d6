"""Accuracy and speed of the pipeline on the sample pages (``make bench``).

Runs the pipeline over ``samples/*.png|jpg|tif|pdf``, scores every page that has a
``<stem>.gt.json`` (or ``<stem>-p<N>.gt.json``) beside it, and prints one table per
section. Numbers only: nothing here passes or fails.

Sections are plain functions ``section(bench: Bench) -> None`` listed in
``SECTIONS``; each prints its own table through ``bench.console``. Work that several
sections share (the pipeline pass, the raw-engine pass) is done once, lazily, by
:class:`Bench`, so ``--only speed`` pays for what it prints and no more. To add a
section, write the function and append ``("name", function)`` to ``SECTIONS``.

    python scripts/bench.py                       # every section
    python scripts/bench.py --only speed --pages 3
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from bench_batch import batch, workers  # scripts/ is on sys.path when this runs as a script
from bench_breakdown import breakdown
from bench_ecpo import ecpo
from bench_fresh import fresh
from bench_html import html
from bench_memory import rss
from bench_rec import rec
from rich.console import Console
from rich.table import Table

from pipeline.config import OcrOptions, PipelineConfig
from pipeline.errors import InputError
from pipeline.eval.files import ground_truth_for, load_page
from pipeline.eval.metrics import PageMetrics
from pipeline.eval.report import scores_table
from pipeline.eval.text import normalize, page_text
from pipeline.formats.writers import write_json
from pipeline.naming import page_stem
from pipeline.runner import Pipeline
from pipeline.stages.load import LoadedPage, file_sha256, iter_pages
from pipeline.stages.ocr import crop_quad
from pipeline.state import RunContext, SourceRef
from schemas import Page

REPO = Path(__file__).resolve().parents[1]
SCAN_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf")


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, MiB.

    Read from ``VmHWM`` in ``/proc/self/status``: ``getrusage``'s ``ru_maxrss`` survives
    fork and exec, so a worker started by a large process would report its parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


@dataclass
class PageRun:
    """One page through the full pipeline."""

    name: str
    scan: Path
    page: Page
    seconds: float
    load_s: float
    timings: dict[str, float]
    gt: Path | None
    engine_s: dict[str, float] = field(default_factory=dict)
    counts: dict[str, float] = field(default_factory=dict)
    write_s: float = 0.0
    """Seconds to write the page's JSON (atomically, as a batch worker does)."""
    cpu_s: float = 0.0
    """CPU seconds of this process over the page (all its threads): the work, whatever else the machine runs."""


@dataclass
class RawRun:
    """One page through the bare engine: detect on the full page, recognise every crop."""

    name: str
    seconds: float
    detect_s: float
    recognize_s: float
    lines: int


@dataclass
class PlainRun:
    """One page through ``RapidOCR()`` with its defaults: seconds, all text read, line count."""

    name: str
    seconds: float
    text: str
    lines: int
    cpu_s: float = 0.0
    """CPU seconds of this process over the page (RapidOCR's own threads, which spin while they wait)."""


@dataclass
class Bench:
    """The samples, the options, and the shared passes over them (each run at most once)."""

    scans: list[Path]
    max_pages: int | None
    config: PipelineConfig
    console: Console
    rss_pages: int = 100
    with_plain: bool = True
    """Run plain RapidOCR interleaved with the pipeline (off in an engine worker: its RSS is the pipeline's)."""
    worker_rows: dict[str, dict] = field(default_factory=dict)
    rss_marks: dict[str, float] = field(default_factory=dict)
    throughput: dict[str, float] = field(default_factory=dict)
    """The default workers' figures from the ``workers`` section, when it ran: ``s_per_page``, ``s_per_mp``."""
    failures: list[str] = field(default_factory=list)

    def pages(self) -> Iterator[tuple[Path, LoadedPage, float]]:
        """Loaded pages in file order, with their load time, up to ``max_pages``."""
        count = 0
        for scan in self.scans:
            try:
                start = time.perf_counter()
                for loaded in iter_pages(scan, self.config.load):
                    if self.max_pages is not None and count >= self.max_pages:
                        return
                    count += 1
                    yield scan, loaded, time.perf_counter() - start
                    start = time.perf_counter()
            except InputError as exc:
                self.failures.append(str(exc))

    @cached_property
    def pipeline(self) -> Pipeline:
        """The pipeline, warmed up so no pass is charged for onnxruntime's first-call set-up."""
        pipe = Pipeline(self.config)
        blank = np.full((64, 256), 255, np.uint8)
        pipe.engine.detect(blank)
        pipe.engine.recognize([blank[:32]])
        self.rss_marks["models loaded"] = peak_rss_mib()
        return pipe

    def _pipeline_page(self, scan: Path, loaded: LoadedPage, load_s: float) -> PageRun:
        pipe = self.pipeline
        profile = getattr(pipe.engine, "profile", None)
        if profile is not None:
            profile.take()
            profile.take_counts()
        ctx = RunContext()
        source = SourceRef(scan, loaded.page_index, loaded.page_count, file_sha256(scan), loaded.format)
        start, cpu = time.perf_counter(), time.process_time()
        page = pipe.run_page(loaded, source, ctx)
        seconds, cpu_s = time.perf_counter() - start, time.process_time() - cpu
        name = page_stem(scan, loaded.page_index, loaded.page_count)
        gt = ground_truth_for(scan, loaded.page_index, loaded.page_count)
        engine_s = profile.take() if profile is not None else {}
        counts = profile.take_counts() if profile is not None else {}
        with tempfile.TemporaryDirectory(prefix="bench-write-") as tmp:
            start = time.perf_counter()
            write_json(page, Path(tmp) / f"{name}.json")
            write_s = time.perf_counter() - start
        return PageRun(name, scan, page, seconds, load_s, dict(ctx.timings), gt, engine_s, counts, write_s, cpu_s)

    @cached_property
    def runs(self) -> list[PageRun]:
        """The full pipeline on every page (stage timings from RunContext), interleaved with plain RapidOCR."""
        if self.with_plain:
            return self.paired[0]
        runs = [self._pipeline_page(scan, loaded, load_s) for scan, loaded, load_s in self.pages()]
        self.rss_marks["after pipeline"] = peak_rss_mib()
        return runs

    @cached_property
    def paired(self) -> tuple[list[PageRun], list[PlainRun]]:
        """The pipeline and plain ``RapidOCR()`` page by page, each going first on every other page.

        The machine may be shared: load that comes and goes then falls on both alike, so
        their ratio holds where their seconds do not.
        """
        plain = self._plain_engine()
        runs, plains = [], []
        for n, (scan, loaded, load_s) in enumerate(self.pages()):
            for which in ("pipeline", "plain") if n % 2 == 0 else ("plain", "pipeline"):
                if which == "pipeline":
                    runs.append(self._pipeline_page(scan, loaded, load_s))
                else:
                    plains.append(_plain_page(plain, scan, loaded))
        self.rss_marks["after pipeline + plain RapidOCR"] = peak_rss_mib()
        return runs, plains

    @cached_property
    def raw_runs(self) -> list[RawRun]:
        """The bare engine of the same pipeline on the same pages, no layout."""
        engine, raws = self.pipeline.engine, []
        for scan, loaded, _ in self.pages():
            start = time.perf_counter()
            quads = engine.detect(loaded.image)
            detected = time.perf_counter()
            texts = engine.recognize([crop_quad(loaded.image, q) for q in quads])
            end = time.perf_counter()
            name = page_stem(scan, loaded.page_index, loaded.page_count)
            raws.append(RawRun(name, end - start, detected - start, end - detected, len(texts)))
        self.rss_marks["after raw engine"] = peak_rss_mib()
        return raws

    @cached_property
    def plain_runs(self) -> list[PlainRun]:
        """``RapidOCR()(image)`` with the library's defaults on the same pages (its own models, no layout)."""
        if self.with_plain:
            return self.paired[1]
        plain = self._plain_engine()
        return [_plain_page(plain, scan, loaded) for scan, loaded, _ in self.pages()]

    def _plain_engine(self) -> Any:
        from rapidocr import RapidOCR
        from rapidocr.utils.log import logger as rapid_logger

        self.pipeline  # noqa: B018 - loaded (and warmed up) first, so its RSS mark is its own
        engine = RapidOCR()
        rapid_logger.setLevel("WARNING")
        engine(np.full((64, 256), 255, np.uint8))  # warm-up, as for the pipeline
        return engine


def _plain_page(engine: Any, scan: Path, loaded: LoadedPage) -> PlainRun:
    start, cpu = time.perf_counter(), time.process_time()
    out = engine(loaded.image)
    seconds, cpu_s = time.perf_counter() - start, time.process_time() - cpu
    texts = [str(t) for t in (out.txts or ())]
    name = page_stem(scan, loaded.page_index, loaded.page_count)
    return PlainRun(name, seconds, "".join(texts), len(texts), cpu_s)


def accuracy(bench: Bench) -> None:
    """The eval metrics on every page that has ground truth."""
    scored = [(r, r.gt) for r in bench.runs if r.gt is not None]
    if not scored:
        bench.console.print("[yellow]accuracy: no page has a <stem>.gt.json beside it; nothing to score[/]")
        return
    metrics = PageMetrics()
    for run, gt in scored:
        metrics.update(run.page, load_page(gt), name=run.name)
    bench.console.print(scores_table(metrics.pages, metrics.summary(), title="accuracy (pipeline vs ground truth)"))
    if len(scored) < len(bench.runs):
        bench.console.print(f"{len(bench.runs) - len(scored)} page(s) without ground truth not scored")


def _stage_rows(runs: Sequence[PageRun]) -> list[tuple[str, list[float]]]:
    """(label, seconds per page): load, each stage with its inner timers under it, the rest (export)."""
    names: list[str] = []
    for run in runs:
        names.extend(n for n in run.timings if n not in names)
    top = [n for n in names if "." not in n]
    ordered = [(t, [n for n in names if n.startswith(f"{t}.")]) for t in top]
    placed = set(top).union(*(set(kids) for _, kids in ordered))
    ordered += [(n, []) for n in names if n not in placed]
    rows: list[tuple[str, list[float]]] = [("load", [r.load_s for r in runs])]
    for name, kids in ordered:
        rows.append((name, [r.timings.get(name, 0.0) for r in runs]))
        rows.extend((f"  {k}", [r.timings.get(k, 0.0) for r in runs]) for k in kids)
    rest = [r.seconds - sum(r.timings.get(n, 0.0) for n in top) for r in runs]
    rows.append(("export + other", rest))
    return rows


def speed(bench: Bench) -> None:
    """Median seconds per page by stage, then pipeline against the bare engine."""
    runs, raws = bench.runs, bench.raw_runs
    if not runs:
        bench.console.print("[yellow]speed: no page could be loaded[/]")
        return
    total = [r.load_s + r.seconds for r in runs]
    stages = Table(title=f"pipeline seconds per page ({len(runs)} pages)", title_justify="left")
    for col in ("stage", "median s", "mean s", "share"):
        stages.add_column(col, justify="left" if col == "stage" else "right")
    for label, values in _stage_rows(runs):
        share = sum(values) / sum(total) if sum(total) else 0.0
        stages.add_row(label, f"{median(values):.3f}", f"{statistics.fmean(values):.3f}", f"{100 * share:.1f}%")
    stages.add_section()
    stages.add_row("total", f"{median(total):.3f}", f"{statistics.fmean(total):.3f}", "100.0%", style="bold")
    bench.console.print(stages)

    pipe_s = [r.seconds for r in runs]
    raw_s = [r.seconds for r in raws]
    versus = Table(title="pipeline vs raw engine, same pages, same run (load excluded)", title_justify="left")
    for col in ("", "median s/page", "total s", "pages/min", "lines/page"):
        versus.add_column(col, justify="left" if not col else "right")
    lines = [float(sum(len(b.lines) for b in r.page.blocks)) for r in runs]
    for label, values, per_page in (("pipeline", pipe_s, lines), ("raw engine", raw_s, [r.lines for r in raws])):
        rate = 60 * len(values) / sum(values) if sum(values) else 0.0
        versus.add_row(label, f"{median(values):.3f}", f"{sum(values):.2f}", f"{rate:.1f}", f"{median(per_page):.0f}")
    ratio = median(pipe_s) / median(raw_s) if median(raw_s) else float("nan")
    versus.add_section()
    versus.add_row("pipeline / raw", f"{ratio:.2f}x", "", "", "", style="bold")
    bench.console.print(versus)
    versus_plain(bench)


def bag_error(prediction: str, reference: str) -> float:
    """Order-free character error: characters missing plus characters extra, over the reference.

    Comparable between outputs whose reading order differs (RapidOCR's plain output is
    in detector order, not article order); a substitution counts twice.

    >>> round(bag_error("ab", "abc"), 3), round(bag_error("abd", "abc"), 3)
    (0.333, 0.667)
    """
    from collections import Counter

    pred, ref = Counter(normalize(prediction)), Counter(normalize(reference))
    return sum(((pred - ref) + (ref - pred)).values()) / max(1, sum(ref.values()))


def versus_plain(bench: Bench) -> None:
    """The pipeline against ``RapidOCR()(image)`` with its defaults, same pages, same run."""
    runs, plains = bench.runs, bench.plain_runs
    table = Table(
        title="pipeline vs plain RapidOCR() defaults, same pages, interleaved page by page (load excluded)",
        title_justify="left",
    )
    for col in ("", "median s/page", "total s", "total CPU s", "lines/page", "bag error (scored pages)"):
        table.add_column(col, justify="left" if not col else "right")
    gts = [(i, load_page(r.gt)) for i, r in enumerate(runs) if r.gt is not None]
    refs = "".join(page_text(gt) for _, gt in gts)
    pipe_text = "".join(page_text(runs[i].page) for i, _ in gts)
    plain_text = "".join(plains[i].text for i, _ in gts)
    lines = [float(sum(len(b.lines) for b in r.page.blocks)) for r in runs]
    for label, secs, cpu, per_page, text in (
        ("pipeline", [r.seconds for r in runs], [r.cpu_s for r in runs], lines, pipe_text),
        (
            "RapidOCR() defaults",
            [p.seconds for p in plains],
            [p.cpu_s for p in plains],
            [float(p.lines) for p in plains],
            plain_text,
        ),
    ):
        bag = f"{100 * bag_error(text, refs):.2f}%" if gts else "-"
        table.add_row(
            label, f"{median(secs):.3f}", f"{sum(secs):.2f}", f"{sum(cpu):.2f}", f"{median(per_page):.0f}", bag
        )
    pipe_total, plain_total = sum(r.seconds for r in runs), sum(p.seconds for p in plains)
    table.add_section()
    table.add_row(
        "pipeline / plain (total s)", f"{pipe_total / plain_total:.2f}x" if plain_total else "-", style="bold"
    )
    bench.console.print(table)


def profile(bench: Bench) -> None:
    """Inside the engine, median seconds per page: model time against everything around it."""
    runs = [r for r in bench.runs if r.engine_s]
    if not runs:
        bench.console.print("[yellow]profile: the engine keeps no profile[/]")
        return
    parts = {
        "detect: model": lambda e, t: e.get("det.model", 0.0),
        "detect: resize, normalise, boxes": lambda e, t: e.get("det", 0.0) - e.get("det.model", 0.0),
        "crop lines (warp)": lambda e, t: t.get("ocr.crop", 0.0),
        "recognise: model": lambda e, t: e.get("rec.model", 0.0),
        "recognise: resize, normalise, pad": lambda e, t: (
            e.get("rec", 0.0) - e.get("rec.model", 0.0) - e.get("rec.decode", 0.0)
        ),
        "recognise: CTC decode": lambda e, t: e.get("rec.decode", 0.0),
    }
    table = Table(
        title=f"engine profile, seconds per page ({len(runs)} pages; all engine calls, orient included)",
        title_justify="left",
    )
    for col in ("part", "median s", "mean s", "share of page"):
        table.add_column(col, justify="left" if col == "part" else "right")
    total = sum(r.seconds for r in runs)
    for label, get in parts.items():
        values = [get(r.engine_s, r.timings) for r in runs]
        share = f"{100 * sum(values) / total:.1f}%" if total else "-"
        table.add_row(label, f"{median(values):.3f}", f"{statistics.fmean(values):.3f}", share)
    bench.console.print(table)


def memory(bench: Bench) -> None:
    """Peak RSS after each shared pass that has run (getrusage maxrss)."""
    table = Table(title="peak RSS (MiB)", title_justify="left")
    table.add_column("after")
    table.add_column("MiB", justify="right")
    for label, mib in bench.rss_marks.items():
        table.add_row(label, f"{mib:.0f}")
    table.add_section()
    table.add_row("end of run", f"{peak_rss_mib():.0f}", style="bold")
    bench.console.print(table)


ENGINE_VARIANTS: tuple[tuple[str, str, str | None], ...] = (
    ("rapidocr", "onnxruntime", None),
    ("paddleocr", "onnxruntime", "paddleocr"),
    ("paddleocr", "paddle", "paddle"),
)
"""(engine, runtime, import that must exist): the engines ``--only engines`` compares."""


def engine_worker(spec: str, args: argparse.Namespace) -> int:
    """``--engine-worker ENGINE:RUNTIME``: the whole sample run with one engine; one JSON line out.

    Runs in a fresh process per engine so that peak RSS belongs to that engine alone.
    """
    from pipeline.errors import EngineError

    engine, runtime = spec.split(":")
    config = PipelineConfig(ocr=OcrOptions(engine=engine, runtime=runtime, threads=args.threads))
    bench = Bench(find_scans(args.samples), args.pages, config, Console(stderr=True), with_plain=False)
    try:
        runs = bench.runs
    except EngineError as exc:
        print(json.dumps({"error": str(exc)}))
        return 0
    metrics = PageMetrics()
    for run in runs:
        if run.gt is not None:
            metrics.update(run.page, load_page(run.gt), name=run.name)
    total = metrics.summary()
    big = max(runs, key=lambda r: r.page.width * r.page.height)
    info = bench.pipeline.engine.info
    result = {
        "runtime": info.runtime,
        "models": " + ".join(m.name for m in info.models),
        "scored": total.pages,
        "page_cer": total.page_cer,
        "text_cer": total.text_cer,
        "body_cer": total.body_cer,
        "median_s": median([r.seconds for r in runs]),
        "big_page": f"{big.name} {big.page.width}x{big.page.height}",
        "big_s": big.seconds,
        "rss_mib": peak_rss_mib(),
    }
    print(json.dumps(result))
    return 0


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.2f}%"


def _run_worker(bench: Bench, engine: str, runtime: str) -> dict:
    """One engine's row from a fresh ``--engine-worker`` process, or ``{"error": ...}`` (run once per bench)."""
    key = f"{engine}:{runtime}"
    if key not in bench.worker_rows:
        bench.worker_rows[key] = _worker_row(bench, engine, runtime)
    return bench.worker_rows[key]


def _worker_row(bench: Bench, engine: str, runtime: str) -> dict:
    threads = str(bench.config.ocr.threads)
    cmd = [sys.executable, __file__, "--samples", str(bench.scans[0].parent), "--threads", threads]
    cmd += ["--pages", str(bench.max_pages)] if bench.max_pages is not None else []
    done = subprocess.run([*cmd, "--engine-worker", f"{engine}:{runtime}"], capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if done.returncode == 0 and lines else {"error": done.stderr.strip()[-300:]}


_ENGINE_COLS = (
    *("engine", "runtime", "models", "page CER", "text CER", "body CER"),
    *("median s/page", "largest page", "s", "peak MiB"),
)


def engines(bench: Bench) -> None:
    """Each available engine in its own process: CER on the samples, s/page, peak RSS."""
    table = Table(title="engines (each in a fresh process; pipeline end to end)", title_justify="left")
    for col in _ENGINE_COLS:
        table.add_column(col, justify="left" if col in ("engine", "runtime", "models", "largest page") else "right")
    for engine, runtime, needs in ENGINE_VARIANTS:
        if needs is not None and importlib.util.find_spec(needs) is None:
            table.add_row(engine, runtime, f"not installed ({needs})")
            continue
        row = _run_worker(bench, engine, runtime)
        if "error" in row:
            table.add_row(engine, runtime, f"[red]failed: {row['error']}[/]")
            continue
        cer = [_pct(row["page_cer"]), _pct(row["text_cer"]), _pct(row["body_cer"])]
        speed_cells = [f"{row['median_s']:.2f}", row["big_page"], f"{row['big_s']:.2f}", f"{row['rss_mib']:.0f}"]
        table.add_row(engine, row["runtime"], row["models"], *cer, *speed_cells)
    bench.console.print(table)


BROADSHEET_MP = 17.5
"""Megapixels of a full 300-dpi broadsheet page (about 3500 x 5000 px): the unit of the s/page target."""


def summary(bench: Bench) -> None:
    """The figures the speed targets are stated in: s/page, the ratio to plain RapidOCR, peak RSS."""
    runs, plains = bench.runs, bench.plain_runs
    if not runs:
        return
    pipe_total, plain_total = sum(r.seconds for r in runs), sum(p.seconds for p in plains)
    megapixels = sum(r.page.width * r.page.height for r in runs) / 1e6
    big = max(runs, key=lambda r: r.page.width * r.page.height)
    orient = [r.timings.get("orient", 0.0) - r.timings.get("orient.detect", 0.0) for r in runs]
    table = Table(title=f"summary ({len(runs)} pages; the machine may be shared: compare ratios)", title_justify="left")
    for col in ("figure", "value", "target"):
        table.add_column(col, justify="left" if col == "figure" else "right")
    table.add_row(
        "pipeline / plain RapidOCR() (total s)", f"{pipe_total / plain_total:.2f}x" if plain_total else "-", "<= 0.70x"
    )
    table.add_row("median s/page", f"{median([r.seconds for r in runs]):.2f}", "")
    pipe_cpu, plain_cpu = sum(r.cpu_s for r in runs), sum(p.cpu_s for p in plains)
    table.add_row(
        "pipeline / plain RapidOCR() (total CPU s; the plain engine's threads spin)",
        f"{pipe_cpu / plain_cpu:.2f}x" if plain_cpu else "-",
        "",
    )
    table.add_row(
        f"CPU s per {BROADSHEET_MP} MP (one process, all pages, by pixels; steady under load)",
        f"{pipe_cpu / megapixels * BROADSHEET_MP:.2f}",
        "",
    )
    table.add_row(
        f"s per {BROADSHEET_MP} MP (one process, all pages, by pixels)",
        f"{pipe_total / megapixels * BROADSHEET_MP:.2f}",
        "",
    )
    table.add_row(f"largest page {big.page.width}x{big.page.height}", f"{big.seconds:.2f}", "")
    if bench.throughput:
        label = f"default workers x threads ({bench.throughput['label']}), s per {BROADSHEET_MP} MP of wall time"
        table.add_row(label, f"{bench.throughput['s_per_mp']:.2f}", "<= 6")
    else:
        table.add_row("default workers x threads, s per 17.5 MP", "run with --only workers (or --long)", "<= 6")
    table.add_row("orientation check (beyond the shared detection), median s", f"{median(orient):.3f}", "")
    worker = _run_worker(bench, bench.config.ocr.engine, bench.config.ocr.runtime)
    peak = f"{worker['rss_mib']:.0f}" if "rss_mib" in worker else f"failed: {worker.get('error', '')[:60]}"
    table.add_row("peak RSS of one worker (the pipeline alone, fresh process), MiB", peak, "<= 1536")
    bench.console.print(table)


Section = Callable[[Bench], None]
SECTIONS: list[tuple[str, Section]] = [
    ("accuracy", accuracy),
    ("speed", speed),
    ("profile", profile),
    ("breakdown", breakdown),
    ("rec", rec),
    ("rss", rss),
    ("memory", memory),
    ("engines", engines),
    ("workers", workers),
    ("batch", batch),
    ("fresh", fresh),
    ("html", html),
    ("ecpo", ecpo),
    ("summary", summary),
]
"""Printed in this order; ``memory`` after the passes it reports, ``summary`` last."""

LONG_SECTIONS = frozenset({"rec", "workers", "batch", "fresh", "html", "ecpo"})
"""Sections that take minutes: run only when named with ``--only`` or with ``--long``."""


def find_scans(folder: Path) -> list[Path]:
    """Scan files directly in ``folder``, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SCAN_SUFFIXES)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    names = [n for n, _ in SECTIONS]
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--samples", type=Path, default=REPO / "samples", help="folder of scans and *.gt.json")
    p.add_argument("--pages", type=int, default=None, metavar="N", help="use at most N pages")
    p.add_argument("--only", action="append", choices=names, metavar="NAME", help=f"run only: {', '.join(names)}")
    p.add_argument("--threads", type=int, default=OcrOptions().threads, help="engine threads (0 = all cores)")
    p.add_argument("--rss-pages", type=int, default=100, metavar="N", help="small pages the rss section reads")
    p.add_argument("--long", action="store_true", help=f"also run the long sections: {', '.join(LONG_SECTIONS)}")
    p.add_argument("--engine-worker", metavar="ENGINE:RUNTIME", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.engine_worker:
        return engine_worker(args.engine_worker, args)
    console = Console() if sys.stdout.isatty() else Console(width=140)
    scans = find_scans(args.samples)
    if not scans:
        console.print(f"bench: no scans (*.png, *.jpg, *.tif, *.pdf) in {args.samples}; run `make samples` first")
        return 0
    config = PipelineConfig(ocr=OcrOptions(threads=args.threads))
    bench = Bench(scans=scans, max_pages=args.pages, config=config, console=console, rss_pages=args.rss_pages)
    console.print(f"bench: {len(scans)} file(s) in {args.samples}, threads={args.threads or 'all'}")
    for name, section in SECTIONS:
        if name in args.only if args.only else args.long or name not in LONG_SECTIONS:
            section(bench)
    for failure in dict.fromkeys(bench.failures):
        console.print(f"[red]not loaded: {failure}[/]")
    return 0


if __name__ == "__main__":
    sys.exit(main())

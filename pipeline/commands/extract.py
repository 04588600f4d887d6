"""``broadsheet extract INPUT... -o OUT``: scans to article files, as a resumable batch.

Inputs are files, folders (searched recursively), glob patterns and/or a manifest.
Pages run in parallel (``--workers``, local processes or ``--executor ray``); pages
current in OUT (same input, engine, models, schema, config) are skipped unless ``--force``;
one run at a time per OUT (a lock file). Every failure is one line on
stderr and one entry in ``OUT/errors.jsonl``; the exit status is 1 if anything
failed, 2 for a usage or set-up error, 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline.config import OUTPUT_FORMATS, LoadOptions, OcrOptions, PipelineConfig

NAME = "extract"
HELP = "scans -> article JSON (and other formats)"


def _formats(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    if "mets" in names and "alto" not in names:
        names.append("alto")  # METS points at the page ALTO files: write them too
    unknown = [n for n in names if n not in OUTPUT_FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown format(s) {unknown}; choose from {','.join(OUTPUT_FORMATS)}")
    return names


def _positive(kind: type[int] | type[float]) -> Callable[[str], int | float]:
    """An argparse type: a number of ``kind`` above 0."""

    def parse(value: str) -> int | float:
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
        if number <= 0:
            raise argparse.ArgumentTypeError(f"must be above 0: {value!r}")
        return number

    return parse


def add_arguments(p: argparse.ArgumentParser) -> None:
    ocr, load = OcrOptions(), LoadOptions()
    add = p.add_argument
    add("inputs", nargs="*", metavar="INPUT", help="scan files, folders (recursive) or glob patterns")
    add("-o", "--out", type=Path, required=True, help="output folder")
    add("--manifest", type=Path, help="CSV or JSONL: path, paper, date, edition, page_number, issue")
    add("--format", type=_formats, default=["json"], help=f"comma list of: {','.join(OUTPUT_FORMATS)} (json always)")
    add("--overlay", action="store_true", help="also draw the found layout on each page (<stem>.overlay.jpg)")
    add("--engine", default=ocr.engine, help=f"OCR engine (default {ocr.engine})")
    add("--model-dir", type=Path, default=None, help="folder holding the model files")
    add("--runtime", choices=("onnxruntime", "paddle"), default=ocr.runtime, help="paddleocr engine's runtime")
    add("--rec-precision", choices=("int8", "fp32"), default=ocr.rec_precision, help="recognition model weights")
    add("--workers", type=_positive(int), default=0, help="parallel workers (default: one per core)")
    add("--threads", type=_positive(int), default=None, help="inference threads per worker (default: cores/workers)")
    add("--executor", choices=("local", "ray"), default="local", help="local processes or a Ray cluster")
    add("--address", default=None, help="Ray cluster address (default: start a local Ray)")
    add("--force", action="store_true", help="redo every page, even those current for this input and config")
    add("--quiet", action="store_true", help="no progress bar or summary: only failure lines")
    add("--page-timeout", type=_positive(float), metavar="SECONDS", help="fail a page that takes longer")
    add("--max-pixels", type=_positive(int), default=load.max_pixels, help=f"refuse larger pages ({load.max_pixels:,})")
    add("--pdf-dpi", type=int, default=load.pdf_dpi, help="PDF rendering dpi (default: a scanned page's own, else 300)")
    add("--spreads", choices=("auto", "split", "keep"), default=load.spreads, help="cut two-page scans")


def _config(args: argparse.Namespace) -> PipelineConfig:
    ocr = OcrOptions(
        engine=args.engine,
        model_dir=args.model_dir,
        threads=args.threads or 0,
        runtime=args.runtime,
        rec_precision=args.rec_precision,
    )
    load = LoadOptions(max_pixels=args.max_pixels, pdf_dpi=args.pdf_dpi, spreads=args.spreads)
    return PipelineConfig(ocr=ocr, load=load)


def _unwritable(formats: list[str]) -> list[str]:
    from pipeline.batch.documents import document_writers
    from pipeline.formats.writers import PAGE_WRITERS

    return [f for f in formats if f not in PAGE_WRITERS and f not in document_writers()]


def run(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from pipeline.batch import BatchOptions, run_batch
    from pipeline.batch.lock import FolderLocked
    from pipeline.inputs import ManifestError, UnmatchedInput, collect_inputs

    if not args.inputs and args.manifest is None:
        print("broadsheet extract: give at least one INPUT or --manifest", file=sys.stderr)
        return 2
    missing = _unwritable(args.format)
    if missing:
        print(f"broadsheet extract: no writer for format(s) {', '.join(missing)} in this build", file=sys.stderr)
        return 2
    try:
        config = _config(args)
        unmatched: list[UnmatchedInput] = []
        files = collect_inputs(args.inputs, args.manifest, unmatched)
    except (ManifestError, ValidationError) as exc:
        print(f"broadsheet extract: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    options = BatchOptions(
        out_dir=args.out,
        formats=tuple(args.format),
        image_outputs=("overlay",) if args.overlay else (),
        workers=args.workers,
        executor=args.executor,
        address=args.address,
        force=args.force,
        quiet=args.quiet,
        debug=getattr(args, "debug", False),
        page_timeout=args.page_timeout,
    )
    try:
        return run_batch(files, config, options, unmatched).exit_code
    except FolderLocked as exc:
        print(f"broadsheet extract: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # workers are stopped on the way out; every finished page is kept
        print("broadsheet extract: interrupted; run the same command again to resume", file=sys.stderr)
        return 130

"""``broadsheet extract INPUT... -o OUT``: scans to article files."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.config import OUTPUT_FORMATS, OcrOptions, PipelineConfig

NAME = "extract"
HELP = "scans -> article JSON (and other formats)"


def _formats(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in OUTPUT_FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown format(s) {unknown}; choose from {','.join(OUTPUT_FORMATS)}")
    return names


def add_arguments(p: argparse.ArgumentParser) -> None:
    defaults = OcrOptions()
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="scan files or folders")
    p.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    p.add_argument("--format", type=_formats, default=["json"], help="comma list of: " + ",".join(OUTPUT_FORMATS))
    p.add_argument("--engine", default=defaults.engine, help=f"OCR engine (default {defaults.engine})")
    p.add_argument("--model-dir", type=Path, default=None, help="folder holding the model files")


def run(args: argparse.Namespace) -> int:
    from pipeline.batch import run_batch

    config = PipelineConfig(ocr=OcrOptions(engine=args.engine, model_dir=args.model_dir))
    result = run_batch(args.inputs, args.out, config, args.format)
    return result.exit_code

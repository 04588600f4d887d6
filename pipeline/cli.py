"""Command line: ``broadsheet extract | schema``. Thin: args -> config -> run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline.config import OUTPUT_FORMATS, OcrOptions, PipelineConfig
from pipeline.engines.base import EngineError


def _formats(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in OUTPUT_FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown format(s) {unknown}; choose from {','.join(OUTPUT_FORMATS)}")
    return names


def _add_extract(sub: argparse._SubParsersAction) -> None:
    defaults = OcrOptions()
    p = sub.add_parser("extract", help="scans -> article JSON (and other formats)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="scan files or folders")
    p.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    p.add_argument("--format", type=_formats, default=["json"], help="comma list of: " + ",".join(OUTPUT_FORMATS))
    p.add_argument("--engine", default=defaults.engine, help=f"OCR engine (default {defaults.engine})")
    p.add_argument("--model-dir", type=Path, default=None, help="folder holding the model files")
    p.add_argument("--debug", action="store_true", help="show tracebacks")


def _add_schema(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="write JSON Schema files of the output models")
    p.add_argument("-o", "--out", type=Path, default=Path(__file__).resolve().parents[1] / "schemas")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="broadsheet", description="Chinese newspaper scans to structured articles")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_extract(sub)
    _add_schema(sub)
    return parser


def _extract(args: argparse.Namespace) -> int:
    from pipeline.batch import run_batch

    config = PipelineConfig(ocr=OcrOptions(engine=args.engine, model_dir=args.model_dir))
    result = run_batch(args.inputs, args.out, config, args.format)
    return result.exit_code


def _schema(args: argparse.Namespace) -> int:
    from pipeline.schema_files import write_schema_files

    for path in write_schema_files(args.out):
        print(path)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``broadsheet`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    handlers = {"extract": _extract, "schema": _schema}
    try:
        return handlers[args.command](args)
    except EngineError as exc:
        if getattr(args, "debug", False):
            raise
        print(f"broadsheet: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

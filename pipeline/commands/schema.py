"""``broadsheet schema``: write the JSON Schema files of the output models."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "schema"
HELP = "write JSON Schema files of the output models into schemas/"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--out", type=Path, default=Path(__file__).resolve().parents[2] / "schemas")


def run(args: argparse.Namespace) -> int:
    from pipeline.schema_files import write_schema_files

    for path in write_schema_files(args.out):
        print(path)
    return 0

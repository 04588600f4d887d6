"""Command line: ``broadsheet <command>``. Thin: args -> config -> run.

Commands live in :mod:`pipeline.commands`, one module each, listed in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pipeline.errors import EngineError
from pipeline.version import software_version

COMMANDS = [
    "pipeline.commands.extract",
    "pipeline.commands.schema",
    "pipeline.commands.evaluate",
    "pipeline.commands.models",
    "pipeline.commands.review",
]


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(prog="broadsheet", description="Chinese newspaper scans to structured articles")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--version", action="version", version=f"%(prog)s {software_version() or '(not installed)'}")
    sub = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name in COMMANDS:
        module = importlib.import_module(name)
        modules[module.NAME] = module
        module.add_arguments(sub.add_parser(module.NAME, help=module.HELP))
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``broadsheet`` console script; returns the exit status."""
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(modules[args.command].run(args))  # type: ignore[attr-defined]
    except EngineError as exc:
        if args.debug:
            raise
        print(f"broadsheet: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

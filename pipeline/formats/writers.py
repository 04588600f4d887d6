"""Per-page output files by format, written atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.atomic import write_atomic
from pipeline.formats.markdown import page_markdown
from schemas import Page

PageWriter = Callable[[Page, Path], None]


def write_json(page: Page, path: Path) -> None:
    write_atomic(path, page.model_dump_json(indent=1) + "\n")


def write_markdown(page: Page, path: Path) -> None:
    write_atomic(path, page_markdown(page))


PAGE_WRITERS: dict[str, tuple[str, PageWriter]] = {
    "json": (".json", write_json),
    "md": (".md", write_markdown),
}
"""Format name -> (file suffix, writer) for formats written once per page."""

"""Output files by format, written atomically: per page, or per document (all its pages)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline.atomic import write_atomic
from pipeline.formats.alto import ALTO_SUFFIX, write_alto
from pipeline.formats.jsonl import write_jsonl
from pipeline.formats.markdown import page_markdown
from pipeline.formats.mets import METS_SUFFIX, write_mets
from pipeline.formats.pagexml import PAGE_SUFFIX, write_page_xml
from schemas import Page

PageWriter = Callable[[Page, Path], None]
DocumentWriter = Callable[[Sequence[Page], Path, Sequence[str]], None]


def write_json(page: Page, path: Path) -> None:
    write_atomic(path, page.model_dump_json(indent=1) + "\n")


def write_markdown(page: Page, path: Path) -> None:
    write_atomic(path, page_markdown(page))


PAGE_WRITERS: dict[str, tuple[str, PageWriter]] = {
    "json": (".json", write_json),
    "md": (".md", write_markdown),
    "alto": (ALTO_SUFFIX, write_alto),
    "page": (PAGE_SUFFIX, write_page_xml),
}
"""Format name -> (file suffix, writer) for formats written once per page."""

DOCUMENT_WRITERS: dict[str, tuple[str, DocumentWriter]] = {
    "mets": (METS_SUFFIX, write_mets),
    "jsonl": (".jsonl", write_jsonl),
}
"""Format name -> (file suffix, writer) for formats written once per input document
(a PDF, a multi-page TIFF, an image, a manifest issue), given its pages in page order
and the per-page formats the run writes (a METS file lists those files)."""

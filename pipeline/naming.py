"""Output file names: ``<stem>.json`` for one-page files, ``<stem>-p<N>.json`` (N from 1) otherwise."""

from __future__ import annotations

from pathlib import Path


def page_stem(path: Path, page_index: int, page_count: int) -> str:
    """Stem of a page's output files.

    >>> page_stem(Path("a/issue.pdf"), 1, 3)
    'issue-p2'
    >>> page_stem(Path("scan.png"), 0, 1)
    'scan'
    """
    if page_count > 1:
        return f"{path.stem}-p{page_index + 1}"
    return path.stem


def output_path(out_dir: Path, path: Path, page_index: int, page_count: int, suffix: str) -> Path:
    """Where one page's file of a given suffix goes."""
    return out_dir / f"{page_stem(path, page_index, page_count)}{suffix}"

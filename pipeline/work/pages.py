"""Page addressing: how many pages a file has, and page N alone.

A batch parallelises pages, not files, so it counts pages up front (headers only)
and lets a worker open just the one page it was given: a PDF page is rendered alone,
not after every page before it. The loader (:mod:`pipeline.stages.load`) stays the
authority on what is wrong with a file: its checks and messages are used throughout.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image

from pipeline.config import LoadOptions
from pipeline.errors import InputError
from pipeline.stages.load import LoadedPage, iter_pages, sniff_format, spread_cuts
from pipeline.stages.pdf_pages import pdf_page_count


def _raster_count(path: Path, fmt: str) -> int:
    if fmt != "tiff":
        return 1  # as the loader: only TIFF frames are pages (not APNG or MPO frames)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # header trouble is reported once, by the page's load
            with Image.open(path) as img:
                return max(1, int(getattr(img, "n_frames", 1)))
    except Exception:  # a broken header: the page's own load reports it in the loader's words
        return 1


def count_pages(path: Path, options: LoadOptions | None = None) -> int:
    """Pages in ``path``, read from headers only (cheap); a spread cut in two counts twice.

    Raises:
        InputError: the file is missing, empty, not a scan, or a PDF without readable pages.
    """
    fmt = sniff_format(path)
    if fmt == "pdf":
        return pdf_page_count(path)
    cuts = spread_cuts(path, fmt, options) if options is not None else []
    if cuts:
        return sum(1 if cut is None else 2 for cut in cuts)
    return _raster_count(path, fmt)  # a file not decodable here is one page: its load reports why


def load_page(path: Path, index: int, options: LoadOptions | None = None) -> LoadedPage:
    """Page ``index`` (0-based) of ``path``, as ``iter_pages`` would give it.

    Raises:
        InputError: the file is gone, changed, or cannot be decoded.
    """
    loaded = next(iter_pages(path, options or LoadOptions(), first=index), None)
    if loaded is None or loaded.page_index != index:
        raise InputError(path, f"page {index + 1} is missing (the file changed during the batch)")
    return loaded

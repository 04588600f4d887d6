"""PDF pages through poppler (pdf2image): page count, rendering dpi, one page at a time.

A scanned PDF is rendered at its scan image's own resolution (``pdfimages -list``), so
coordinates are the scan's pixels; other PDFs at 300 dpi unless ``LoadOptions.pdf_dpi``
says otherwise. A page's declared size is checked (bomb guard) before it is rendered.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from pipeline.config import LoadOptions
from pipeline.errors import InputError
from pipeline.stages.page_image import LoadedPage, check_pixels, read_error, to_array

_PDF_POINTS_PER_INCH = 72.0

_POPPLER_REASONS: tuple[tuple[str, str], ...] = (
    ("incorrect password", "encrypted PDF: it needs a password to open"),
    ("wrong page range", "PDF has no pages"),
    ("couldn't open file", "file not found (missing, or removed while being read)"),
    ("permission denied", "cannot read file: permission denied"),
    ("may not be a pdf file", "corrupt PDF: no valid PDF structure behind the %PDF header"),
    ("couldn't read xref table", "corrupt PDF: no valid PDF structure behind the %PDF header"),
    ("couldn't find trailer", "corrupt PDF: no valid PDF structure behind the %PDF header"),
)


def _poppler_reason(stderr: str) -> str:
    """Turn poppler's stderr into one plain reason."""
    low = stderr.lower()
    for needle, reason in _POPPLER_REASONS:
        if needle in low:
            return reason
    last = next((ln.strip() for ln in reversed(stderr.strip().splitlines()) if ln.strip()), "")
    return f"corrupt PDF ({last})" if last else "corrupt PDF (poppler could not read it)"


def _pdfinfo(path: Path, page: int | None = None) -> dict[str, object]:
    from pdf2image import pdfinfo_from_path
    from pdf2image.exceptions import PDFInfoNotInstalledError, PDFPageCountError

    try:
        return pdfinfo_from_path(str(path), first_page=page, last_page=page)
    except PDFInfoNotInstalledError:
        raise InputError(path, "PDF support needs poppler-utils (apt-get install poppler-utils)") from None
    except PDFPageCountError as exc:
        raise InputError(path, _poppler_reason(str(exc))) from None
    except OSError as exc:
        raise read_error(path, exc) from None


def pdf_page_count(path: Path) -> int:
    info = _pdfinfo(path)
    try:
        pages = int(str(info.get("Pages", 0)))
    except ValueError:
        pages = 0
    if pages < 1:
        raise InputError(path, "PDF has no pages")
    return pages


_PAGE_SIZE = re.compile(r"([\d.]+)\s*x\s*([\d.]+)\s*pts")


_FALLBACK_PDF_DPI = 300
_PDFIMAGES_ROW = re.compile(r"^\s*(\d+)\s+\d+\s+image\s+(\d+)\s+(\d+)\s+.*?\s(\d+)\s+(\d+)\s+\S+\s+\S+\s*$")


def _page_points(path: Path, index: int) -> tuple[float, float] | None:
    info = _pdfinfo(path, index + 1)
    size = next((str(v) for k, v in info.items() if k.startswith("Page") and k.endswith("size")), "")
    match = _PAGE_SIZE.search(size)
    return (float(match.group(1)), float(match.group(2))) if match else None


def _scan_dpi(path: Path, index: int, points: tuple[float, float]) -> int | None:
    """Resolution of the scan image filling page ``index``, from ``pdfimages -list``; None if none does."""
    try:
        done = subprocess.run(
            ["pdfimages", "-list", "-f", str(index + 1), "-l", str(index + 1), str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    for row in done.stdout.splitlines():
        match = _PDFIMAGES_ROW.match(row)
        if not match:
            continue
        width, ppi = int(match.group(2)), int(match.group(4))
        # a scanned page is one image covering the page: its width / ppi equals the page width
        if 72 <= ppi <= 1200 and abs(width / ppi * _PDF_POINTS_PER_INCH - points[0]) <= 0.05 * points[0]:
            return ppi
    return None


def pdf_page_dpi(path: Path, index: int, options: LoadOptions) -> int:
    """The dpi page ``index`` is rendered at (see ``LoadOptions.pdf_dpi``)."""
    if options.pdf_dpi is not None:
        return options.pdf_dpi
    return _dpi_for(path, index, _page_points(path, index), options)


def _dpi_for(path: Path, index: int, points: tuple[float, float] | None, options: LoadOptions) -> int:
    """``pdf_page_dpi`` for a page whose size in points is already known."""
    if options.pdf_dpi is not None:
        return options.pdf_dpi
    return (_scan_dpi(path, index, points) if points else None) or _FALLBACK_PDF_DPI


def _render_pdf_page(path: Path, index: int, dpi: int) -> Image.Image:
    from pdf2image import convert_from_path

    try:
        images = convert_from_path(str(path), dpi=dpi, first_page=index + 1, last_page=index + 1)
    except OSError as exc:
        raise read_error(path, exc) from None
    except Exception as exc:  # pdf2image raises plain exceptions for poppler failures
        raise InputError(path, f"cannot render PDF page {index + 1} ({_poppler_reason(str(exc))})") from None
    if not images:
        if not path.exists():
            raise InputError(path, "file not found (missing, or removed while being read)")
        raise InputError(path, f"PDF page {index + 1} rendered nothing (corrupt page)")
    return images[0]


def load_pdf_page(path: Path, index: int, count: int, options: LoadOptions) -> LoadedPage:
    """Render page ``index`` of a PDF of ``count`` pages: declared size checked first (bomb guard)."""
    points = _page_points(path, index)  # one pdfinfo call serves the dpi and the size check
    dpi = _dpi_for(path, index, points, options)
    if points is not None:
        scale = dpi / _PDF_POINTS_PER_INCH
        check_pixels(path, round(points[0] * scale), round(points[1] * scale), options)
    image = _render_pdf_page(path, index, dpi)
    check_pixels(path, image.width, image.height, options)
    return LoadedPage(to_array(image), float(dpi), index, count, "pdf")


def iter_pdf(path: Path, options: LoadOptions, first: int) -> Iterator[LoadedPage]:
    count = pdf_page_count(path)
    for index in range(first, count):
        yield load_pdf_page(path, index, count, options)

"""Open scans: PNG, JPEG, TIFF (multi-page, 1-bit G4 too) and PDF (via pdf2image).

Files are recognised by their first bytes, not by extension. Each page comes out as a
gray or BGR ``uint8`` array with its dpi.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from pipeline.config import LoadOptions
from pipeline.errors import InputError

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"%PDF", "pdf"),
)
SUPPORTED = ("png", "jpeg", "tiff", "pdf")


@dataclass(frozen=True)
class LoadedPage:
    """One page image of an input file."""

    image: np.ndarray
    dpi: float | None
    page_index: int
    page_count: int
    format: str


def sniff_format(path: Path) -> str:
    """The file's format from its magic bytes.

    Raises:
        InputError: unreadable, empty, or not a supported format.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not head:
        raise InputError(path, "empty file")
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    if b"%PDF" in head:
        return "pdf"
    kind = "text or HTML" if head.lstrip()[:1] in (b"<", b"{") or head.isascii() else "unknown binary data"
    raise InputError(path, f"not a PNG, JPEG, TIFF or PDF file ({kind})")


def file_sha256(path: Path) -> str:
    """Hex sha256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _to_array(img: Image.Image) -> np.ndarray:
    """Gray for gray, bilevel and palette-less scans; BGR for colour."""
    img = ImageOps.exif_transpose(img) or img
    if img.mode in ("1", "L", "I;16", "I", "F", "LA"):
        return np.asarray(img.convert("L"))
    rgb = np.asarray(img.convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])


def _dpi_of(img: Image.Image) -> float | None:
    dpi = img.info.get("dpi")
    if dpi and float(dpi[0]) > 1:
        return float(dpi[0])
    return None


def _check_pixels(path: Path, img: Image.Image, options: LoadOptions) -> None:
    w, h = img.size
    if w * h > options.max_pixels:
        raise InputError(path, f"image is {w}x{h} = {w * h:,} pixels, above the limit of {options.max_pixels:,}")
    if w < 1 or h < 1:
        raise InputError(path, f"image has no pixels ({w}x{h})")


def _iter_raster(path: Path, fmt: str, options: LoadOptions) -> Iterator[LoadedPage]:
    saved_limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # our own limit (options.max_pixels) applies instead
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                count = getattr(img, "n_frames", 1)
                for index in range(count):
                    img.seek(index)
                    _check_pixels(path, img, options)
                    img.load()
                    yield LoadedPage(_to_array(img), _dpi_of(img), index, count, fmt)
    except InputError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InputError(path, f"cannot decode {fmt.upper()} ({exc})") from None
    finally:
        Image.MAX_IMAGE_PIXELS = saved_limit


def _pdf_page_count(path: Path) -> int:
    from pdf2image import pdfinfo_from_path
    from pdf2image.exceptions import PDFInfoNotInstalledError, PDFPageCountError

    try:
        info = pdfinfo_from_path(str(path))
    except PDFInfoNotInstalledError:
        raise InputError(path, "PDF support needs poppler-utils (apt-get install poppler-utils)") from None
    except PDFPageCountError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else "unreadable PDF"
        raise InputError(path, f"cannot read PDF ({reason})") from None
    pages = int(info.get("Pages", 0))
    if pages < 1:
        raise InputError(path, "PDF has no pages")
    return pages


def _iter_pdf(path: Path, options: LoadOptions) -> Iterator[LoadedPage]:
    from pdf2image import convert_from_path

    count = _pdf_page_count(path)
    for index in range(count):
        try:
            images = convert_from_path(str(path), dpi=options.pdf_dpi, first_page=index + 1, last_page=index + 1)
        except Exception as exc:  # pdf2image raises plain exceptions for poppler failures
            raise InputError(path, f"cannot render PDF page {index + 1} ({exc})") from None
        if not images:
            raise InputError(path, f"PDF page {index + 1} rendered nothing")
        _check_pixels(path, images[0], options)
        yield LoadedPage(_to_array(images[0]), float(options.pdf_dpi), index, count, "pdf")


def iter_pages(path: Path, options: LoadOptions | None = None) -> Iterator[LoadedPage]:
    """Yield the pages of a scan file one at a time.

    Raises:
        InputError: the file is missing, empty, of an unknown format, or corrupt.

    >>> next(iter_pages(Path("samples/tabloid-200dpi.png"))).page_count  # doctest: +SKIP
    1
    """
    options = options or LoadOptions()
    fmt = sniff_format(path)
    if fmt == "pdf":
        yield from _iter_pdf(path, options)
    else:
        yield from _iter_raster(path, fmt, options)

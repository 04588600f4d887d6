"""Open scans: PNG, JPEG, TIFF (multi-page, 1-bit G4 too) and PDF (via pdf2image / poppler).

Files are recognised by their first bytes, not by extension. Each page comes out as a
gray or BGR ``uint8`` array with its dpi, one page at a time (a 300-page PDF is never
held in memory at once).

Every way a file can be bad ends in :class:`~pipeline.errors.InputError` with a one-line
reason naming the file: missing, unreadable, empty, not an image, truncated, corrupt,
encrypted, without pages, or too large. The size guard works *before* decoding: Pillow's
``Image.open`` reads only the header, so a 30,000 x 30,000 px PNG of a few KB is refused
from its declared size without allocating its 900 Mpx. PDF pages are measured with
``pdfinfo`` before ``pdftoppm`` renders them. Pillow's globals (``MAX_IMAGE_PIXELS``,
``LOAD_TRUNCATED_IMAGES``) are left alone: a truncated file stays an error.
"""

from __future__ import annotations

import errno
import hashlib
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageFile
from PIL.JpegImagePlugin import JpegImageFile
from PIL.PngImagePlugin import PngImageFile
from PIL.TiffImagePlugin import TiffImageFile

from pipeline.config import LoadOptions
from pipeline.errors import InputError
from pipeline.stages.page_image import LoadedPage, check_pixels, read_error, to_array
from pipeline.stages.pdf_pages import iter_pdf

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"%PDF", "pdf"),
)
SUPPORTED = ("png", "jpeg", "tiff", "pdf")
_OPENERS: dict[str, type[ImageFile.ImageFile]] = {"png": PngImageFile, "jpeg": JpegImageFile, "tiff": TiffImageFile}


def _describe_unknown(head: bytes) -> str:
    start = head.lstrip()[:64].lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:1024].lower():
        return "an HTML page"
    if start.startswith(b"<"):
        return "XML or HTML text"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "unknown binary data"
    return "a text file"


def sniff_bytes(head: bytes) -> str | None:
    """The format named by the first bytes of a file, or None.

    >>> sniff_bytes(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_bytes(b"<html>") is None
    True
    """
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    # PDF readers accept a few junk bytes before the header (the spec allows 1024)
    return "pdf" if b"%PDF-" in head[:1024] else None


def sniff_format(path: Path) -> str:
    """The file's format from its magic bytes.

    Raises:
        InputError: unreadable, empty, or not a supported format.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise read_error(path, exc) from None
    if not head:
        raise InputError(path, "empty file (0 bytes)")
    fmt = sniff_bytes(head)
    if fmt is None:
        raise InputError(path, f"not a PNG, JPEG, TIFF or PDF file: looks like {_describe_unknown(head)}")
    return fmt


def file_sha256(path: Path) -> str:
    """Hex sha256 of the file's bytes.

    Raises:
        InputError: the file vanished or became unreadable.
    """
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise read_error(path, exc) from None
    return digest.hexdigest()


# --- raster images -------------------------------------------------------------------


def _dpi_of(img: Image.Image) -> float | None:
    dpi = img.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        return None
    return value if 1 < value < 100_000 else None


def _decode_error(path: Path, fmt: str, exc: BaseException) -> InputError:
    if isinstance(exc, OSError) and exc.errno not in (None, errno.EINVAL):
        return read_error(path, exc)
    if isinstance(exc, Image.DecompressionBombError):
        return InputError(path, f"image is too large to decode safely ({exc})")
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "truncated" in text or isinstance(exc, EOFError):
        return InputError(path, f"truncated {fmt.upper()} file: the image data ends early ({text})")
    text = text.replace(str(path), "file")
    return InputError(path, f"corrupt or unreadable {fmt.upper()} file ({text})")


@contextmanager
def _quiet_pillow() -> Iterator[None]:
    """Silence Pillow while it parses a file: a bad file gets one InputError line, not "Corrupt
    EXIF data" chatter first; and above ~89 Mpx our own limit, already checked, is what applies."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _decode(path: Path, img: Image.Image, options: LoadOptions) -> np.ndarray:
    """Check the declared size of the current frame, then decode it."""
    check_pixels(path, img.width, img.height, options)
    with _quiet_pillow():
        img.load()
        return to_array(img)


def _raster_pages(path: Path, fh: BinaryIO, fmt: str, options: LoadOptions, first: int) -> Iterator[LoadedPage]:
    # The plugin class reads only the header (``Image.open`` would also apply Pillow's global
    # bomb limit before we could name the size); nothing is decoded before ``check_pixels``.
    try:
        with _quiet_pillow():
            opened = _OPENERS[fmt](fh)
    except Exception as exc:  # SyntaxError, struct.error, ...: the header itself is broken
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(path, f"corrupt {fmt.upper()} file: no valid image header ({text})") from None
    with opened as img:
        # Only TIFF holds several pages; other formats' extra frames (APNG, MPO) are not pages.
        count = max(1, int(getattr(img, "n_frames", 1))) if fmt == "tiff" else 1
        for index in range(first, count):
            if index:
                img.seek(index)  # straight to the frame: earlier pages are not decoded
            yield LoadedPage(_decode(path, img, options), _dpi_of(img), index, count, fmt)


def _iter_raster(path: Path, fmt: str, options: LoadOptions, first: int) -> Iterator[LoadedPage]:
    try:
        fh = path.open("rb")  # one handle for the whole file: a later rename or unlink cannot bite
    except OSError as exc:
        raise read_error(path, exc) from None
    with fh:
        pages = _raster_pages(path, fh, fmt, options, first)
        while True:
            try:
                page = next(pages)
            except StopIteration:
                return
            except InputError:
                raise
            except Exception as exc:  # Pillow's decoders raise many types on hostile bytes
                raise _decode_error(path, fmt, exc) from None
            yield page


def iter_pages(path: Path, options: LoadOptions | None = None, first: int = 0) -> Iterator[LoadedPage]:
    """Yield the pages of a scan file one at a time.

    Args:
        path: a PNG, JPEG, TIFF or PDF file (the name does not matter, the bytes do).
        options: pixel limit and PDF rendering dpi.
        first: index (0-based) of the first page to yield; earlier pages are not decoded.

    Raises:
        InputError: the file is missing, unreadable, empty, of an unknown format, corrupt,
            truncated, encrypted, without pages, or above ``options.max_pixels``.

    >>> next(iter_pages(Path("samples/tabloid-200dpi.png"))).page_count  # doctest: +SKIP
    1
    """
    options = options or LoadOptions()
    path = Path(path)
    fmt = sniff_format(path)
    if fmt == "pdf":
        yield from iter_pdf(path, options, first)
    else:
        yield from _iter_raster(path, fmt, options, first)

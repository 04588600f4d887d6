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
from dataclasses import replace
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
from pipeline.stages.spreads import Cut, halves, plan_cut, thumbnail

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


# --- spreads: two pages in one image ------------------------------------------------


def _frame_cut(path: Path, img: Image.Image, options: LoadOptions) -> Cut | None:
    """The cut of the current frame, judged on a small gray copy (a JPEG is decoded at 1/4 size)."""
    if options.spreads == "auto" and img.width <= img.height:
        return None  # a portrait image is one page: nothing decoded
    check_pixels(path, img.width, img.height, options)
    width = img.width
    with _quiet_pillow():
        if isinstance(img, JpegImageFile):
            img.draft("L", (img.width // 4, img.height // 4))
        small = np.asarray(img.convert("L"))
    return plan_cut(thumbnail(small), width, options.spreads)


def spread_cuts(path: Path, fmt: str, options: LoadOptions) -> list[Cut | None]:
    """For each frame of a raster file, where it is cut into two pages (None: one page).

    A file that cannot be decoded here gives no cuts: reading its pages then reports it in
    the loader's own words. A page above the pixel limit raises as the loader would.

    Raises:
        InputError: a frame is above ``options.max_pixels``.
    """
    if options.spreads == "keep" or fmt == "pdf":
        return []
    try:
        with path.open("rb") as fh, _quiet_pillow(), _OPENERS[fmt](fh) as img:
            count = max(1, int(getattr(img, "n_frames", 1))) if fmt == "tiff" else 1
            cuts = []
            for index in range(count):
                if index:
                    img.seek(index)
                cuts.append(_frame_cut(path, img, options))
            return cuts
    except InputError:
        raise
    except Exception:  # broken or truncated: the page's own load says so
        return []


def _split(pages: Iterator[LoadedPage], cuts: list[Cut | None], first: int) -> Iterator[LoadedPage]:
    """The frames' pages, each cut frame as its two pages in reading order, numbered from 0 over the file."""
    total = sum(1 if c is None else 2 for c in cuts)
    index = 0
    for frame in pages:
        cut = cuts[frame.page_index] if frame.page_index < len(cuts) else None
        if cut is None:
            if index >= first:
                yield replace(frame, page_index=index, page_count=total)
            index += 1
            continue
        h, w = frame.image.shape[:2]
        for x0, x1 in halves(w, cut):
            if index >= first:
                part = np.ascontiguousarray(frame.image[:, x0:x1])
                yield replace(frame, image=part, page_index=index, page_count=total, offset=(x0, 0), scan_shape=(h, w))
            index += 1


def _first_frame(cuts: list[Cut | None], first: int) -> int:
    """The frame that holds output page ``first``."""
    index = 0
    for frame, cut in enumerate(cuts):
        index += 1 if cut is None else 2
        if index > first:
            return frame
    return len(cuts)


def iter_pages(path: Path, options: LoadOptions | None = None, first: int = 0) -> Iterator[LoadedPage]:
    """Yield the pages of a scan file one at a time; a spread (``options.spreads``) as its two pages.

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
        return
    cuts = spread_cuts(path, fmt, options)
    if not any(cuts):
        yield from _iter_raster(path, fmt, options, first)
        return
    yield from _split(_iter_raster(path, fmt, options, _first_frame(cuts, first)), cuts, first)

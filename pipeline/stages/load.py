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
import re
import subprocess
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageFile, ImageOps
from PIL.JpegImagePlugin import JpegImageFile
from PIL.PngImagePlugin import PngImageFile
from PIL.TiffImagePlugin import TiffImageFile

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
_OPENERS: dict[str, type[ImageFile.ImageFile]] = {"png": PngImageFile, "jpeg": JpegImageFile, "tiff": TiffImageFile}
_PDF_POINTS_PER_INCH = 72.0
_WHITE = 255
_ALPHA_MODES = frozenset({"LA", "La", "PA", "RGBA", "RGBa"})


@dataclass(frozen=True)
class LoadedPage:
    """One page image of an input file."""

    image: np.ndarray
    dpi: float | None
    page_index: int
    page_count: int
    format: str


def _read_error(path: Path, exc: OSError) -> InputError:
    """Say plainly why the bytes could not be read (gone, forbidden, a folder, an I/O fault)."""
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "file not found (missing, or removed while being read)")
    if isinstance(exc, PermissionError):
        return InputError(path, "cannot read file: permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a folder, not a file")
    return InputError(path, f"cannot read file ({exc.strerror or exc})")


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
        raise _read_error(path, exc) from None
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
        raise _read_error(path, exc) from None
    return digest.hexdigest()


# --- raster images -------------------------------------------------------------------


def _to_uint8(arr: np.ndarray) -> np.ndarray:
    """Scale 32-bit or float samples to 0..255 (a plain cast would clip to white).

    The bit depth is not in the mode, so it is judged from the values: within 0..255 kept,
    within 0..65535 taken as 16-bit, else stretched from min to max.
    """
    if arr.dtype == np.uint8:
        return arr
    if arr.dtype == bool:
        return np.where(arr, _WHITE, 0).astype(np.uint8)
    values = arr.astype(np.float64)
    hi = float(values.max()) if values.size else 0.0
    if np.issubdtype(arr.dtype, np.integer) and hi <= 255 and float(values.min()) >= 0:
        return values.astype(np.uint8)
    if np.issubdtype(arr.dtype, np.integer) and hi <= 65535 and float(values.min()) >= 0:
        return np.rint(values / 257.0).astype(np.uint8)
    lo = float(values.min()) if values.size else 0.0
    span = hi - lo if hi > lo else 1.0
    return np.rint((values - lo) * (255.0 / span)).astype(np.uint8)


def _flatten_alpha(img: Image.Image) -> Image.Image:
    """Paper is white: composite transparent pixels onto white instead of dropping alpha."""
    rgba = img.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (_WHITE, _WHITE, _WHITE, _WHITE))
    return Image.alpha_composite(white, rgba).convert("RGB")


def to_array(img: Image.Image) -> np.ndarray:
    """Gray ``uint8`` for gray and bilevel scans; BGR ``uint8`` for everything else.

    Handles modes 1, L, LA, I;16*, I, F, P (with or without transparency), RGB, RGBA, CMYK.

    >>> to_array(Image.new("I;16", (2, 1), 65535)).tolist()
    [[255, 255]]
    """
    img = ImageOps.exif_transpose(img) or img
    if img.mode == "1":
        return np.asarray(img.convert("L"))
    if img.mode == "L":
        return np.asarray(img)
    if img.mode.startswith("I;16"):  # 16 bits per sample, whatever the values reach
        return np.rint(np.asarray(img, dtype=np.float64) / 257.0).astype(np.uint8)
    if img.mode.startswith(("I", "F")):
        return _to_uint8(np.asarray(img))
    if img.mode in _ALPHA_MODES or (img.mode == "P" and "transparency" in img.info):
        img = _flatten_alpha(img)
    rgb = np.asarray(img.convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])


def _dpi_of(img: Image.Image) -> float | None:
    dpi = img.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        return None
    return value if 1 < value < 100_000 else None


def check_pixels(path: Path, width: int, height: int, options: LoadOptions) -> None:
    """Refuse a page whose declared size is empty or above ``options.max_pixels``.

    Raises:
        InputError: no pixels, or more than the limit (a decompression-bomb guard).
    """
    if width < 1 or height < 1:
        raise InputError(path, f"image has no pixels ({width}x{height})")
    if width * height > options.max_pixels:
        raise InputError(
            path,
            f"image is {width}x{height} = {width * height:,} pixels, above the limit of "
            f"{options.max_pixels:,} (LoadOptions.max_pixels; possible decompression bomb)",
        )


def _decode_error(path: Path, fmt: str, exc: BaseException) -> InputError:
    if isinstance(exc, OSError) and exc.errno not in (None, errno.EINVAL):
        return _read_error(path, exc)
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
        raise _read_error(path, exc) from None
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


# --- PDF -----------------------------------------------------------------------------

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
        raise _read_error(path, exc) from None


def _pdf_page_count(path: Path) -> int:
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
    points = _page_points(path, index)
    return (_scan_dpi(path, index, points) if points else None) or _FALLBACK_PDF_DPI


def _render_pdf_page(path: Path, index: int, dpi: int) -> Image.Image:
    from pdf2image import convert_from_path

    try:
        images = convert_from_path(str(path), dpi=dpi, first_page=index + 1, last_page=index + 1)
    except OSError as exc:
        raise _read_error(path, exc) from None
    except Exception as exc:  # pdf2image raises plain exceptions for poppler failures
        raise InputError(path, f"cannot render PDF page {index + 1} ({_poppler_reason(str(exc))})") from None
    if not images:
        if not path.exists():
            raise InputError(path, "file not found (missing, or removed while being read)")
        raise InputError(path, f"PDF page {index + 1} rendered nothing (corrupt page)")
    return images[0]


def load_pdf_page(path: Path, index: int, count: int, options: LoadOptions) -> LoadedPage:
    """Render page ``index`` of a PDF of ``count`` pages: declared size checked first (bomb guard)."""
    dpi = pdf_page_dpi(path, index, options)
    points = _page_points(path, index)
    if points is not None:
        scale = dpi / _PDF_POINTS_PER_INCH
        check_pixels(path, round(points[0] * scale), round(points[1] * scale), options)
    image = _render_pdf_page(path, index, dpi)
    check_pixels(path, image.width, image.height, options)
    return LoadedPage(to_array(image), float(dpi), index, count, "pdf")


def _iter_pdf(path: Path, options: LoadOptions, first: int) -> Iterator[LoadedPage]:
    count = _pdf_page_count(path)
    for index in range(first, count):
        yield load_pdf_page(path, index, count, options)


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
        yield from _iter_pdf(path, options, first)
    else:
        yield from _iter_raster(path, fmt, options, first)

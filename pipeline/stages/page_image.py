"""One decoded page image and the checks every loader shares.

A page is a gray or BGR ``uint8`` array, whatever the file held (1-bit, 16-bit, float,
palette, transparency, CMYK); its size is checked against the pixel limit before decoding.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from pipeline.config import LoadOptions
from pipeline.errors import InputError

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
    offset: tuple[int, int] = (0, 0)
    """(x, y) of this image in the scan: not (0, 0) for the second page of a spread."""
    scan_shape: tuple[int, int] | None = None
    """(height, width) of the whole scan when this image is one page of a spread."""


def read_error(path: Path, exc: OSError) -> InputError:
    """Say plainly why the bytes could not be read (gone, forbidden, a folder, an I/O fault)."""
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "file not found (missing, or removed while being read)")
    if isinstance(exc, PermissionError):
        return InputError(path, "cannot read file: permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a folder, not a file")
    return InputError(path, f"cannot read file ({exc.strerror or exc})")


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

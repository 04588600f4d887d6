"""Gray conversion, illumination flattening and deskew.

Skew is found by the projection-profile method (as Leptonica's ``pixFindSkew``):
the angle at which the rows of a binarised, downscaled page give the sharpest
profile. The page is rotated about its centre onto a canvas grown to hold the whole
turned page (a folio or date printed at a corner must not be cut off: at 2 degrees a
5300 px tall page swings its corners out by about 90 px), and the inverse transform is
recorded so every coordinate can go back to the scan.
"""

from __future__ import annotations

from typing import ClassVar

import cv2
import numpy as np

from pipeline.config import PreprocessOptions
from pipeline.geometry import Affine
from pipeline.state import PageState, RunContext
from schemas import Step

_PROFILE_WIDTH = 1000  # px; enough to resolve 0.05 degree on a page-wide line


def to_gray(image: np.ndarray) -> np.ndarray:
    """Gray ``uint8`` view of a gray or BGR image."""
    if image.ndim == 2:
        return image
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def flatten_illumination(gray: np.ndarray) -> np.ndarray:
    """Divide out the paper background (tint, uneven light) estimated at low resolution."""
    h, w = gray.shape
    scale = max(1, max(h, w) // 800)
    small = cv2.resize(gray, (max(1, w // scale), max(1, h // scale)), interpolation=cv2.INTER_AREA)
    k = max(3, (min(small.shape) // 20) | 1)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    background = cv2.GaussianBlur(background, (0, 0), k / 2)
    background = cv2.resize(background, (w, h), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(gray, np.maximum(background, 1), scale=255)
    return flat


def rotation_onto_canvas(width: int, height: int, angle_deg: float) -> tuple[Affine, tuple[int, int]]:
    """Rotation by ``angle_deg`` about the page centre, shifted onto a canvas that holds every corner.

    >>> to_work, size = rotation_onto_canvas(100, 200, 90.0)
    >>> size, (to_work.apply([[0.0, 0.0]]).round() + 0.0).tolist()
    ((200, 100), [[0.0, 100.0]])
    """
    rotate = Affine(cv2.getRotationMatrix2D((width / 2, height / 2), angle_deg, 1.0))
    corners = rotate.apply([[0, 0], [width, 0], [width, height], [0, height]]).round(6)
    x0, y0 = np.floor(corners.min(axis=0))
    x1, y1 = np.ceil(corners.max(axis=0))
    shift = Affine(np.array([[1.0, 0.0, -x0], [0.0, 1.0, -y0]]))
    return rotate.then(shift), (int(x1 - x0), int(y1 - y0))


def _profile_score(binary: np.ndarray, angle: float) -> float:
    h, w = binary.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(binary, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = rotated.sum(axis=1, dtype=np.float64)
    return float(np.sum(np.diff(rows) ** 2))


def estimate_skew(gray: np.ndarray, max_deg: float) -> float:
    """Skew angle in degrees (positive = content rotated counter-clockwise).

    >>> estimate_skew(np.full((100, 100), 255, np.uint8), 3.0)
    0.0
    """
    h, w = gray.shape
    scale = min(1.0, _PROFILE_WIDTH / max(w, 1))
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    _, binary = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if binary.sum() < 0.001 * binary.size or max_deg <= 0:
        return 0.0
    best, step = 0.0, 0.5
    candidates = np.arange(-max_deg, max_deg + 1e-9, step)
    while step >= 0.05:
        scores = [_profile_score(binary, a) for a in candidates]
        best = float(candidates[int(np.argmax(scores))])
        step /= 4
        candidates = np.arange(best - 2 * step * 2, best + 2 * step * 2 + 1e-9, step)
    return round(-best, 2) if abs(best) >= 0.05 else 0.0


class Preprocess:
    """Fill ``work`` (deskewed, flattened gray), ``skew_deg`` and ``to_scan``."""

    name: ClassVar[str] = "preprocess"
    version: ClassVar[str] = "2"  # 2: the deskewed page keeps its corners (the canvas grows)

    def __init__(self, options: PreprocessOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        gray = flatten_illumination(to_gray(page.image))
        skew = estimate_skew(gray, self.options.max_skew_deg) if self.options.deskew else 0.0
        if skew:
            h, w = gray.shape
            # rotating by +skew undoes a page whose content is turned by -skew (OpenCV sense)
            to_work, size = rotation_onto_canvas(w, h, -skew)
            gray = cv2.warpAffine(gray, to_work.matrix, size, flags=cv2.INTER_LINEAR, borderValue=255)
            page.to_scan = to_work.inverse().then(page.to_scan)  # a spread page starts offset
        page.work = gray
        page.skew_deg = skew
        page.steps.append(Step(name=self.name, version=self.version, options=self.options.model_dump()))
        return page

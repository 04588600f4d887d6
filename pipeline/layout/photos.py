"""Photos and tinted bands: large areas where the paper is (almost) entirely covered.

Type, even bold and blurred, leaves paper between its strokes; a halftone photo, a
tint behind a headline or a reversed (white on black) band does not. Covered cells
are found on a coarse grid, opened so that headline strokes fall away, and each
remaining area is called a photo when its grey levels spread (texture) or a band
when they sit on one level (a flat tint with type on it). Photos are found before the
text is read, so the grid and the opening are shares of the page side (the same at any
resolution) and the smallest photo a share of the page (``LayoutOptions.min_photo_area_frac``).
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.geometry import Box

PAPER_LEVEL = 225
"""Grey above which a pixel is paper on the flattened page."""
COVERED = 0.8
"""A grid cell is covered when this fraction of its pixels is not paper."""
FLAT_SHARE = 0.6
"""A band has this share of its pixels within a few grey levels of its typical level."""


def _cell(gray: np.ndarray) -> int:
    return max(2, round(min(gray.shape) / 400))


def covered_areas(gray: np.ndarray, min_area_frac: float) -> list[Box]:
    """Boxes of the large, nearly solid areas of a page (photos, tints, reversed bands)."""
    h, w = gray.shape
    cell = _cell(gray)
    not_paper = (gray < PAPER_LEVEL).astype(np.float32)
    small = cv2.resize(not_paper, (max(1, w // cell), max(1, h // cell)), interpolation=cv2.INTER_AREA)
    solid = (small >= COVERED).astype(np.uint8)
    # an opening as wide as a couple of body characters removes strokes of display type
    k = max(3, round(min(small.shape) / 100))
    solid = cv2.morphologyEx(solid, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    solid = cv2.morphologyEx(solid, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    min_area = min_area_frac * small.shape[0] * small.shape[1]
    min_side = 2 * k
    boxes: list[Box] = []
    for x, y, bw, bh, n_px in stats[1:n]:
        if n_px >= min_area and bw >= min_side and bh >= min_side:
            x1, y1 = min(w, (x + bw) * cell), min(h, (y + bh) * cell)
            boxes.append((float(x * cell), float(y * cell), float(x1), float(y1)))
    return boxes


def is_flat(gray: np.ndarray, box: Box) -> bool:
    """Whether the area holds one grey level (a tint or a solid band) rather than a picture."""
    x0, y0, x1, y1 = (int(v) for v in box)
    crop = gray[y0:y1, x0:x1]
    if crop.size == 0:
        return True
    level = float(np.median(crop))
    return float(np.mean(np.abs(crop.astype(np.float32) - level) <= 12)) >= FLAT_SHARE


def find_photos_and_bands(gray: np.ndarray, min_area_frac: float) -> tuple[list[Box], list[Box]]:
    """Split the covered areas of a page into photos and flat bands."""
    photos: list[Box] = []
    bands: list[Box] = []
    areas = covered_areas(gray, min_area_frac)
    for box in areas:
        if any(o != box and _inside(box, o) for o in areas):
            continue  # a lighter patch inside a picture is part of it
        (bands if is_flat(gray, box) else photos).append(box)
    return photos, bands


def _inside(inner: Box, outer: Box) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]

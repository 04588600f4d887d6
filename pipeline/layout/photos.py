"""Photos and tinted bands: large areas where the paper is (almost) entirely covered.

Type, even bold and blurred, leaves paper between its strokes; a halftone photo, a
tint behind a headline or a reversed (white on black) band does not. Covered cells
are found on a coarse grid, opened so that headline strokes fall away, and each
remaining area is called a photo when its grey levels spread (texture) or a band
when they sit on one level (a flat tint with type on it). Photos are found before the
text is read, so the grid and the opening are shares of the page side (the same at any
resolution) and the smallest photo a share of the page (``LayoutOptions.min_photo_area_frac``).

A light photo (a white sky, a misty field, edges that fade into the paper) is darker
than the paper round it, but only just, and over a wide area. The working image is
flattened for reading against the paper level of a twentieth of the page, which
lifts such a sky to paper white. Photos are looked for on the page's tone instead
(:func:`page_tone`): the scan divided by a paper level taken over half the page side,
wide enough to reach the paper beyond any picture set in a band of the page, narrow
enough to follow uneven light and the tint of the paper.
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
"""A band has this share of its pixels within :data:`FLAT_LEVELS` of its typical level."""
FLAT_LEVELS = 12
"""Grey levels round a tint's own level that its pixels stay within (paper grain, scan noise)."""
HALVES = 8
"""A tint's halves (top and bottom, left and right) sit within this many grey levels of each other."""
PAPER_REACH = 0.5
"""The paper level of :func:`page_tone` is the brightest level within this share of the page side."""


def page_tone(gray: np.ndarray) -> np.ndarray:
    """The page's grey levels over its paper level, the paper taken over half the page side.

    The paper level at a point is the brightest grey within :data:`PAPER_REACH` of the
    page side around it (type and pictures are darker than paper, and a picture set in
    a band of the page has paper within that reach), smoothed so that light that
    changes across the page is divided out while a picture keeps its own tone.
    """
    h, w = gray.shape
    step = max(1, max(h, w) // 400)
    small = cv2.resize(gray, (max(1, w // step), max(1, h // step)), interpolation=cv2.INTER_AREA)
    k = max(3, round(PAPER_REACH * min(small.shape)) | 1)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    paper = cv2.GaussianBlur(paper, (0, 0), k / 4)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(paper, 1), scale=255)


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
    """Whether the area holds one grey level (a tint or a solid band) rather than a picture.

    A tint is one level over its whole area, with type on it; a pale picture may hold most
    of its pixels near one level too (a misty sky), but its level moves across the frame
    (the sky lightens towards the top, the ground is darker than the sky), so its halves
    differ where a tint's do not.
    """
    x0, y0, x1, y1 = (int(v) for v in box)
    crop = gray[y0:y1, x0:x1].astype(np.float32)
    if crop.size == 0:
        return True
    level = float(np.median(crop))
    if float(np.mean(np.abs(crop - level) <= FLAT_LEVELS)) < FLAT_SHARE:
        return False
    h, w = crop.shape
    halves = [crop[: h // 2], crop[h // 2 :], crop[:, : w // 2], crop[:, w // 2 :]]
    top, bottom, left, right = (float(np.median(c)) if c.size else level for c in halves)
    return abs(top - bottom) <= HALVES and abs(left - right) <= HALVES


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

"""Boxes, quads and the one affine transform between the working image and the scan.

Imports only ``schemas`` (and numpy). All pipeline stages work in the frame of the
deskewed working image; :class:`Affine` maps that frame back to the original scan.

>>> a = Affine.rotation(0.0, (0.0, 0.0))
>>> a.apply([[3.0, 4.0]]).tolist()
[[3.0, 4.0]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from schemas import BBox, Quad

Box = tuple[float, float, float, float]
"""(x0, y0, x1, y1) in working-image pixels."""


@dataclass(frozen=True)
class Affine:
    """A 2x3 affine matrix acting on column vectors ``(x, y, 1)``."""

    matrix: np.ndarray

    @classmethod
    def identity(cls) -> Affine:
        return cls(np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]))

    @classmethod
    def translation(cls, dx: float, dy: float) -> Affine:
        """Shift by ``(dx, dy)``: a part of the scan (one page of a spread) back to the scan's pixels."""
        return cls(np.array([[1.0, 0.0, float(dx)], [0.0, 1.0, float(dy)]]))

    @classmethod
    def rotation(cls, angle_deg: float, center: tuple[float, float]) -> Affine:
        """Rotation about ``center``, counter-clockwise for positive angles (OpenCV's sense)."""
        theta = np.deg2rad(angle_deg)
        c, s = np.cos(theta), np.sin(theta)
        cx, cy = center
        m = np.array([[c, s, (1 - c) * cx - s * cy], [-s, c, s * cx + (1 - c) * cy]])
        return cls(m)

    def then(self, other: Affine) -> Affine:
        """The transform that applies ``self`` first, then ``other``."""
        a = np.vstack([self.matrix, [0.0, 0.0, 1.0]])
        b = np.vstack([other.matrix, [0.0, 0.0, 1.0]])
        return Affine((b @ a)[:2])

    def inverse(self) -> Affine:
        full = np.vstack([self.matrix, [0.0, 0.0, 1.0]])
        return Affine(np.linalg.inv(full)[:2])

    def apply(self, points: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
        """Map an ``(N, 2)`` array of points."""
        pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        return pts @ self.matrix[:, :2].T + self.matrix[:, 2]


def quad_to_box(quad: np.ndarray) -> Box:
    """Bounding box of a ``(4, 2)`` quad."""
    q = np.asarray(quad, dtype=np.float64).reshape(-1, 2)
    return float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max())


def box_to_quad(box: Box) -> np.ndarray:
    """Four corners clockwise from top left."""
    x0, y0, x1, y1 = box
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64)


def union(boxes: Iterable[Box]) -> Box:
    """Smallest box holding all ``boxes`` (ValueError when empty).

    Plain floats, not an array: a union is of a few boxes, called many times over.

    >>> union([(0, 5, 10, 20), (3, 1, 8, 30)])
    (0.0, 1.0, 10.0, 30.0)
    """
    it = iter(boxes)
    try:
        x0, y0, x1, y1 = next(it)
    except StopIteration:
        raise ValueError("union of no boxes") from None
    for a0, b0, a1, b1 in it:
        x0, y0, x1, y1 = min(x0, a0), min(y0, b0), max(x1, a1), max(y1, b1)
    return float(x0), float(y0), float(x1), float(y1)


def area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def intersection(a: Box, b: Box) -> float:
    """Area of the overlap of two boxes."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, w) * max(0.0, h)


def overlap_1d(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length of the overlap of two intervals."""
    return max(0.0, min(a1, b1) - max(a0, b0))


def contains_point(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def to_scan_quad(quad: np.ndarray, to_scan: Affine, width: int, height: int) -> Quad:
    """Map a working-frame quad to integer scan pixels, clipped to the scan."""
    pts = to_scan.apply(quad)
    xs = np.clip(np.rint(pts[:, 0]), 0, width - 1).astype(int)
    ys = np.clip(np.rint(pts[:, 1]), 0, height - 1).astype(int)
    p = [(int(x), int(y)) for x, y in zip(xs, ys, strict=True)]
    return (p[0], p[1], p[2], p[3])


def to_scan_bbox(box: Box, to_scan: Affine, width: int, height: int) -> BBox:
    """Map a working-frame box to the scan and take its axis-aligned bounds."""
    q = to_scan_quad(box_to_quad(box), to_scan, width, height)
    xs = [p[0] for p in q]
    ys = [p[1] for p in q]
    return BBox(x0=min(xs), y0=min(ys), x1=max(xs), y1=max(ys))

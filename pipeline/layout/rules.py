"""Printed rules and frames: long thin runs of ink, and rectangles made of them.

A rule is ink that survives a morphological opening with a long, one-pixel-thin
structuring element and stays thin: type never draws a stroke a column wide,
while thick dark bands (reversed headers, tints) are too fat to be rules.

Rules are found before the text is read, so there is no type scale yet: lengths and
tolerances are shares of the page side, the same at any resolution.
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.geometry import Box

MIN_RULE_FRAC = 1 / 14
"""Shortest rule, as a fraction of the page side it runs along: a short column is longer."""
MAX_THICK_FRAC = 0.012
"""Thickest rule, as a fraction of the page side across it."""
FRAME_TOL_FRAC = 0.02
"""How far the sides of a frame may miss its corners (rounded corners, broken ink)."""


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Binary ink (255) on paper (0) by Otsu's threshold on the flattened page."""
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return binary


def _squeeze(ink: np.ndarray, k: int, horizontal: bool) -> np.ndarray:
    """Shrink ``k`` times along the rules' direction, keeping a cell when most of its pixels are ink.

    A hairline on a scan that is a fraction of a degree off level steps from one
    pixel row to the next, and its faint ink drops single pixels below the
    threshold; so a cell counts the row above and below too, and half of it
    inked is enough. Type strokes stay short along the row either way. The
    opening that follows is ``k`` times cheaper in both pixels and kernel length.
    """
    mask = cv2.dilate(ink if horizontal else ink.T, np.ones((3, 1), np.uint8))
    w = mask.shape[1] - mask.shape[1] % k
    inked = np.count_nonzero(mask[:, :w].reshape(mask.shape[0], w // k, k), axis=2)
    return np.where(2 * inked >= k, 255, 0).astype(np.uint8)


def find_rules(ink: np.ndarray, horizontal: bool) -> list[Box]:
    """Horizontal or vertical rules in an ink mask, as boxes.

    >>> page = np.zeros((200, 400), np.uint8); page[100:102, 20:380] = 255
    >>> find_rules(page, horizontal=True)
    [(20.0, 100.0, 380.0, 102.0)]
    """
    h, w = ink.shape
    along, across = (w, h) if horizontal else (h, w)
    k = max(1, along // 500)
    max_thick = max(3.0, across * MAX_THICK_FRAC)
    min_len = max(21, int(along * MIN_RULE_FRAC) // k) | 1  # odd kernels keep rules in place
    squeezed = _squeeze(ink, k, horizontal)  # rules run along axis 1 from here on
    opened = cv2.morphologyEx(squeezed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (min_len, 1)))
    # a short bridge keeps a rule broken by scan noise in one piece
    gap = max(3, min_len // 10) | 1
    opened = cv2.morphologyEx(opened, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    rules: list[Box] = []
    for x, y, bw, bh, _area in stats[1:n]:
        if bh > max_thick + 2:
            continue
        a0, a1 = float(x * k), float(min(along, (x + bw) * k))
        # the squeeze widened every rule by a row on each side
        b0, b1 = (float(y + 1), float(y + bh - 1)) if bh > 2 else (float(y), float(y + bh))
        rules.append((a0, b0, a1, b1) if horizontal else (b0, a0, b1, a1))
    return sorted(rules, key=lambda b: (b[1], b[0]) if horizontal else (b[0], b[1]))


def _near(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol


def _coverage(
    rules: list[Box], at: float, span: tuple[float, float], tol: tuple[float, float], horizontal: bool
) -> float:
    """Share of ``span`` covered by rules near ``at`` that end at the span's ends.

    ``tol`` is (how far across from ``at``, how far beyond the span's ends): a frame's
    side stops at its corners, a rule that runs on past them belongs to the page grid.
    """
    i0, i1, j0, j1 = (0, 2, 1, 3) if horizontal else (1, 3, 0, 2)
    lo, hi = span
    pieces = sorted(
        (max(r[i0], lo), min(r[i1], hi))
        for r in rules
        if _near((r[j0] + r[j1]) / 2, at, tol[0]) and r[i0] >= lo - tol[1] and r[i1] <= hi + tol[1]
    )
    # a double rule (an ad's outer and inner frame) covers its stretch once, not twice
    covered, reach = 0.0, lo
    for a, b in pieces:
        covered += max(0.0, b - max(a, reach))
        reach = max(reach, b)
    return covered / max(hi - lo, 1.0)


def _closed(box: Box, horizontals: list[Box], verticals: list[Box], tol: float) -> bool:
    """Rules along all four sides of ``box`` (a label may break the top or bottom rule)."""
    x0, y0, x1, y1 = box
    return (
        _coverage(horizontals, y0, (x0, x1), (tol, tol), True) >= 0.5
        and _coverage(horizontals, y1, (x0, x1), (tol, tol), True) >= 0.5
        and _coverage(verticals, x0, (y0, y1), (tol, tol), False) >= 0.7
        and _coverage(verticals, x1, (y0, y1), (tol, tol), False) >= 0.7
    )


def _candidates(rules: list[Box], tol: float, horizontal: bool) -> list[Box]:
    """Boxes spanned by pairs of parallel rules of matching extent."""
    i0, i1, j0, j1 = (0, 2, 1, 3) if horizontal else (1, 3, 0, 2)
    out: list[Box] = []
    for k, a in enumerate(rules):
        for b in rules[k + 1 :]:
            if abs(b[j0] - a[j0]) < 4 * tol or not (_near(a[i0], b[i0], tol) and _near(a[i1], b[i1], tol)):
                continue
            lo, hi = min(a[i0], b[i0]), max(a[i1], b[i1])
            first, second = sorted(((a[j0] + a[j1]) / 2, (b[j0] + b[j1]) / 2))
            out.append((lo, first, hi, second) if horizontal else (first, lo, second, hi))
    return out


def find_frames(horizontals: list[Box], verticals: list[Box], page_shape: tuple[int, int]) -> list[Box]:
    """Rectangles closed by rules on all four sides (ad boxes, sidebars).

    Candidates come from pairs of parallel rules of matching extent; a candidate is
    a frame when rules run along all its four sides. The smallest frame wins among
    nested candidates sharing sides; frames covering nearly the whole page (a page
    border) are left out.

    >>> h = [(10.0, 10.0, 200.0, 12.0), (10.0, 150.0, 200.0, 152.0)]
    >>> v = [(10.0, 10.0, 12.0, 152.0), (198.0, 10.0, 200.0, 152.0)]
    >>> find_frames(h, v, (1000, 1000))
    [(10.0, 11.0, 200.0, 151.0)]
    """
    h, w = page_shape
    corner = FRAME_TOL_FRAC * max(h, w)
    frames: list[Box] = []
    for box in _candidates(horizontals, corner, True) + _candidates(verticals, corner, False):
        if (box[2] - box[0]) > 0.9 * w and (box[3] - box[1]) > 0.9 * h:
            continue
        if not _closed(box, horizontals, verticals, corner):
            continue
        if any(_same(box, f, corner) for f in frames):
            continue
        frames.append(box)
    return frames


def _same(a: Box, b: Box, tol: float) -> bool:
    return all(abs(p - q) <= tol for p, q in zip(a, b, strict=True))


SIDE_REACH_FRAC = 0.005
"""How far from a rule's end, as a share of the page side, a frame's side read on the ink may stand
(a scan a fraction of a degree off level, a side set a little inside or outside the corner)."""
SIDE_INKED = 0.85
"""A side drawn on the ink inks this share of its rows in one column: type leaves the white
between its lines in every column it crosses, a rule leaves none."""


def side_on_ink(ink: np.ndarray, x: float, y0: float, y1: float, reach: float) -> bool:
    """Whether a vertical rule stands within ``reach`` of ``x`` from ``y0`` to ``y1``, read on the ink.

    A frame's short sides may be shorter than the rules :func:`find_rules` looks for (a box
    a few lines deep). One column of ink running down the whole depth is a side; neighbouring
    columns count together (a hairline on a scan off level steps sideways), and the rows of the
    top and bottom rules are left out.

    >>> page = np.zeros((200, 400), np.uint8); page[40:160, 100:102] = 255
    >>> side_on_ink(page, 101, 40, 160, 4), side_on_ink(page, 300, 40, 160, 4)
    (True, False)
    """
    h, w = ink.shape
    a, b = max(0, round(x - reach)), min(w, round(x + reach) + 1)
    pad = max(2, round(0.05 * (y1 - y0)))
    top, bottom = max(0, round(y0) + pad), min(h, round(y1) - pad)
    if b - a < 1 or bottom - top < 3:
        return False
    strip = ink[top:bottom, a:b] > 0
    stepped = strip.copy()
    stepped[:, 1:] |= strip[:, :-1]
    stepped[:, :-1] |= strip[:, 1:]
    return float(stepped.mean(axis=0).max()) >= SIDE_INKED


def drawn_sides(
    box: Box, horizontals: list[Box], verticals: list[Box], tol: float, ink: np.ndarray | None, reach: float
) -> int:
    """How many sides of ``box`` are drawn: by rules found that end at its corners, or on the ink."""
    x0, y0, x1, y1 = box
    count = sum(_coverage(horizontals, y, (x0, x1), (tol, tol), True) >= 0.5 for y in (y0, y1))
    for x in (x0, x1):
        drawn = _coverage(verticals, x, (y0, y1), (tol, tol), False) >= 0.7
        count += drawn or (ink is not None and side_on_ink(ink, x, y0, y1, reach))
    return count


def _pairs(rules: list[Box], tol: float, min_gap: float, horizontal: bool) -> list[Box]:
    """Boxes spanned by two parallel rules of matching extent at least ``min_gap`` apart."""
    i0, i1, j0, j1 = (0, 2, 1, 3) if horizontal else (1, 3, 0, 2)
    out: list[Box] = []
    for k, a in enumerate(rules):
        for b in rules[k + 1 :]:
            first, second = sorted(((a[j0] + a[j1]) / 2, (b[j0] + b[j1]) / 2))
            if second - first < min_gap or not (_near(a[i0], b[i0], tol) and _near(a[i1], b[i1], tol)):
                continue
            lo, hi = (a[i0] + b[i0]) / 2, (a[i1] + b[i1]) / 2
            out.append((lo, first, hi, second) if horizontal else (first, lo, second, hi))
    return out


def open_frames(
    horizontals: list[Box],
    verticals: list[Box],
    page_shape: tuple[int, int],
    min_side: float,
    ink: np.ndarray | None = None,
) -> list[tuple[Box, int]]:
    """Boxes :func:`find_frames` misses, each with how many of its sides are drawn (3 or 4).

    Scan wear breaks a frame's rule, a dark label band across its top hides one, and a
    box a few lines deep has short sides no longer than the rules :func:`find_rules` looks
    for. Such a box is still shown by two parallel rules of matching extent and a third
    joining them at their ends, or by its short sides drawn on the ``ink`` (255 ink) at the
    ends of two matching horizontal rules. ``min_side`` (pixels) is the least depth and
    width of a box; the caller states it in its type scale. The smallest box wins among
    nearly equal ones; a box round nearly the whole page (a page border) is left out.

    >>> h = [(10.0, 10.0, 200.0, 12.0), (10.0, 150.0, 200.0, 152.0)]
    >>> v = [(10.0, 10.0, 12.0, 152.0)]
    >>> open_frames(h, v, (1000, 1000), 20.0)
    [((10.0, 11.0, 200.0, 151.0), 3)]
    """
    h, w = page_shape
    corner = FRAME_TOL_FRAC * max(h, w)
    reach = SIDE_REACH_FRAC * max(h, w)
    candidates = _pairs(horizontals, corner, min_side, True) + _pairs(verticals, corner, min_side, False)
    found: list[tuple[Box, int]] = []
    for box in sorted(candidates, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])):
        if (box[2] - box[0]) > 0.9 * w and (box[3] - box[1]) > 0.9 * h:
            continue
        if box[2] - box[0] < min_side or any(_same(box, f, corner) for f, _ in found):
            continue
        sides = drawn_sides(box, horizontals, verticals, corner, ink, reach)
        if sides >= 3:
            found.append((box, sides))
    return found

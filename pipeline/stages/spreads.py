"""Spreads: a scan holding two pages side by side (a microfilm frame, an opened volume) is cut at its gutter.

Two pages printed side by side are separated by a gutter: a strip free of ink from the top of
the printed area to its bottom, with a page's printed edge on each side. Inside one page no
such strip runs the full height: the masthead or running head, spanning headlines and the rules
between bands cross every column gap. Newspapers often print a centre-fold column (中縫) of ads
between the two pages; it is then bounded by two gutters, and the one nearer the frame's middle
is taken, so the fold column stays whole with one page.

The test runs on a small copy (about 1200 px wide: a gutter is several millimetres, still a few
pixels there), so it costs milliseconds; the cut is given in the scan's pixels. Each half must
itself be shaped like a page (taller than wide), so a landscape page with two big articles side
by side is not cut.

The halves are numbered in the paper's reading order: for a paper set vertically and read right
to left, the right-hand page comes first.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.config import SpreadMode

THUMB_WIDTH = 1200
"""Width of the copy the gutter is looked for on."""
CLEAR = 0.3
"""A gutter column holds at most this share of a typical column's ink (specks, show-through, a fold shadow)."""
MIDDLE = (0.3, 0.7)
"""The gutter of a spread lies within this share of the printed width."""
HEAD_BAND = 0.15
"""The head of a page (masthead, running head and the rule under them) lies in this top share of the scan."""
HEAD_REACH = 0.05
"""A rule that runs this share of the width on both sides of a gutter, unbroken, heads one page across it."""
MIN_SPREAD_WIDTH = 1000
"""``auto`` takes no narrower scan for two pages: two newspaper pages side by side, each 50 or more
body characters across at a legible 9 px or more, are at least this many pixels wide."""


@dataclass(frozen=True)
class Cut:
    """Where a spread is cut: ``x`` in scan pixels; ``rtl`` when the right-hand page is read first."""

    x: int
    rtl: bool


def ink_of(gray: np.ndarray) -> np.ndarray:
    """Ink mask of a small gray copy: darker than its neighbourhood (microfilm has an uneven ground)."""
    block = max(15, (min(gray.shape[:2]) // 40) | 1)
    return cv2.adaptiveThreshold(gray, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 20) > 0


def find_gutter(ink: np.ndarray) -> float | None:
    """x (in the mask's pixels) of the gutter between two pages, or None when there is none.

    Columns are counted over the middle four fifths of the height (the film's edge and the
    rules framing a whole spread stay out). A gutter column is crossed by no ink (no rule,
    headline or picture runs over it) and holds little ink against a typical column (specks,
    show-through, a fold shadow); of such columns in the middle of the width, the one
    nearest the middle is taken.

    >>> ink = np.zeros((300, 400), bool)
    >>> ink[20:280:4, 20:190] = ink[20:280:4, 210:380] = True  # rows of print on two pages
    >>> 195 <= find_gutter(ink) <= 205
    True
    >>> ink[100:250, 150:250] = True  # a picture across the middle: one page
    >>> find_gutter(ink) is None
    True
    """
    height, width = ink.shape[:2]
    band = ink[int(0.1 * height) : int(0.9 * height)]
    cols = band.sum(axis=0)
    typical = float(np.median(cols[int(0.1 * width) : int(0.9 * width)]))
    lo, hi = int(MIDDLE[0] * width), int(MIDDLE[1] * width)
    if typical <= 0 or hi <= lo:
        return None
    # ink over three columns side by side in one row: something runs across
    across = band[:, :-2] & band[:, 1:-1] & band[:, 2:]
    crossed = np.concatenate([[True], across.sum(axis=0) > 1, [True]])
    candidates = [x for x in range(lo, hi) if not crossed[x] and cols[x] <= CLEAR * typical]
    candidates = [x for x in candidates if height >= x and height >= width - x]  # each half a page
    candidates = [x for x in candidates if not headed_across(ink, x)]
    if not candidates:
        return None
    return float(min(candidates, key=lambda x: abs(x - width / 2)))


def headed_across(ink: np.ndarray, x: int) -> bool:
    """Whether a rule at the head of the scan runs unbroken across ``x``: one page's head.

    A page's running head sits over its whole width, set off by a rule from the top of its
    columns; a column gap below it is still inside that page. Two pages of a spread each have
    their own head, with the gutter's white between them (the top band is left out of the
    column count of :func:`find_gutter`, so this looks at it on its own).

    >>> one, two = np.zeros((300, 400), bool), np.zeros((300, 400), bool)
    >>> one[30, 20:380] = True  # a head rule over the whole width
    >>> two[30, 20:195] = two[30, 205:380] = True  # each page's own, the gutter between
    >>> headed_across(one, 200), headed_across(two, 200)
    (True, False)
    """
    height, width = ink.shape[:2]
    reach = max(2, round(HEAD_REACH * width))
    lo, hi = x - reach, x + reach
    if lo < 0 or hi > width:
        return False
    band = ink[: max(3, round(HEAD_BAND * height)), lo:hi]
    rows = band[:-2] | band[1:-1] | band[2:]  # a thin rule on a slightly tilted scan spans a few rows
    return bool(rows.all(axis=1).any())


def reads_vertically(ink: np.ndarray) -> bool:
    """Whether the text on a small copy runs down columns rather than along rows.

    Characters of a vertical column sit closer above each other than beside the next column,
    so closing the ink with a short vertical bar joins them into tall strokes, and with a
    horizontal bar into few wide ones; horizontal text does the opposite. Counted over
    components at least three bar lengths long.
    """
    size = max(3, ink.shape[1] // 300)
    mask = ink.astype(np.uint8)
    tall = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((2 * size + 1, 1), np.uint8))
    wide = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((1, 2 * size + 1), np.uint8))

    def long_ink(closed: np.ndarray, axis: int) -> int:
        n, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
        along = stats[1:n, cv2.CC_STAT_HEIGHT if axis == 0 else cv2.CC_STAT_WIDTH]
        across = stats[1:n, cv2.CC_STAT_WIDTH if axis == 0 else cv2.CC_STAT_HEIGHT]
        keep = (along >= 6 * size) & (along >= 3 * across)
        return int(stats[1:n, cv2.CC_STAT_AREA][keep].sum())

    return long_ink(tall, 0) > long_ink(wide, 1)


def thumbnail(gray: np.ndarray) -> np.ndarray:
    """A copy about :data:`THUMB_WIDTH` wide (never enlarged)."""
    scale = min(1.0, THUMB_WIDTH / max(gray.shape[1], 1))
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray


def plan_cut(thumb: np.ndarray, scan_width: int, mode: SpreadMode) -> Cut | None:
    """The cut of a scan whose small gray copy is ``thumb``; None to keep it whole.

    ``auto`` cuts a landscape scan at a gutter found with a page edge on each side; ``split``
    cuts every scan, at its gutter or else in the middle; ``keep`` never cuts.
    """
    if mode == "keep" or (mode == "auto" and (thumb.shape[1] <= thumb.shape[0] or scan_width < MIN_SPREAD_WIDTH)):
        return None
    ink = ink_of(thumb)
    x = find_gutter(ink)
    if x is None:
        if mode == "auto":
            return None
        x = thumb.shape[1] / 2
    scale = scan_width / thumb.shape[1]
    return Cut(x=round(x * scale), rtl=reads_vertically(ink))


def halves(width: int, cut: Cut) -> list[tuple[int, int]]:
    """The x-ranges of the two pages of a cut scan, in reading order.

    >>> halves(100, Cut(40, rtl=True))
    [(40, 100), (0, 40)]
    """
    left, right = (0, cut.x), (cut.x, width)
    return [right, left] if cut.rtl else [left, right]

"""What each OCR line shows about its role: type size, weight, width, direction.

The body type size is the most common line height on the page, since body text
fills most of a newspaper page. Every other size is read relative to it; weight
is the line's ink coverage relative to body lines (bold faces cover more paper).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from pipeline.geometry import Box
from pipeline.state import TextLine

VERTICAL_RATIO = 1.5
"""A line box this much taller than wide may hold vertical text (PP-OCR reads such crops turned)."""
CELL_FILL = 0.6
"""Vertical text fills its box cell by cell: its characters' square cells cover this share of its height."""


FULL_WIDTH_MARKS = frozenset("‘’“”…—")
"""Below U+2E80 but set a full em wide in Chinese type: quotes, ellipsis, dash."""


def text_units(text: str) -> float:
    """Width of ``text`` in ems: ideographs and full-width signs 1, ASCII 1/2.

    >>> text_units("2024年1月"), text_units("“招”的渠道")
    (4.5, 6.0)
    """
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in FULL_WIDTH_MARKS else 1.0 for ch in text if not ch.isspace())


def is_vertical(box: Box, text: str) -> bool:
    """Whether a line is set vertically (竖排): a tall box that its characters fill, one square cell each.

    A column of ``n`` characters is about ``n`` cells of its width tall; a tall box
    read as fewer characters than that is noise or a rule, not a column of type.

    >>> is_vertical((0, 0, 20, 100), "竖排标题五"), is_vertical((0, 0, 20, 100), "一")
    (True, False)
    """
    w, h = box[2] - box[0], box[3] - box[1]
    n = sum(1 for ch in text if not ch.isspace())
    return n >= 2 and h >= VERTICAL_RATIO * w and n * w >= CELL_FILL * h


@dataclass(frozen=True)
class LineInfo:
    """A text line with the measures classification needs."""

    line: TextLine
    box: Box
    size: float
    ink: float  # weight: stroke width over type size (bold faces are heavier)
    vertical: bool
    units: float = field(init=False)
    x0: float = field(init=False)
    y0: float = field(init=False)
    x1: float = field(init=False)
    y1: float = field(init=False)
    cy: float = field(init=False)

    def __post_init__(self) -> None:
        # plain attributes: layout code reads these in tight loops
        x0, y0, x1, y1 = self.box
        object.__setattr__(self, "units", text_units(self.line.text))
        for name, value in (("x0", x0), ("y0", y0), ("x1", x1), ("y1", y1), ("cy", (y0 + y1) / 2)):
            object.__setattr__(self, name, float(value))

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def pitch(self) -> float:
        """Advance per em of text along the line (type size plus tracking)."""
        if self.vertical:  # every character, digits included, takes a square cell down a column
            cells = sum(1 for ch in self.text if not ch.isspace())
            return (self.box[3] - self.box[1]) / cells if cells else self.size
        return self.width / self.units if self.units else self.size


class StrokeMeter:
    """Mean stroke width (px) of the ink in any box: twice the ink area over its outline.

    A stroke of width w and length L has area wL and an outline about 2L long, so
    the ratio does not depend on how much paper the box holds around the type.
    Summed-area tables make each box an O(1) look-up.

    >>> page = np.zeros((20, 40), np.uint8); page[5:9, 2:38] = 255
    >>> round(StrokeMeter(page).width((0, 0, 40, 20)), 1)
    3.8
    """

    def __init__(self, ink: np.ndarray) -> None:
        on = (ink > 0).astype(np.uint8)
        inner = cv2.erode(on, np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], np.uint8), borderValue=0)
        self._area = cv2.integral(on)
        self._outline = cv2.integral(on - inner)

    @staticmethod
    def _sum(table: np.ndarray, box: Box) -> float:
        h, w = table.shape[0] - 1, table.shape[1] - 1
        x0, x1 = (min(max(round(v), 0), w) for v in (box[0], box[2]))
        y0, y1 = (min(max(round(v), 0), h) for v in (box[1], box[3]))
        return float(table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0])

    def width(self, box: Box) -> float:
        area = self._sum(self._area, box)
        return 2.0 * area / max(self._sum(self._outline, box), 1.0) if area else 0.0


def describe(lines: list[TextLine], ink: np.ndarray | StrokeMeter) -> list[LineInfo]:
    """Measure every line: size is the box's extent across the text direction (a column's width)."""
    meter = ink if isinstance(ink, StrokeMeter) else StrokeMeter(ink)
    infos = []
    for line in lines:
        box = line.box
        vertical = is_vertical(box, line.text)
        size = box[2] - box[0] if vertical else box[3] - box[1]
        infos.append(LineInfo(line, box, size, meter.width(box) / max(size, 1.0), vertical))
    return infos


def mode_size(sizes: list[float], weights: list[float] | None = None) -> float:
    """The most common size, from a histogram smoothed over +/-1 pixel.

    >>> mode_size([13, 13, 14, 13, 40, 10, 13, 14])
    13.0
    """
    if not sizes:
        return 0.0
    arr = np.rint(np.asarray(sizes, dtype=np.float64)).astype(int)
    hist = np.bincount(arr, weights=weights).astype(np.float64)
    smooth = np.convolve(hist, [1.0, 2.0, 1.0], mode="same")
    return float(np.argmax(smooth))


def body_size(infos: list[LineInfo]) -> float:
    """Body type size of the page: the mode of horizontal line sizes, weighted by text length."""
    horiz = [i for i in infos if not i.vertical and i.text.strip()]
    if not horiz:
        return 0.0
    return mode_size([i.size for i in horiz], [i.units for i in horiz])


def body_ink(infos: list[LineInfo], size: float) -> float:
    """Typical weight of body lines (lines within 15 % of the body size)."""
    shares = [i.ink for i in infos if abs(i.size - size) <= 0.15 * size and len(i.text) >= 6]
    return float(np.median(shares)) if shares else 0.0

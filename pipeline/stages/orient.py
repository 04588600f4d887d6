"""Page orientation: find whether a scan lies at 0, 90, 180 or 270 degrees and turn it upright.

``orientation_deg`` is the clockwise angle by which the page content is turned in the scan:
a page scanned upside down is 180; one whose top edge lies on the right of the scan is 90.
The working image is turned back by that much, and ``to_scan`` gains the inverse turn, so
every coordinate still maps to the original scan.

How it decides, cheaply (the answer is almost always 0):

1. The page's text lines are detected once, as OCR would detect them (the same scaled
   copy, :func:`pipeline.stages.ocr.detection_scale`). Lines of an upright or upside-down
   page are wide boxes; a page lying on its side gives tall ones. When the page stays as it
   is, OCR reads these same quads (``PageState.detection``): on an upright page the check
   costs one small recognition batch and no detection of its own. (Called without quads,
   :func:`guess_orientation` detects on a copy shrunk to at most ``_PROBE_SIDE`` pixels.)
2. A handful of the largest boxes are cut from the full-resolution image (at most
   ``_PROBE_CHARS`` characters long) and recognised under each candidate turn. The
   recogniser reads upright text with confidence near 1 and turned text badly, so the
   candidate with the best mean confidence wins: 0 vs 180 for wide boxes, 90 vs 270 for
   tall ones.
3. Tall boxes are also what an upright *vertical* page (竖排) gives, and PP-OCR reads a
   vertical column rotated counter-clockwise as well as a line of a page turned clockwise.
   So before calling a page "90", its columns are re-stacked character by character into
   a row: upright vertical text then still reads well, turned horizontal text does not.

>>> Orient.name
'orient'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

import cv2
import numpy as np

from pipeline.config import OcrOptions
from pipeline.engines.base import OcrEngine
from pipeline.geometry import Affine, Box, quad_to_box
from pipeline.stages.ocr import detect_lines, detection_scale
from pipeline.state import Detection, PageState, RunContext
from schemas import Step

Orientation = Literal[0, 90, 180, 270]

_PROBE_SIDE = 1024  # px; headlines and body lines of a page stay detectable at this size
_PROBE_LINES = 5  # boxes recognised per candidate turn
_PROBE_CHARS = 8  # crop length in character heights: enough to judge, cheap to read
_ELONGATED = 1.5  # a box this much longer than thick is a line, not a lone character
_MARGIN = 0.05  # a turn must beat "no turn" by this much mean confidence
_SURE = 0.9  # upright lines read at least this well; upside-down ones read far worse (~0.3-0.6)
_CELLS_SURE = 0.8  # upright glyphs re-stacked read this well (~0.9-1.0); glyphs on their side far worse (~0.1-0.4)
_PORTRAIT = 1.15  # a page at least this much taller than wide is upright or upside down, never on its side
_PAGE_OF_COLUMNS = 30  # tall boxes of a whole vertical page (frames of 晶報 1939: 107-358 on a page)
_ROTATE_CODE = {
    90: cv2.ROTATE_90_COUNTERCLOCKWISE,  # content turned clockwise comes back counter-clockwise
    180: cv2.ROTATE_180,
    270: cv2.ROTATE_90_CLOCKWISE,
}


@dataclass(frozen=True)
class OrientationGuess:
    """The chosen turn and the mean recognition confidence of each candidate tried."""

    degrees: Orientation
    scores: dict[str, float]


def rotate_upright(image: np.ndarray, degrees: Orientation) -> tuple[np.ndarray, Affine]:
    """Turn ``image`` (content turned ``degrees`` clockwise) upright.

    Returns:
        The upright image and the affine mapping points of ``image`` to points of it.

    >>> img = np.zeros((2, 3), np.uint8)
    >>> up, fwd = rotate_upright(img, 90)
    >>> up.shape, fwd.apply([[3.0, 0.0]]).tolist()
    ((3, 2), [[0.0, 0.0]])
    """
    h, w = image.shape[:2]
    if degrees == 0:
        return image, Affine.identity()
    rotated = np.ascontiguousarray(cv2.rotate(image, _ROTATE_CODE[degrees]))
    # continuous pixel-edge coordinates: (x, y) in the w x h image
    matrix = {
        90: [[0.0, 1.0, 0.0], [-1.0, 0.0, float(w)]],  # counter-clockwise: x' = y, y' = w - x
        180: [[-1.0, 0.0, float(w)], [0.0, -1.0, float(h)]],
        270: [[0.0, -1.0, float(h)], [1.0, 0.0, 0.0]],  # clockwise: x' = h - y, y' = x
    }[degrees]
    return rotated, Affine(np.array(matrix))


def _probe_quads(gray: np.ndarray, engine: OcrEngine) -> list[np.ndarray]:
    """Text quads found on a copy shrunk to at most ``_PROBE_SIDE`` pixels, in full-resolution pixels."""
    h, w = gray.shape[:2]
    scale = min(1.0, _PROBE_SIDE / max(h, w, 1))
    small = gray if scale == 1.0 else cv2.resize(gray, (max(1, round(w * scale)), max(1, round(h * scale))))
    return [q / scale for q in engine.detect(small)]


def line_shapes(quads: Sequence[np.ndarray]) -> tuple[list[Box], list[Box]]:
    """Wide and tall boxes of ``quads``, largest first; squarish ones (lone glyphs) are neither.

    >>> wide, tall = line_shapes([np.array([[0, 0], [90, 0], [90, 10], [0, 10]], float)])
    >>> len(wide), len(tall)
    (1, 0)
    """
    boxes = [quad_to_box(q) for q in quads]
    wide = [b for b in boxes if (b[2] - b[0]) > _ELONGATED * (b[3] - b[1])]
    tall = [b for b in boxes if (b[3] - b[1]) > _ELONGATED * (b[2] - b[0])]

    def by_area(bs: list[Box]) -> list[Box]:
        return sorted(bs, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True)

    return by_area(wide), by_area(tall)


def _cut(gray: np.ndarray, box: Box, tall: bool) -> np.ndarray:
    """Crop ``box``, keeping only its first ``_PROBE_CHARS`` character cells along the line."""
    x0, y0, x1, y1 = (round(v) for v in box)
    if tall:
        y1 = min(y1, y0 + _PROBE_CHARS * max(1, x1 - x0))
    else:
        x1 = min(x1, x0 + _PROBE_CHARS * max(1, y1 - y0))
    h, w = gray.shape[:2]
    return np.ascontiguousarray(gray[max(0, y0) : min(h, y1), max(0, x0) : min(w, x1)])


def _score(engine: OcrEngine, crops: Sequence[np.ndarray]) -> float:
    """Mean confidence, each crop weighted by its length (one stray glyph must not decide)."""
    results = engine.recognize(list(crops))
    weights = [max(c.shape[:2]) for c in crops]
    return float(np.average([conf if text.strip() else 0.0 for text, conf in results], weights=weights))


def restack_column(column: np.ndarray) -> np.ndarray:
    """Cut a vertical column into character cells and lay them side by side as a row.

    Cells are found from the blank rows between glyphs; pieces of one glyph (三, 二)
    are merged while the cell stays about as tall as the column is wide.

    >>> restack_column(np.full((40, 10), 255, np.uint8)).shape
    (10, 40)
    """
    w = column.shape[1]
    _, ink = cv2.threshold(column, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    rows = np.flatnonzero(ink.sum(axis=1) > 0)
    if rows.size == 0:
        return np.ascontiguousarray(column.T)
    cols = np.flatnonzero(ink.sum(axis=0) > 0)
    cell = max(2, int(cols[-1] - cols[0] + 1))
    breaks = np.flatnonzero(np.diff(rows) > 1)
    runs = list(zip(np.r_[rows[0], rows[breaks + 1]], np.r_[rows[breaks], rows[-1]] + 1, strict=True))
    cells: list[tuple[int, int]] = []
    for start, end in runs:
        if cells and end - cells[-1][0] <= 1.15 * cell:
            cells[-1] = (cells[-1][0], int(end))
        else:
            cells.append((int(start), int(end)))
    side = max(w, max(e - s for s, e in cells))
    pieces = []
    for s, e in cells:
        square = np.full((side, side), 255, np.uint8)
        top = (side - (e - s)) // 2
        square[top : top + e - s, :w] = column[s:e]
        pieces.append(square)
    return np.ascontiguousarray(np.hstack(pieces))


def _turned(crops: Sequence[np.ndarray], degrees: Orientation) -> list[np.ndarray]:
    return [np.ascontiguousarray(cv2.rotate(c, _ROTATE_CODE[degrees])) for c in crops]


def _guess_upright(gray: np.ndarray, boxes: list[Box], engine: OcrEngine) -> OrientationGuess:
    crops = [_cut(gray, b, tall=False) for b in boxes[:_PROBE_LINES]]
    up = _score(engine, crops)
    if up >= _SURE:  # the common case, decided with one small recognition batch
        return OrientationGuess(0, {"0": round(up, 3)})
    down = _score(engine, _turned(crops, 180))
    return OrientationGuess(180 if down > up + _MARGIN else 0, {"0": round(up, 3), "180": round(down, 3)})


def upright_vertical(gray: np.ndarray, tall_lines: int) -> bool:
    """Many tall lines on a portrait image are vertical text on an upright page.

    A newspaper page is taller than wide: lying on its side in the scan it would be wider than
    tall. So on a portrait image holding a page's worth of tall lines (dozens of columns) they
    are columns of vertical type (竖排), however well a sideways reading scores: the recogniser
    reads a vertical column turned a quarter turn as well as a line of a page on its side.
    A clipping of a few lines may lie any way, and is left to the recogniser.
    """
    h, w = gray.shape[:2]
    return h > _PORTRAIT * w and tall_lines >= _PAGE_OF_COLUMNS


def _guess_sideways(gray: np.ndarray, boxes: list[Box], engine: OcrEngine) -> OrientationGuess:
    if upright_vertical(gray, len(boxes)):
        return OrientationGuess(0, {"portrait": 1.0})
    crops = [_cut(gray, b, tall=True) for b in boxes[:_PROBE_LINES]]
    s90, s270 = _score(engine, _turned(crops, 90)), _score(engine, _turned(crops, 270))
    scores = {"90": round(s90, 3), "270": round(s270, 3)}
    if s270 > s90 + _MARGIN:
        return OrientationGuess(270, scores)
    if s90 <= s270 + _MARGIN:
        return OrientationGuess(0, scores)  # neither turn reads: leave the page as it is
    # vertical text read column by column looks like "90" to the recogniser: test upright glyphs
    vertical = _score(engine, [restack_column(c) for c in crops])
    scores["vertical"] = round(vertical, 3)
    upright = vertical > s90 - _MARGIN or vertical >= _CELLS_SURE
    return OrientationGuess(0 if upright else 90, scores)


def guess_orientation(
    gray: np.ndarray, engine: OcrEngine, quads: Sequence[np.ndarray] | None = None
) -> OrientationGuess:
    """Decide how the content of the page ``gray`` is turned.

    Args:
        gray: the working image (gray ``uint8``), deskewed or not.
        engine: recogniser for the confidences (and detector, when no ``quads`` are given).
        quads: text-line quads already found on ``gray`` (its pixels); None detects a shrunk copy.

    Returns:
        The turn (0 when nothing can be read) and the scores that decided it.
    """
    wide, tall = line_shapes(_probe_quads(gray, engine) if quads is None else quads)
    if not wide and not tall:
        return OrientationGuess(0, {})
    if len(tall) > len(wide):
        return _guess_sideways(gray, tall, engine)
    return _guess_upright(gray, wide, engine)


class Orient:
    """Fill ``orientation_deg``; turn ``work`` upright and extend ``to_scan`` to match.

    The lines are detected as OCR would detect them; a page left as it is keeps them in
    ``detection`` for OCR, a turned page drops them (OCR detects the upright image).
    """

    name: ClassVar[str] = "orient"
    version: ClassVar[str] = "3"  # 3: judged from the lines OCR detects (2: upright vertical pages stay)

    def __init__(self, engine: OcrEngine, options: OcrOptions | None = None) -> None:
        self.engine = engine
        self.options = options or OcrOptions()

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        image = page.work_image
        scale = detection_scale(page.dpi, self.options)
        with ctx.timer("orient.detect"):
            quads = detect_lines(self.engine, image, scale)
        guess = guess_orientation(image, self.engine, quads)
        page.detection = None
        if guess.degrees:
            upright, to_upright = rotate_upright(image, guess.degrees)
            page.work = upright
            page.to_scan = to_upright.inverse().then(page.to_scan)
        else:
            page.detection = Detection(scale=scale, shape=image.shape, quads=tuple(quads))
        page.orientation_deg = guess.degrees
        options = {"probe": "ocr detection", "probe_lines": _PROBE_LINES, "probe_chars": _PROBE_CHARS}
        page.steps.append(Step(name=self.name, version=self.version, options=options))
        return page

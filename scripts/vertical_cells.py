"""A vertical column laid out as a line of upright characters: its character cells side by side.

Vertical type (竖排) is set on a square grid: every character of a column stands in a
cell one body size wide and high, the cells set solid one under the next. Cut at its
cells and laid side by side, upright, the top cell on the left, a column looks like a
horizontal line of the same type. The grid is found from the column itself: the pitch
down the column is the period of its ink profile (about two thirds of the detected
crop's width: the detector pads a column by a sixth of a character each side and a
little more), and each cut falls on the whitest row near the next grid line (二 小 八
have white rows inside them, never near a whole pitch from the cell's top).

This is a reading the pipeline does not use: ``scripts/ecpo_readings.py`` measures it
against the quarter turn (PP-OCR's own handling of a column), which reads better.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np

_PITCH_RANGE = (0.45, 0.95)
"""The pitch down a column, in widths of its detected crop (the detector pads a column by about a
fifth of a character on each side, and a little more when the neighbour's ink is near)."""
_SNAP = 0.3
"""A cut may move this share of the pitch to the whitest row near its grid line."""
_WIDTH = 1.3
"""A cell is read this many pitches wide (its own character and the white either side)."""
_MIN_CELLS = 2
"""A column of fewer cells is read as it is (turned): there is nothing to relay."""


def _ink(crop: np.ndarray) -> np.ndarray:
    """Dark pixels of the crop (Otsu), as 0/1."""
    gray = crop if crop.ndim == 2 else cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    _, mask = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return mask


def _span(profile: np.ndarray, share: float) -> tuple[int, int]:
    """First and last index where ``profile`` reaches ``share`` of its maximum."""
    hits = np.flatnonzero(profile >= share * profile.max())
    return int(hits[0]), int(hits[-1]) + 1


def _pitch(rows: np.ndarray, width: float) -> float:
    """The period of the row profile within the pitch range of ``width`` (about 0.65 ``width`` when none is clear)."""
    size = 0.65 * width
    lo, hi = (round(f * width) for f in _PITCH_RANGE)
    if hi >= len(rows) // 2 or lo < 2:
        return size
    r = rows - rows.mean()
    corr = [float(np.dot(r[:-lag], r[lag:])) for lag in range(lo, hi + 1)]
    best = int(np.argmax(corr))
    return float(lo + best) if corr[best] > 0 else size


def cell_cuts(crop: np.ndarray) -> list[tuple[int, int]]:
    """Row ranges of the character cells of an upright column crop, top to bottom."""
    ink = _ink(crop)
    if ink.sum() == 0:
        return []
    rows = ink.sum(axis=1).astype(float)
    pitch = _pitch(rows, float(crop.shape[1]))
    top, bottom = _span(rows, 0.02)
    cuts = [top]
    while bottom - cuts[-1] > (1 + _SNAP) * pitch:
        aim = cuts[-1] + pitch
        lo, hi = int(aim - _SNAP * pitch), int(aim + _SNAP * pitch) + 1
        window = rows[lo:hi]
        # the whitest row, the one nearest the grid line among equals
        order = np.lexsort((np.abs(np.arange(lo, hi) - aim), window))
        cuts.append(lo + int(order[0]))
    cuts.append(bottom)
    return list(itertools.pairwise(cuts))


def _core(crop: np.ndarray, pitch: float) -> np.ndarray:
    """The column's own cells across: a little over one pitch wide about its ink's centre.

    The detected crop reaches into the white between columns, where bits of the
    neighbouring columns' ink show; a cell is a pitch wide, so the rest is not its own.
    """
    profile = _ink(crop).sum(axis=0).astype(float)
    if profile.sum() == 0:
        return crop
    centre = float(np.dot(np.arange(len(profile)), profile) / profile.sum())
    half = _WIDTH * pitch / 2
    x0, x1 = max(0, round(centre - half)), min(crop.shape[1], round(centre + half))
    return crop[:, x0:x1]


def relay_column(crop: np.ndarray, gap: float = 0.0) -> np.ndarray | None:
    """The column's cells side by side, upright, top cell first; None when it has too few cells.

    ``gap`` is white space between cells, in cell widths.
    """
    cuts = cell_cuts(crop)
    if len(cuts) < _MIN_CELLS:
        return None
    height = max(b - a for a, b in cuts)
    pitch = float(np.median([b - a for a, b in cuts]))
    crop = _core(crop, pitch)
    width = crop.shape[1]
    paper = np.uint8(np.percentile(crop, 90))
    space = round(gap * width)
    shape = (height, len(cuts) * (width + space), *crop.shape[2:])
    line = np.full(shape, paper, dtype=crop.dtype)
    for k, (a, b) in enumerate(cuts):
        y = (height - (b - a)) // 2
        x = k * (width + space)
        line[y : y + b - a, x : x + width] = crop[a:b]
    return line

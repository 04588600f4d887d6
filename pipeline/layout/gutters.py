"""Split OCR lines that run across a column gutter.

Where gutters are narrow, a text detector often reads the first lines of side by
side columns as one long line. The column grid shows where the gutters are; the
line's own ink shows the white gap there; the text is cut at the character the
gap falls on (at a space when the recogniser put one there, as it usually does
for a gap this wide).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from pipeline.geometry import Box, box_to_quad, overlap_1d
from pipeline.layout.features import text_units
from pipeline.state import TextLine


def _gutters(box: Box, columns: list[Box], size: float) -> list[tuple[float, float]]:
    """Gaps between neighbouring grid columns that ``box`` spans (x ranges)."""
    cy = (box[1] + box[3]) / 2
    near = [c for c in columns if c[1] - 3 * size <= cy <= c[3] + 3 * size]
    near = sorted((c for c in near if overlap_1d(c[0], c[2], box[0], box[2]) > size), key=lambda c: c[0])
    out = []
    for a, b in pairwise(near):
        if b[0] - a[2] > -0.5 * size and a[2] < box[2] and b[0] > box[0]:
            out.append((a[2], b[0]))
    return out


def _white_gap(ink: np.ndarray, box: Box, around: tuple[float, float], size: float) -> tuple[float, float] | None:
    """The widest run of ink-free columns of the line's crop near a gutter, if wide enough."""
    x0, y0, x1, y1 = (round(v) for v in box)
    lo, hi = max(x0, round(around[0] - size)), min(x1, round(around[1] + size))
    if hi <= lo:
        return None
    empty = ~(ink[max(0, y0) : max(0, y1), lo:hi] > 0).any(axis=0)
    best, start, best_run = None, None, 0
    for k, e in enumerate(np.append(empty, False)):
        if e and start is None:
            start = k
        elif not e and start is not None:
            if k - start > best_run:
                best, best_run = (lo + start, lo + k), k - start
            start = None
    return (float(best[0]), float(best[1])) if best and best_run >= 0.4 * size else None


def _cut_index(text: str, share: float) -> int:
    """Index at which to cut ``text`` so that ``share`` of its width lies before the cut."""
    units = [0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text]
    total = sum(units)
    cum, target, k = 0.0, share * total, 0
    while k < len(text) and cum + units[k] / 2 < target:
        cum += units[k]
        k += 1
    spaces = [i for i, ch in enumerate(text) if ch.isspace() and abs(i - k) <= 2]
    return min(spaces, key=lambda i: abs(i - k)) if spaces else k


def split_line(line: TextLine, ink: np.ndarray, columns: list[Box], size: float) -> list[TextLine]:
    """``line`` cut at every gutter it crosses (itself alone when it crosses none)."""
    box = line.box
    gaps = [g for g in (_white_gap(ink, box, gut, size) for gut in _gutters(box, columns, size)) if g]
    if not gaps or text_units(line.text) < 4:
        return [line]
    pieces: list[TextLine] = []
    text, left = line.text, box[0]
    inked = (box[2] - box[0]) - sum(g[1] - g[0] for g in gaps)
    for gap in gaps:
        share = (gap[0] - left) / max(inked, 1.0)
        cut = _cut_index(text, share)
        head, text = text[:cut].strip(), text[cut:].strip()
        inked -= gap[0] - left
        if head:
            piece = (left, box[1], gap[0], box[3])
            pieces.append(TextLine(f"{line.id}.{len(pieces) + 1}", box_to_quad(piece), head, line.confidence))
        left = gap[1]
    if text:
        piece = (left, box[1], box[2], box[3])
        pieces.append(TextLine(f"{line.id}.{len(pieces) + 1}", box_to_quad(piece), text, line.confidence))
    return pieces

"""Split OCR lines that run across a column gutter.

Where gutters are narrow (often a single em), a text detector reads the lines of
side-by-side columns as one long line. A justified line of body type has no
white gap wider than about half an em, except a word space after a dateline or
between names; a gutter shows as such a gap that lines above or below share
(their own gaps or their ends line up with it). Lines are cut there; the text is
cut at the character the gap falls on (at a space when the recogniser put one).
The white after a comma or a full stop is narrower than a gutter, and a word
space is not shared by the lines around it.
"""

from __future__ import annotations

import numpy as np

from pipeline.geometry import Box, box_to_quad
from pipeline.layout.features import text_units
from pipeline.state import TextLine

MIN_GAP = 0.9
"""Narrowest gutter, in body sizes (the white after a comma is about half an em)."""
REACH = 8.0
MIN_COLUMN = 3.0
"""Narrowest column, in ems: text left of a gutter is at least this wide."""
"""How far above and below (in body sizes) a gutter must be confirmed by another line."""

Gap = tuple[float, float]


def white_gaps(ink: np.ndarray, line: TextLine, size: float, least: float = MIN_GAP) -> list[Gap]:
    """Runs of ink-free columns inside the line's inked extent at least ``least`` sizes wide."""
    x0, y0, x1, y1 = (max(0, round(v)) for v in line.box)
    crop = ink[y0:y1, x0:x1]
    if crop.size == 0:
        return []
    inked = (crop > 0).any(axis=0)
    cols = np.flatnonzero(inked)
    if cols.size == 0:
        return []
    gaps: list[Gap] = []
    start = None
    for k in range(int(cols[0]), int(cols[-1]) + 1):
        if not inked[k] and start is None:
            start = k
        elif inked[k] and start is not None:
            if k - start >= least * size:
                gaps.append((float(x0 + start), float(x0 + k)))
            start = None
    return gaps


def _confirmed(
    gap: Gap, line: TextLine, near: list[tuple[TextLine, Box]], gaps: dict[str, list[Gap]], size: float
) -> bool:
    """Two lines near by share the gap: each has a gap over it or starts at its right edge (a column edge)."""
    support = 0
    for other, box in near:
        if other is line:
            continue
        shared = any(min(g[1], gap[1]) - max(g[0], gap[0]) > 0.3 * size for g in gaps.get(other.id, []))
        # a detector box starts a little left of its ink
        support += shared or gap[1] - 0.8 * size <= box[0] <= gap[1] + 0.5 * size
        if support >= 2:
            return True
    return False


def _cut_index(text: str, share: float) -> int:
    """Index at which to cut ``text`` so that ``share`` of its width lies before the cut."""
    units = [0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text]
    cum, target, k = 0.0, share * sum(units), 0
    while k < len(text) and cum + units[k] / 2 < target:
        cum += units[k]
        k += 1
    spaces = [i for i, ch in enumerate(text) if ch.isspace() and abs(i - k) <= 2]
    return min(spaces, key=lambda i: abs(i - k)) if spaces else k


def cut(line: TextLine, gaps: list[Gap]) -> list[TextLine]:
    """``line`` cut at ``gaps`` (left to right); text shared out by width."""
    box = line.box
    pieces: list[TextLine] = []
    text, left = line.text, box[0]
    inked = (box[2] - box[0]) - sum(g[1] - g[0] for g in gaps)
    for gap in gaps:
        k = _cut_index(text, (gap[0] - left) / max(inked, 1.0))
        head, text = text[:k].strip(), text[k:].strip()
        inked -= gap[0] - left
        if head:
            quad = box_to_quad((left, box[1], gap[0], box[3]))
            pieces.append(TextLine(f"{line.id}.{len(pieces) + 1}", quad, head, line.confidence))
        left = gap[1]
    if text:
        quad = box_to_quad((left, box[1], box[2], box[3]))
        pieces.append(TextLine(f"{line.id}.{len(pieces) + 1}", quad, text, line.confidence))
    return pieces


def split_at_gutters(lines: list[TextLine], ink: np.ndarray, size: float) -> list[TextLine]:
    """Every line, with those that cross a gutter cut into their pieces (in place of the original).

    ``size`` is the body em (advance per character).
    """
    plain = [ln for ln in lines if 0.6 * size <= ln.height <= 1.8 * size]
    boxes = [(ln, ln.box) for ln in plain]
    gaps = {ln.id: white_gaps(ink, ln, size) for ln in plain if text_units(ln.text) >= 4}
    out: list[TextLine] = []
    for line in lines:
        # the text left of a gutter fills a column line (a few ems at least); a comma's white
        # near the start of a line is no gutter, however many lines repeat it
        x0, y0, _, y1 = line.box
        wide = [g for g in gaps.get(line.id, []) if g[0] - x0 >= MIN_COLUMN * size]
        cy = (y0 + y1) / 2
        near = [(o, b) for o, b in boxes if abs((b[1] + b[3]) / 2 - cy) <= REACH * size] if wide else []
        sure = [g for g in wide if _confirmed(g, line, near, gaps, size)]
        out.extend(cut(line, sure) if sure else [line])
    return out


def restore_spaces(line: TextLine, ink: np.ndarray, size: float) -> TextLine:
    """``line`` with a space where its print shows a word space the recogniser dropped.

    Names in a byline are set apart by spaces (记者朱文君 李彤 丁威程); without
    them the names cannot be told apart.
    """
    gaps = white_gaps(ink, line, size, least=0.45)
    if not gaps or " " in line.text.strip():
        return line
    text = " ".join(piece.text for piece in cut(line, gaps))
    return TextLine(line.id, line.quad, text, line.confidence)

"""Split OCR lines that run across a column gutter.

Where gutters are narrow (often a single em), a text detector reads the lines of
side-by-side columns as one long line. A justified line of body type has no
white gap wider than about half an em, except a word space after a dateline or
between names; a gutter shows as such a gap that lines above or below share
(their own gaps or their ends line up with it). Lines are cut there; the text is
cut at the character the gap falls on (at a space when the recogniser put one).
The white after a comma or a full stop is narrower than a gutter, and a word
space is not shared by the lines around it.

Widths are in body ems (``size`` below is the em), heights down the page in line
pitches, and only lines boxed like body type (against the body line's box height)
are looked at: none of it moves with the detector's padding.
"""

from __future__ import annotations

import numpy as np

from pipeline.config import LayoutOptions
from pipeline.geometry import Box, box_to_quad
from pipeline.layout.features import text_units
from pipeline.layout.units import EM_PER_SIZE, PITCH_PER_SIZE
from pipeline.state import TextLine, TypeScale

MIN_GAP = LayoutOptions().gutter_min
"""Narrowest gutter, in ems (the white after a comma is about half an em): ``LayoutOptions.gutter_min``."""
REACH = 5.0
"""How far above and below (in line pitches) a gutter must be confirmed by another line."""
BODY_BOX = (0.6, 1.25)
"""Lines boxed from 0.6 to 1.25 times the body line's box height are set in body type: a headline
printed across a gutter is no evidence against it."""
HUNG = 0.4
"""Least white, in ems, that a gutter keeps beside a mark hung into it: a comma or full stop
hung at the end of a column line fills about half an em of a one-em gutter."""
MIN_COLUMN = 3.0
"""Narrowest column, in ems: text left of a gutter is at least this wide."""
RULE_HEIGHT = 0.8
"""A column rule crosses at least this share of a line box (and runs on past it)."""
RULE_WIDTH = 0.15
"""Widest column rule, in ems."""

Gap = tuple[float, float]


def white_gaps(ink: np.ndarray, line: TextLine, size: float, least: float = MIN_GAP) -> list[Gap]:
    """Runs of ink-free columns inside the line's inked extent at least ``least`` sizes wide."""
    x0, y0, x1, y1 = (max(0, round(v)) for v in line.box)
    crop = ink[y0:y1, x0:x1]
    if crop.size == 0:
        return []
    inked = _without_rules((crop > 0).any(axis=0), _through(ink, (x0, y0, x1, y1), size), size)
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


def _through(ink: np.ndarray, box: tuple[int, int, int, int], size: float) -> np.ndarray:
    """Per column of ``box``: ink across most of the box that runs on through the line space above or below.

    A column rule does; a character's stroke stays inside its line, with white
    leading between it and the next line.
    """
    x0, y0, x1, y1 = box
    lead = max(2, round(0.4 * size))
    inside = (ink[y0:y1, x0:x1] > 0).sum(axis=0) >= RULE_HEIGHT * (y1 - y0)
    above = ink[max(0, y0 - lead) : y0, x0:x1] > 0
    below = ink[y1 : y1 + lead, x0:x1] > 0
    runs_on = (above.all(axis=0) & (above.shape[0] > 0)) | (below.all(axis=0) & (below.shape[0] > 0))
    return inside & runs_on


def _without_rules(inked: np.ndarray, full: np.ndarray, size: float) -> np.ndarray:
    """``inked`` without thin strokes through the line (``full``) set in white: a column rule.

    The white on both sides of a rule between columns is the gutter.

    >>> _without_rules(np.array([1, 0, 1, 1, 0, 1], bool), np.array([0, 0, 1, 0, 0, 0], bool), 20.0).tolist()
    [True, False, False, False, False, True]
    """
    out = inked.copy()
    k, n = 0, len(inked)
    while k < n:
        if not inked[k]:
            k += 1
            continue
        end = k
        while end < n and inked[end]:
            end += 1
        thin = end - k <= max(3.0, RULE_WIDTH * size)
        if thin and k > 0 and end < n and full[k:end].any():
            out[k:end] = False
        k = end
    return out


def _confirmed(
    gap: Gap, line: TextLine, near: list[tuple[TextLine, Box]], gaps: dict[str, list[Gap]], size: float
) -> bool:
    """Lines near by share the gap: each has a gap over it or starts at its right edge (a column edge).

    At least two must, and they must outnumber the lines printed straight across
    the gap: Chinese type sits on a grid of ems, so the white after a comma
    recurs at the same place in a few lines of a column, among many that run on.
    """
    support = against = 0
    for other, box in near:
        if other is line:
            continue
        shared = any(min(g[1], gap[1]) - max(g[0], gap[0]) > 0.3 * size for g in gaps.get(other.id, []))
        # a detector box starts a little left of its ink, so anywhere in the white of the gutter
        starts = gap[0] - 0.3 * size <= box[0] <= gap[1] + 0.5 * size
        support += shared or starts
        against += not (shared or starts) and box[0] < gap[0] and box[2] > gap[1] and other.id in gaps
    return support >= 2 and support > against


def _cut_index(text: str, share: float) -> int:
    """Index at which to cut ``text`` so that ``share`` of its width lies before the cut."""
    units = [text_units(ch) or 0.5 for ch in text]  # a space counts as a half-width character
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


def split_at_gutters(
    lines: list[TextLine], ink: np.ndarray, size: float, scale: TypeScale | None = None, least: float = MIN_GAP
) -> list[TextLine]:
    """Every line, with those that cross a gutter cut into their pieces (in place of the original).

    ``size`` is the body em (advance per character); ``scale`` the page's type scale, for
    the line pitch and the body box height (else those of type set solid with half an em
    of leading); ``least`` the narrowest gutter in ems.
    """
    pitch, box = (scale.line_pitch, scale.size) if scale else (PITCH_PER_SIZE / EM_PER_SIZE * size, size / EM_PER_SIZE)
    plain = [ln for ln in lines if BODY_BOX[0] * box <= ln.height <= BODY_BOX[1] * box]
    boxes = [(ln, ln.box) for ln in plain]
    gaps = {ln.id: white_gaps(ink, ln, size, least) for ln in plain if text_units(ln.text) >= 4}
    narrow = {ln.id: white_gaps(ink, ln, size, HUNG) for ln in plain if ln.id in gaps}
    out: list[TextLine] = []
    for line in lines:
        # the text left of a gutter fills a column line (a few ems at least); a comma's white
        # near the start of a line is no gutter, however many lines repeat it
        x0, y0, _, y1 = line.box
        cy = (y0 + y1) / 2
        near = [(o, b) for o, b in boxes if abs((b[1] + b[3]) / 2 - cy) <= REACH * pitch] if line.id in gaps else []
        wide = [g for g in _candidates(line, near, gaps, narrow, size) if g[0] - x0 >= MIN_COLUMN * size]
        sure = [g for g in wide if _confirmed(g, line, near, narrow, size)]
        out.extend(cut(line, sure) if sure else [line])
    return out


def _candidates(
    line: TextLine,
    near: list[tuple[TextLine, Box]],
    gaps: dict[str, list[Gap]],
    narrow: dict[str, list[Gap]],
    size: float,
) -> list[Gap]:
    """Where ``line`` may cross a gutter: its own gutter-wide whites, and narrower ones where a
    line near by shows a full gutter (the rest of this line's gutter is under a hung mark)."""
    own = gaps.get(line.id, [])
    hung = [
        g
        for g in narrow.get(line.id, [])
        if not any(_overlap(g, w) > 0 for w in own)
        and any(_overlap(g, w) > 0.3 * size for other, _ in near if other is not line for w in gaps.get(other.id, []))
    ]
    return sorted(own + hung)


def _overlap(a: Gap, b: Gap) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


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

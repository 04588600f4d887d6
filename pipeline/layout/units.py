"""The units layout thresholds are stated in: the body em across a line, the line pitch down a column.

A detector pads its boxes by an amount that grows with its unclip ratio, so a box's
height says little about the type: the same 24 px body reads as 26 px boxes at one
ratio and 35 px at another. The advance per character (the em) and the distance from
one line to the next (the line pitch) are set by the type and do not move; a gap,
an indent or a reach is judged in them. Only type sizes are read against the body
line's box height, since every line is boxed the same way.

Callers that know only the body box height (older call sites, tests with hand-made
lines) get the proportions of the default detector on body type set solid with half
an em of leading: the box is 1.25 ems high and lines follow each other at 1.5 ems.
"""

from __future__ import annotations

import numpy as np

from pipeline.layout.features import LineInfo, body_ink, body_size, mode_size
from pipeline.state import TypeScale

SIZE_TOLERANCE = 0.15
"""Lines within this share of the body size are set at the body size (``LayoutOptions.size_tolerance``)."""

EM_PER_SIZE = 0.8
"""Body em over the body line's box height at the default unclip ratio (measured 0.71-0.86 on our pages)."""
PITCH_PER_SIZE = 1.2
"""Body line pitch over the body line's box height at the default unclip ratio (measured 1.0-1.35)."""


def nominal(size: float) -> TypeScale:
    """A type scale from the body box height alone, at the default detector's proportions.

    >>> nominal(25.0).em, nominal(25.0).line_pitch
    (20.0, 30.0)
    """
    return TypeScale(em=EM_PER_SIZE * size, size=size, line_pitch=PITCH_PER_SIZE * size, measure=0.0, weight=0.0)


def scale_of(size: float, scale: TypeScale | None) -> TypeScale:
    """``scale`` when it was measured, else :func:`nominal` of ``size``."""
    if scale is not None and scale.em > 0 and scale.line_pitch > 0:
        return scale
    return nominal(size)


def body_pitch(infos: list[LineInfo], size: float) -> float:
    """Typical advance per character of body lines (the body em)."""
    pitches = [i.pitch for i in infos if abs(i.size - size) <= SIZE_TOLERANCE * size and i.units >= 6]
    return float(np.median(pitches)) if pitches else size


def body_lines(
    infos: list[LineInfo], size: float, least_units: float = 6, tol: float = SIZE_TOLERANCE
) -> list[LineInfo]:
    """Horizontal lines within ``tol`` of the body size with at least ``least_units`` ems of text."""
    return [i for i in infos if not i.vertical and abs(i.size - size) <= tol * size and i.units >= least_units]


def line_pitch(lines: list[LineInfo], em: float) -> float:
    """Median distance from a body line to the next one below it in its column.

    Body type is set with a quarter to a whole em of leading, so the next line's centre
    lies more than half an em and less than three ems below; without such pairs the
    pitch is taken as set with half an em of leading.
    """
    steps = []
    ordered = sorted(lines, key=lambda i: i.cy)
    for k, a in enumerate(ordered):
        for b in ordered[k + 1 :]:
            if b.cy - a.cy > 3.0 * em:
                break
            if b.cy - a.cy > 0.5 * em and min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 * min(a.width, b.width):
                steps.append(b.cy - a.cy)
                break
    return float(np.median(steps)) if steps else 1.5 * em


def column_measure(lines: list[LineInfo], em: float) -> float:
    """Most common width of body lines (full lines of a justified column outnumber the short ones), in px."""
    if not lines or em <= 0:
        return 0.0
    return mode_size([i.width / em for i in lines], [i.units for i in lines]) * em


def measure(infos: list[LineInfo], tol: float = SIZE_TOLERANCE) -> TypeScale:
    """The type scale of a page's described lines (all zero for a page without text).

    Body text fills most of a newspaper page, so its measures are the modes of the
    page's lines: the body size is the most common line height, the em the median
    advance per character of lines at that size, the line pitch the usual distance
    from one body line to the next, the measure the most common width of full body
    lines, the weight the body's stroke share. ``tol`` says which lines are set at
    the body size.
    """
    size = body_size(infos)
    if size <= 0:
        return TypeScale(em=0.0, size=0.0, line_pitch=0.0, measure=0.0, weight=0.0)
    em = body_pitch(infos, size)
    lines = body_lines(infos, size, tol=tol)
    return TypeScale(
        em=em,
        size=size,
        line_pitch=line_pitch(lines, em),
        measure=column_measure(lines, em),
        weight=body_ink(infos, size),
    )

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

from pipeline.state import TypeScale

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

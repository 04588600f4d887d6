"""The page's type scale, measured once from its own text: body em, line pitch, column measure.

Body text fills most of a newspaper page, so its measures are the modes of the
page's lines: the body size is the most common line height, the em the median
advance per character of lines at that size (what the type really is, whatever
padding the detector gave its boxes), the line pitch the usual distance between
one body line and the next, the measure the most common width of full body lines.
Later stages state their thresholds in these units: distances across a line in
ems, down a column in line pitches, type sizes against the body size.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipeline.config import LayoutOptions
from pipeline.layout.features import LineInfo, StrokeMeter, body_ink, body_size, describe, mode_size
from pipeline.layout.roles import body_pitch
from pipeline.stages.layout_input import page_ink
from pipeline.state import PageState, RunContext, TypeScale
from schemas import Step


def body_lines(
    infos: list[LineInfo], size: float, least_units: float = 6, tol: float = LayoutOptions().size_tolerance
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


def measure(infos: list[LineInfo], opts: LayoutOptions | None = None) -> TypeScale:
    """The type scale of a page's described lines (all zero for a page without text).

    ``opts.size_tolerance`` says which lines are set at the body size.
    """
    size = body_size(infos)
    if size <= 0:
        return TypeScale(em=0.0, size=0.0, line_pitch=0.0, measure=0.0, weight=0.0)
    em = body_pitch(infos, size)
    lines = body_lines(infos, size, tol=(opts or LayoutOptions()).size_tolerance)
    return TypeScale(
        em=em,
        size=size,
        line_pitch=line_pitch(lines, em),
        measure=column_measure(lines, em),
        weight=body_ink(infos, size),
    )


class MeasureType:
    """Fill ``page.type_scale`` from the page's lines; the step records it."""

    name: ClassVar[str] = "typescale"
    version: ClassVar[str] = "2"  # 2: the line pitch searched for in ems

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        page.type_scale = measure(describe(page.lines, StrokeMeter(page_ink(page))), self.options)
        opts = {**page.type_scale.as_options(), "size_tolerance": self.options.size_tolerance}
        page.steps.append(Step(name=self.name, version=self.version, options=opts))
        return page

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

from pipeline.config import LayoutOptions
from pipeline.layout.features import StrokeMeter, describe
from pipeline.layout.units import body_lines, column_measure, line_pitch, measure
from pipeline.stages.layout_input import page_ink
from pipeline.state import PageState, RunContext
from schemas import Step

__all__ = ["MeasureType", "body_lines", "column_measure", "line_pitch", "measure"]


class MeasureType:
    """Fill ``page.type_scale`` from the page's lines; the step records it."""

    name: ClassVar[str] = "typescale"
    version: ClassVar[str] = "2"  # 2: the line pitch searched for in ems

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        page.type_scale = measure(describe(page.lines, StrokeMeter(page_ink(page))), self.options.size_tolerance)
        opts = {**page.type_scale.as_options(), "size_tolerance": self.options.size_tolerance}
        page.steps.append(Step(name=self.name, version=self.version, options=opts))
        return page

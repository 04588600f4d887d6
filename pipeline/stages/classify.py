"""Block classification: what each line is, grouped into typed blocks.

Reads type size against the page's type scale, weight, width in columns, position
next to rules, frames and photos, and text patterns; see :mod:`pipeline.layout.reading`.
Also fills the column grid and the body type size of ``page.layout``. The page was
turned (if set vertically), its lines cut at gutters and its type measured by the
stages before this one.
"""

from __future__ import annotations

from typing import ClassVar

from pipeline.config import LayoutOptions
from pipeline.layout.blocks import make_blocks
from pipeline.layout.evidence import rescore
from pipeline.layout.features import StrokeMeter, describe
from pipeline.layout.reading import read_page
from pipeline.layout.turn import mark_directions
from pipeline.stages.layout_input import page_ink
from pipeline.state import PageState, RunContext
from schemas import Step


class Classify:
    """Fill ``page.blocks`` (typed, with columns and confidence) and ``page.layout.columns``."""

    name: ClassVar[str] = "classify"
    version: ClassVar[str] = "6"  # 5: RTL lines; 6: title groups, small headlines, kickers, evidence

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        if page.type_scale is None:
            raise RuntimeError("the type-scale stage has not run: classification reads sizes against it")
        infos = describe(page.lines, StrokeMeter(page_ink(page)))
        shape = page.work_image.shape[:2]
        reading = read_page(infos, page.layout, shape, page.turned, page.type_scale, self.options)
        page.layout.body_size = reading.size
        page.layout.columns = reading.columns
        page.blocks = make_blocks(reading, page.type_scale)
        rescore(page.blocks, infos, page.type_scale, self.options)
        if page.turned is not None:
            mark_directions(page.blocks, page.turned)
        opts = self.options.model_dump(mode="json", exclude={"min_photo_area_frac"})
        page.steps.append(Step(name=self.name, version=self.version, options=opts))
        return page

"""Turn a page set vertically (竖排) a quarter turn, so the layout reads its columns as lines.

Only this stage turns: lines, rules, regions, the working image and its ink mask
turn together, and ``page.to_scan`` gains the inverse turn (see :mod:`pipeline.layout.turn`).
A horizontal page passes unchanged, and is known from its lines alone
(:func:`pipeline.layout.turn.set_vertically`): the ink mask is read, and its stroke
widths measured, only for a page that turns.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipeline.config import LayoutOptions
from pipeline.layout.features import StrokeMeter, describe
from pipeline.layout.turn import set_vertically, turn_vertical_page
from pipeline.stages.layout_input import page_ink
from pipeline.state import PageState, RunContext
from schemas import Step


class TurnVertical:
    """Fill ``page.turned`` (None for a horizontal page) and turn the page's working frame."""

    name: ClassVar[str] = "turn"
    version: ClassVar[str] = "2"  # 2: side-margin columns are furniture

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        page.turned = None
        if set_vertically(page.lines):
            ink = page_ink(page)
            page.turned = turn_vertical_page(page, describe(page.lines, StrokeMeter(ink)))
            page.ink = np.ascontiguousarray(np.rot90(ink))  # the threshold is per pixel: turn the mask too
        page.steps.append(Step(name=self.name, version=self.version, options={"turned": page.turned is not None}))
        return page

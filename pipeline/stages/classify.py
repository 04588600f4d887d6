"""Block classification: what each line is, grouped into typed blocks.

Reads type size against the page's type scale, weight, width in columns, position
next to rules, frames and photos, and text patterns; see :mod:`pipeline.layout.reading`.
Also fills the column grid and the body type size of ``page.layout``. The page was
turned (if set vertically), its lines cut at gutters and its type measured by the
stages before this one. Section labels (a few words in a black panel) are taken out
first: page furniture, typed ``page_header``, never part of an article.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipeline.config import LayoutOptions
from pipeline.geometry import Box
from pipeline.layout.blocks import column_ids, make_blocks
from pipeline.layout.evidence import rescore
from pipeline.layout.features import LineInfo, StrokeMeter, describe
from pipeline.layout.labels import section_labels
from pipeline.layout.reading import read_page
from pipeline.layout.turn import mark_directions
from pipeline.layout.zones import open_frame_ads
from pipeline.stages.layout_input import page_ink
from pipeline.state import PageState, Region, RunContext, TypeScale, WorkBlock
from schemas import Step


class Classify:
    """Fill ``page.blocks`` (typed, with columns and confidence) and ``page.layout.columns``."""

    name: ClassVar[str] = "classify"
    version: ClassVar[str] = "10"  # 8: 记者从… opens no article; 9: faces, headings; 10: open frames

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        if page.type_scale is None:
            raise RuntimeError("the type-scale stage has not run: classification reads sizes against it")
        ink = page_ink(page)
        infos = describe(page.lines, StrokeMeter(ink))
        labels = section_labels(infos, ink)
        ids = {id(i) for i in labels}
        shape = page.work_image.shape[:2]
        rest = [i for i in infos if id(i) not in ids]
        if page.turned is None:
            _open_frames(page, rest, shape, ink)
        reading = read_page(rest, page.layout, shape, page.turned, page.type_scale, self.options)
        page.layout.body_size = reading.size
        page.layout.columns = reading.columns
        page.blocks = _with_labels(make_blocks(reading, page.type_scale), labels, reading.columns, page.type_scale)
        rescore(page.blocks, infos, page.type_scale, self.options)
        if page.turned is not None:
            mark_directions(page.blocks, page.turned)
        opts = self.options.model_dump(mode="json", exclude={"min_photo_area_frac"})
        page.steps.append(Step(name=self.name, version=self.version, options=opts))
        return page


def _open_frames(page: PageState, lines: list[LineInfo], shape: tuple[int, int], ink: np.ndarray) -> None:
    """Add the ad boxes with a broken frame or short sides to the page's frames.

    Only on a page set horizontally: there an ad's box is ruled round its display type
    and its short sides run down a few lines. A vertical page's ruled cells and column
    rules make boxes of every size round running text.
    """
    layout, scale = page.layout, page.type_scale
    assert scale is not None
    frames = [r.box for r in layout.regions if r.kind == "box"]
    for box in open_frame_ads(lines, layout.horizontal_rules, layout.vertical_rules, frames, shape, scale, ink):
        layout.regions.append(Region("box", box))


def _with_labels(
    blocks: list[WorkBlock], labels: list[LineInfo], columns: list[Box], scale: TypeScale
) -> list[WorkBlock]:
    """The blocks with one ``page_header`` block per section label, renumbered top to bottom."""
    if not labels:
        return blocks
    for info in labels:
        line = info.line
        blocks.append(
            WorkBlock(id="", type="page_header", box=info.box, lines=[line], confidence=round(0.8 * line.confidence, 4))
        )
    blocks.sort(key=lambda b: (b.box[1], b.box[0]))
    for k, block in enumerate(blocks):
        block.id = f"b{k + 1:04d}"
        if block.type == "page_header" and not block.columns:
            block.columns = column_ids(block.box, columns, scale.size, scale)
    return blocks

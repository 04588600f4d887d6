"""Block classification: what each line is, grouped into typed blocks.

Reads type size relative to the body, weight, width in columns, position next to
rules, frames and photos, and text patterns; see :mod:`pipeline.layout.reading`.
Also fills the column grid and the body type size of ``page.layout``.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipeline.config import LayoutOptions
from pipeline.engines.base import OcrEngine
from pipeline.layout.blocks import make_blocks
from pipeline.layout.features import StrokeMeter, body_size, describe
from pipeline.layout.gutters import restore_spaces, split_at_gutters
from pipeline.layout.patterns import LOOSE_BYLINE
from pipeline.layout.reading import read_page
from pipeline.layout.roles import body_pitch
from pipeline.layout.rules import ink_mask
from pipeline.layout.turn import mark_directions, turn_vertical_page
from pipeline.stages.ocr import crop_quad
from pipeline.state import PageState, RunContext, TextLine
from schemas import Step


def reread(engine: OcrEngine, image: np.ndarray, pieces: list[TextLine]) -> list[TextLine]:
    """Read cut pieces of lines again: a cut by text proportion misplaces a character now and then."""
    results = engine.recognize([crop_quad(image, p.quad) for p in pieces])
    return [
        TextLine(p.id, p.quad, text.strip(), conf) if text.strip() and conf >= p.confidence * 0.8 else p
        for p, (text, conf) in zip(pieces, results, strict=True)
    ]


class Classify:
    """Fill ``page.blocks`` (typed, with columns and confidence) and ``page.layout.columns``.

    With an ``engine``, lines cut at a gutter are read again from the image;
    without one their text is cut where the gutter falls.
    """

    name: ClassVar[str] = "classify"
    version: ClassVar[str] = "1"

    def __init__(self, options: LayoutOptions, engine: OcrEngine | None = None) -> None:
        self.options = options
        self.engine = engine

    def _cut_at_gutters(self, page: PageState, ink: np.ndarray, size: float) -> None:
        """Cut lines read across a gutter; with an engine, read the pieces again."""
        lines = split_at_gutters(page.lines, ink, size)
        pieces = [ln for ln in lines if "." in ln.id]
        if pieces and self.engine is not None:
            fresh = {p.id: p for p in reread(self.engine, page.work_image, pieces)}
            lines = [fresh.get(ln.id, ln) for ln in lines]
        page.lines = lines

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        ink = ink_mask(page.work_image)
        meter = StrokeMeter(ink)  # summed-area tables: built once, read for every line
        infos = describe(page.lines, meter)
        # a page set vertically (竖排) is read turned a quarter turn, its columns then lines
        turned = turn_vertical_page(page, infos)
        if turned is not None:
            ink = np.ascontiguousarray(np.rot90(ink))  # the threshold is per pixel: turn the mask with the page
            meter = StrokeMeter(ink)
            infos = describe(page.lines, meter)
        gray = page.work_image
        # gutters are measured in ems: the advance of body characters, not their (padded) box height
        em = body_pitch(infos, body_size(infos))
        if turned is None:  # a column of a vertical page crosses no gutter; its punctuation leaves gaps
            self._cut_at_gutters(page, ink, em)
        page.lines = [restore_spaces(ln, ink, em) if LOOSE_BYLINE.match(ln.text) else ln for ln in page.lines]
        reading = read_page(describe(page.lines, meter), page.layout, gray.shape[:2], turned)
        page.layout.body_size = reading.size
        page.layout.columns = reading.columns
        page.blocks = make_blocks(reading)
        if turned is not None:
            mark_directions(page.blocks, turned)
        page.steps.append(Step(name=self.name, version=self.version))
        return page

"""Lines mended against the print: cut where they cross a column gutter, word spaces restored in bylines.

A detector may read two columns' lines as one across a narrow gutter; the line is
cut at the gutter (:mod:`pipeline.layout.gutters`) and, with an engine, each piece
is read again from the image, since a cut by text proportion misplaces a character
now and then. A column of a vertical page (read turned) crosses no gutter.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from pipeline.config import LayoutOptions
from pipeline.engines.base import OcrEngine
from pipeline.layout.gutters import restore_spaces, split_at_gutters
from pipeline.layout.patterns import LOOSE_BYLINE
from pipeline.stages.layout_input import page_ink
from pipeline.stages.ocr import crop_quad
from pipeline.state import PageState, RunContext, TextLine
from schemas import Step


def reread(engine: OcrEngine, image: np.ndarray, pieces: list[TextLine]) -> list[TextLine]:
    """Read cut pieces of lines again; a piece read with much less confidence keeps its cut text."""
    results = engine.recognize([crop_quad(image, p.quad) for p in pieces])
    return [
        TextLine(p.id, p.quad, text.strip(), conf) if text.strip() and conf >= p.confidence * 0.8 else p
        for p, (text, conf) in zip(pieces, results, strict=True)
    ]


class CutGutters:
    """Replace ``page.lines`` by the lines cut at gutters (ids ``<line>.<k>``), bylines spaced."""

    name: ClassVar[str] = "gutters"
    version: ClassVar[str] = "3"  # 2: confirmed within line pitches, lines boxed like body; 3: marks hung into gutters

    def __init__(self, options: LayoutOptions, engine: OcrEngine | None = None) -> None:
        self.options = options
        self.engine = engine

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        if page.type_scale is None:
            raise RuntimeError("the type-scale stage has not run: gutters are measured in the body em")
        ink, scale = page_ink(page), page.type_scale
        em, least = scale.em, self.options.gutter_min
        cuts = 0
        if page.turned is None and em > 0:
            lines = split_at_gutters(page.lines, ink, em, scale, least)
            pieces = [ln for ln in lines if "." in ln.id]
            cuts = len(pieces)
            if pieces and self.engine is not None:
                fresh = {p.id: p for p in reread(self.engine, page.work_image, pieces)}
                lines = [fresh.get(ln.id, ln) for ln in lines]
            page.lines = lines
        if em > 0:
            page.lines = [restore_spaces(ln, ink, em) if LOOSE_BYLINE.match(ln.text) else ln for ln in page.lines]
        opts = {"gutter_min": least, "em": round(em, 2), "pieces": cuts, "reread": self.engine is not None}
        page.steps.append(Step(name=self.name, version=self.version, options=opts))
        return page

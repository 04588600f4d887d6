"""Describe a laid-out sheet as ``schemas.Page`` ground truth, in scan coordinates.

Every box is laid out on the upright page and then carried through the skew
matrix of ``degrade.rotation``: a quad is the four rotated corners (clockwise
from top left), a bbox is the integer box around them, clipped to the image.
Line boxes are the em boxes of the printed characters (full cell height; from
the first character's left edge to the last one's right edge).
"""

from __future__ import annotations

import math

import numpy as np

from samplegen.degrade import Aging, rotation
from samplegen.model import ArticleLayout, LaidBlock, Sheet
from schemas import Article, BBox, Block, Column, EngineInfo, Line, Page, Source, Step, Subhead

GENERATOR = "samplegen 1.0"


def _clip(value: int, hi: int) -> int:
    return min(max(value, 0), hi)


class Frame:
    """Maps upright page boxes to scan quads and clipped boxes."""

    def __init__(self, width: int, height: int, angle: float):
        self.width, self.height = width, height
        self.matrix = rotation(width, height, angle)

    def corners(self, box: tuple[float, float, float, float]) -> np.ndarray:
        """The four corners of ``box`` in the scan, clockwise from top left (float)."""
        x0, y0, x1, y1 = box
        pts = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64)
        return pts @ self.matrix[:, :2].T + self.matrix[:, 2]

    def quad(self, box: tuple[float, float, float, float]) -> tuple[tuple[int, int], ...]:
        """Rounded corners, clipped to the image."""
        pts = self.corners(box)
        return tuple((_clip(round(x), self.width), _clip(round(y), self.height)) for x, y in pts)

    def bbox(self, box: tuple[float, float, float, float]) -> BBox:
        """Integer box around the rotated corners, clipped to the image."""
        pts = self.corners(box)
        x0, y0 = (math.floor(v) for v in pts.min(axis=0))
        x1, y1 = (math.ceil(v) for v in pts.max(axis=0))
        w, h = self.width, self.height
        return BBox(x0=_clip(x0, w), y0=_clip(y0, h), x1=_clip(x1, w), y1=_clip(y1, h))


def _block(block: LaidBlock, block_id: str, frame: Frame) -> Block:
    lines = [
        Line(
            id=f"{block_id}-l{j + 1:02d}",
            quad=frame.quad(ln.box),
            bbox=frame.bbox(ln.box),
            text=ln.text,
            confidence=1.0,
        )
        for j, ln in enumerate(block.lines)
    ]
    return Block(
        id=block_id,
        type=block.kind,
        bbox=frame.bbox(block.box),
        polygon=list(frame.quad(block.box)),
        column_span=len(block.columns),
        columns=block.columns,
        direction=block.direction,
        lines=lines,
        text="".join(ln.text for ln in block.lines),
        confidence=1.0,
    )


def _union(boxes: list[BBox]) -> BBox:
    return BBox(
        x0=min(b.x0 for b in boxes),
        y0=min(b.y0 for b in boxes),
        x1=max(b.x1 for b in boxes),
        y1=max(b.y1 for b in boxes),
    )


def _article(lay: ArticleLayout, index: int, ids: list[str], by_id: dict[str, Block]) -> Article:
    art = lay.text
    return Article(
        id=f"a{index + 1:02d}",
        kicker=art.kicker,
        headline=art.headline,
        subheadline=art.subheadline,
        dateline=art.dateline,
        byline=art.byline,
        authors=list(art.authors),
        paragraphs=list(art.paragraphs),
        subheads=[Subhead(text=s.text, before_paragraph=s.before_paragraph) for s in art.subheads],
        block_ids=ids,
        bbox=_union([by_id[i].bbox for i in ids]),
        columns=lay.columns,
        confidence=1.0,
    )


def aging_step(aging: Aging, seed: int, quality: int | None) -> Step:
    """Provenance: how the page was made and degraded."""
    options: dict[str, str | int | float | bool | None] = {
        "seed": seed,
        "angle_deg": aging.angle,
        "blur_sigma_px": aging.blur,
        "noise_sigma": aging.noise,
        "paper_rgb": ",".join(str(c) for c in aging.paper),
        "ink": aging.ink,
        "bleed_through": aging.bleed,
        "shading": aging.shading,
        "color": aging.color,
        "binarized": aging.binarize,
        "jpeg_quality": quality,
    }
    return Step(name="make_samples", version=GENERATOR, options=options)


def page_truth(sheet: Sheet, aging: Aging, source: Source, step: Step) -> Page:
    """The ground truth of ``sheet`` after the skew of ``aging``."""
    frame = Frame(sheet.width, sheet.height, aging.angle)
    ids = {id(b): f"b{i + 1:03d}" for i, b in enumerate(sheet.blocks)}
    blocks = [_block(b, ids[id(b)], frame) for b in sheet.blocks]
    by_id = {b.id: b for b in blocks}
    articles = [_article(lay, i, [ids[id(b)] for b in lay.blocks], by_id) for i, lay in enumerate(sheet.articles)]
    columns = [Column(index=i, bbox=frame.bbox(box)) for i, box in sheet.columns]
    return Page(
        source=source,
        width=sheet.width,
        height=sheet.height,
        dpi=float(sheet.dpi),
        skew_deg=aging.angle,
        engine=EngineInfo(name="ground-truth", version=GENERATOR),
        columns=columns,
        blocks=blocks,
        reading_order=[b.id for b in blocks],
        articles=articles,
        steps=[step],
    )

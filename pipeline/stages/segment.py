"""Segmentation before OCR: rules, frames, photos and tinted bands of the working image.

What is found here steers the later stages: OCR skips photos, classification
reads frames (ads, sidebars) and the header rule, assembly stops articles at
rules. The column grid needs the text lines, so classification computes it.
"""

from __future__ import annotations

from typing import ClassVar

from pipeline.config import LayoutOptions
from pipeline.geometry import Box, contains_point
from pipeline.layout.photos import find_photos_and_bands
from pipeline.layout.rules import find_frames, find_rules, ink_mask
from pipeline.state import PageState, Region, RunContext
from schemas import Step


def outside(boxes: list[Box], areas: list[Box]) -> list[Box]:
    """The boxes whose centre lies in none of ``areas``."""
    return [b for b in boxes if not any(contains_point(a, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for a in areas)]


class Segment:
    """Fill ``page.layout`` with rules and regions (kind ``box``, ``image`` or ``band``).

    >>> import numpy as np
    >>> from pipeline.state import PageState, RunContext, SourceRef
    >>> page = PageState(source=SourceRef(path="x.png"), image=np.full((300, 300), 255, np.uint8))
    >>> page.work = page.image
    >>> Segment(LayoutOptions())(page, RunContext()).layout.regions
    []
    """

    name: ClassVar[str] = "segment"
    version: ClassVar[str] = "1"

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        gray = page.work_image
        ink = ink_mask(gray)
        page.ink = ink  # later stages read the same mask (the turn stage turns it with the page)
        layout = page.layout
        photos, bands = find_photos_and_bands(gray, self.options.min_photo_area_frac)
        # a photo's texture (and its edge) is full of straight runs that are not rules; no type is
        # measured yet, so the margin round a photo is a share of the page side
        pad = 0.01 * min(gray.shape[:2])
        grown = [(b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad) for b in photos]
        layout.horizontal_rules = outside(find_rules(ink, horizontal=True), grown)
        layout.vertical_rules = outside(find_rules(ink, horizontal=False), grown)
        frames = find_frames(layout.horizontal_rules, layout.vertical_rules, gray.shape[:2])
        layout.regions = [Region("box", b) for b in frames] + [Region("image", b) for b in photos]
        layout.regions += [Region("band", b) for b in bands]
        opts = self.options.model_dump(mode="json")
        page.steps.append(Step(name=self.name, version=self.version, options=opts))
        return page

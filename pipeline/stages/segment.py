"""Segmentation before OCR: rules, frames, photos and tinted bands of the working image.

What is found here steers the later stages: OCR skips photos, classification
reads frames (ads, sidebars) and the header rule, assembly stops articles at
rules. The column grid needs the text lines, so classification computes it.
"""

from __future__ import annotations

from typing import ClassVar

import cv2
import numpy as np

from pipeline.config import LayoutOptions
from pipeline.geometry import Box, contains_point
from pipeline.layout.photos import find_photos_and_bands, page_tone
from pipeline.layout.rules import find_frames, find_rules, ink_mask
from pipeline.stages.orient import rotate_upright
from pipeline.stages.preprocess import rotation_onto_canvas, to_gray
from pipeline.state import PageState, Region, RunContext
from schemas import Step


def outside(boxes: list[Box], areas: list[Box]) -> list[Box]:
    """The boxes whose centre lies in none of ``areas``."""
    return [b for b in boxes if not any(contains_point(a, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for a in areas)]


def unflattened(page: PageState) -> np.ndarray:
    """The scan's grey levels in the frame of the working image (deskewed and turned, not flattened).

    Flattening for the reader lifts a light picture to paper white; photos are found on the
    page's own tone. The working image is used where its frame cannot be rebuilt.
    """
    gray = to_gray(page.image)
    if page.skew_deg:
        h, w = gray.shape[:2]
        to_work, size = rotation_onto_canvas(w, h, -page.skew_deg)
        gray = cv2.warpAffine(gray, to_work.matrix, size, flags=cv2.INTER_LINEAR, borderValue=255)
    if page.orientation_deg:
        gray, _ = rotate_upright(gray, page.orientation_deg)  # type: ignore[arg-type]
    return gray if gray.shape == page.work_image.shape else page.work_image


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
    version: ClassVar[str] = "2"  # 2: photos found on the page's tone (a pale picture is not paper)

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        gray = page.work_image
        ink = ink_mask(gray)
        page.ink = ink  # later stages read the same mask (the turn stage turns it with the page)
        layout = page.layout
        photos, bands = find_photos_and_bands(page_tone(unflattened(page)), self.options.min_photo_area_frac)
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

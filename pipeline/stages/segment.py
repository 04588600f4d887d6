"""Rules, framed boxes and photos found in the working image."""

from __future__ import annotations

from typing import ClassVar

import cv2
import numpy as np

from pipeline.config import LayoutOptions
from pipeline.state import PageState, RunContext
from schemas import Step


def find_rules(gray: np.ndarray, min_len: int, horizontal: bool) -> list[tuple[float, float, float, float]]:
    """Long thin dark lines, as boxes."""
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    shape = (min_len, 1) if horizontal else (1, min_len)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
    opened = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
    n, _, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    rules = []
    for x, y, w, h, _area in stats[1:n]:
        rules.append((float(x), float(y), float(x + w), float(y + h)))
    return rules


class Segment:
    """Fill ``page.layout`` with rules."""

    name: ClassVar[str] = "segment"
    version: ClassVar[str] = "0"

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        gray = page.work_image
        min_len = max(20, min(gray.shape) // 15)
        page.layout.horizontal_rules = find_rules(gray, min_len, horizontal=True)
        page.layout.vertical_rules = find_rules(gray, min_len, horizontal=False)
        page.steps.append(Step(name=self.name, version=self.version))
        return page

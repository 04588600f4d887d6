"""What the layout stages share: the page's ink mask."""

from __future__ import annotations

import numpy as np

from pipeline.layout.rules import ink_mask
from pipeline.state import PageState


def page_ink(page: PageState) -> np.ndarray:
    """The ink mask of the working image: segment's, or thresholded here when segment did not run."""
    if page.ink is None or page.ink.shape != page.work_image.shape[:2]:
        page.ink = ink_mask(page.work_image)
    return page.ink

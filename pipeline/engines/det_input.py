"""The detector's input tensor for a gray page, built without a BGR copy of the page.

RapidOCR's detector takes a BGR image: it resizes it to a multiple of 32 px, then
normalises every channel in float64 (``(v / 255 - mean) / std``) and casts the result
to float32. A gray page turned BGR has three equal channels, so the same tensor comes
from resizing the gray page once and looking each pixel up in a 256-entry table per
channel, the table made by the library's own normalisation of the values 0-255: the
tensor is the library's, value for value, at a fraction of the work and memory (a
300-dpi page at the detection scale is ~4.5 MP: ~110 MB of float64 temporaries saved).
"""

from __future__ import annotations

from typing import Any

import numpy as np


class GrayDetInput:
    """Stands in for RapidOCR's ``DetPreProcess``: gray pages by table look-up, others passed to it."""

    def __init__(self, library: Any) -> None:
        self._library = library
        levels = np.arange(256, dtype=np.uint8).reshape(1, 256, 1).repeat(3, axis=2)
        # the library's own arithmetic on every value a pixel can take: (3, 256) float32
        self._table = np.ascontiguousarray(library.normalize(levels)[0].T.astype(np.float32))

    def __call__(self, img: np.ndarray) -> np.ndarray | None:
        if img.ndim != 2:
            return self._library(img)
        resized = self._library.resize(img)
        if resized is None:
            return None
        out = np.empty((1, 3, *resized.shape), dtype=np.float32)
        for channel, table in enumerate(self._table):
            np.take(table, resized, out=out[0, channel])
        return out

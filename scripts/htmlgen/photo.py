"""Photographs as small inline PNGs: smooth light fields with grain, some of them light skies.

A newspaper photo is a continuous-tone area with no text in it; what layout must
not do is read it as a block of ink or of paper. A "sky" photo is mostly light
(a pale sky over a dark strip of land or roofs), the kind whose top edge fades into
the paper.
"""

from __future__ import annotations

import base64
import io

import cv2
import numpy as np
from PIL import Image

SIZE = (240, 170)
"""Pixels of the generated picture (the browser scales it to its box)."""


def _field(rng: np.random.Generator, cells: int) -> np.ndarray:
    coarse = rng.random((cells, cells)).astype(np.float32)
    return cv2.resize(coarse, SIZE, interpolation=cv2.INTER_CUBIC)


def picture(rng: np.random.Generator, sky: bool) -> np.ndarray:
    """A grey picture (uint8) of ``SIZE``."""
    w, h = SIZE
    if sky:
        y = np.linspace(0, 1, h, dtype=np.float32)[:, None]
        horizon = 0.6 + 0.25 * (_field(rng, 6)[h // 2] - 0.5)
        land = (y > horizon[None, :]).astype(np.float32)
        tone = 235 - 25 * y + 6 * _field(rng, 3)
        tone = tone * (1 - land) + land * (60 + 80 * _field(rng, 8))
    else:
        tone = 40 + 180 * (0.6 * _field(rng, 4) + 0.4 * _field(rng, 12))
    tone = tone + rng.normal(0, 9, (h, w)).astype(np.float32)
    return np.clip(tone, 0, 255).astype(np.uint8)


def data_uri(rng: np.random.Generator, sky: bool) -> str:
    """``picture`` as a ``data:image/png`` URI."""
    buf = io.BytesIO()
    Image.fromarray(picture(rng, sky)).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")

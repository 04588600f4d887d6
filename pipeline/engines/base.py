"""The OcrEngine protocol every engine implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from schemas import EngineInfo


@runtime_checkable
class OcrEngine(Protocol):
    """Line detection and recognition on page images.

    ``detect`` takes a gray or BGR uint8 image and returns text-line quads, each a
    ``(4, 2)`` float array clockwise from top left, in that image's pixels.
    ``recognize`` reads cropped, upright line images and returns ``(text, confidence)``
    per crop, in the same order.
    """

    @property
    def info(self) -> EngineInfo: ...

    def detect(self, image: np.ndarray) -> list[np.ndarray]: ...

    def recognize(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]: ...

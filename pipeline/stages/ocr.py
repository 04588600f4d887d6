"""Line detection and recognition through an OcrEngine.

This is the only place where crop coordinates meet page coordinates: quads come
back from the detector in the working frame, crops are cut from the working image,
and text is attached to the quad it was cut from.
"""

from __future__ import annotations

from typing import ClassVar

import cv2
import numpy as np

from pipeline.config import OcrOptions
from pipeline.engines.base import OcrEngine
from pipeline.geometry import contains_point, quad_to_box
from pipeline.state import PageState, RunContext, TextLine
from schemas import Step

_VERTICAL_RATIO = 1.5  # a crop this much taller than wide holds vertical text
_BODY_PT = 10.5  # newspaper body type is set at 9.5-10.5 pt


def detection_scale(dpi: float | None, options: OcrOptions) -> float:
    """Scale of the copy the detector sees.

    Detection costs ~21 GFLOP per megapixel and finds lines as well when body type is
    ~20 px high as at 40 px, so a 300-dpi scan is detected at about half size. Without
    a dpi the page is detected as it is; the scale never enlarges.

    >>> detection_scale(300.0, OcrOptions())
    0.46
    >>> detection_scale(None, OcrOptions())
    1.0
    """
    if not dpi:
        return 1.0
    body_px = _BODY_PT / 72.0 * dpi
    return round(min(1.0, max(options.det_min_scale, options.det_text_px / body_px)), 2)


def detect_lines(engine: OcrEngine, image: np.ndarray, scale: float) -> list[np.ndarray]:
    """Run the detector on a copy scaled by ``scale``; quads come back in ``image`` pixels."""
    if scale >= 1.0:
        return engine.detect(image)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return [q / scale for q in engine.detect(small)]


def crop_quad(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Cut an upright crop of ``quad`` (clockwise from top left) out of ``image``."""
    q = np.asarray(quad, dtype=np.float32).reshape(4, 2)
    width = int(max(np.linalg.norm(q[0] - q[1]), np.linalg.norm(q[2] - q[3])))
    height = int(max(np.linalg.norm(q[0] - q[3]), np.linalg.norm(q[1] - q[2])))
    width, height = max(width, 1), max(height, 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(q, target)
    crop = cv2.warpPerspective(image, m, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    if height >= width * _VERTICAL_RATIO:
        crop = np.rot90(crop)
    return np.ascontiguousarray(crop)


def _outside_images(quads: list[np.ndarray], page: PageState) -> list[np.ndarray]:
    """Drop detections whose centre lies in a photo: nothing there is worth reading."""
    photos = [r.box for r in page.layout.regions if r.kind == "image"]
    if not photos:
        return quads
    kept = []
    for q in quads:
        x0, y0, x1, y1 = quad_to_box(q)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if not any(contains_point(p, cx, cy) for p in photos):
            kept.append(q)
    return kept


def _reading_sort(quads: list[np.ndarray]) -> list[np.ndarray]:
    return sorted(quads, key=lambda q: (quad_to_box(q)[1], quad_to_box(q)[0]))


class Ocr:
    """Fill ``page.lines`` with text lines of at least ``min_confidence``."""

    name: ClassVar[str] = "ocr"
    version: ClassVar[str] = "1"

    def __init__(self, engine: OcrEngine, options: OcrOptions) -> None:
        self.engine = engine
        self.options = options

    def _quads(self, page: PageState, scale: float) -> list[np.ndarray]:
        """The lines orient found on this very image at this scale, else a fresh detection."""
        image, found = page.work_image, page.detection
        page.detection = None  # read once: the working image may change after OCR
        if found is not None and found.scale == scale and found.shape == image.shape:
            return list(found.quads)
        return detect_lines(self.engine, image, scale)

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        image = page.work_image
        with ctx.timer("ocr.detect"):
            scale = detection_scale(page.dpi, self.options)
            quads = _reading_sort(_outside_images(self._quads(page, scale), page))
        with ctx.timer("ocr.crop"):
            crops = [crop_quad(image, q) for q in quads]
        with ctx.timer("ocr.recognize"):
            results = self.engine.recognize(crops)
        lines = []
        for quad, (text, conf) in zip(quads, results, strict=True):
            text = text.strip()
            if text and conf >= self.options.min_confidence:
                lines.append(TextLine(id=f"l{len(lines) + 1:04d}", quad=quad, text=text, confidence=conf))
        page.lines = lines
        opts = {**self.options.model_dump(mode="json"), "det_scale": scale}
        page.steps.append(Step(name=self.name, version=self.version, options=opts))
        return page

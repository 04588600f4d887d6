"""A picture of what the pipeline saw, drawn on the original scan for a person to check.

Columns are thin grey outlines, blocks are filled and outlined in a colour per
type, each article is outlined and numbered in reading order. The legend sits in
a white strip right of the page, so it never hides a corner of the scan. The
picture is a JPEG scaled to about 2000 pixels high.

>>> from pipeline.overlay import TYPE_COLOURS
>>> sorted(TYPE_COLOURS)[:3]
['advertisement', 'body', 'byline']
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from pipeline.atomic import write_atomic
from schemas import BBox, Page

TARGET_HEIGHT = 2000
TYPE_COLOURS: dict[str, tuple[int, int, int]] = {  # BGR
    "kicker": (180, 105, 255),
    "headline": (40, 40, 220),
    "subheadline": (0, 140, 255),
    "dateline": (160, 0, 160),
    "byline": (200, 0, 200),
    "body": (170, 120, 40),
    "subhead": (0, 200, 200),
    "caption": (40, 160, 40),
    "advertisement": (0, 215, 255),
    "page_header": (128, 128, 128),
    "image": (90, 160, 90),
}
ARTICLE_COLOUR = (30, 30, 200)
COLUMN_COLOUR = (150, 150, 150)


def _bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image.copy()


def _rect(box: BBox, scale: float) -> tuple[tuple[int, int], tuple[int, int]]:
    return (round(box.x0 * scale), round(box.y0 * scale)), (round(box.x1 * scale), round(box.y1 * scale))


LEGEND_WIDTH = 170


def _with_legend(canvas: np.ndarray, used: list[str]) -> np.ndarray:
    """``canvas`` with a white strip on its right listing the block types drawn."""
    strip = np.full((canvas.shape[0], LEGEND_WIDTH, 3), 255, dtype=canvas.dtype)
    cv2.line(strip, (0, 0), (0, strip.shape[0] - 1), (0, 0, 0), 1)
    for k, kind in enumerate(used):
        y = 20 + 20 * k
        cv2.rectangle(strip, (12, y - 10), (28, y + 4), TYPE_COLOURS[kind], -1)
        cv2.putText(strip, kind, (34, y + 2), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1, cv2.LINE_AA)
    return np.hstack([canvas, strip])


def render_overlay(page: Page, image: np.ndarray) -> np.ndarray:
    """The overlay picture (BGR) of ``page`` drawn on its scan ``image``."""
    scale = min(1.0, TARGET_HEIGHT / max(image.shape[0], 1))
    base = _bgr(image)
    if scale < 1.0:
        base = cv2.resize(base, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    fill = base.copy()
    for block in page.blocks:
        p0, p1 = _rect(block.bbox, scale)
        cv2.rectangle(fill, p0, p1, TYPE_COLOURS[block.type], -1)
    canvas = cv2.addWeighted(fill, 0.25, base, 0.75, 0)
    for col in page.columns:
        p0, p1 = _rect(col.bbox, scale)
        cv2.rectangle(canvas, p0, p1, COLUMN_COLOUR, 1)
    for block in page.blocks:
        p0, p1 = _rect(block.bbox, scale)
        cv2.rectangle(canvas, p0, p1, TYPE_COLOURS[block.type], 2)
    for number, article in enumerate(page.articles, start=1):
        p0, p1 = _rect(article.bbox, scale)
        cv2.rectangle(canvas, (p0[0] - 3, p0[1] - 3), (p1[0] + 3, p1[1] + 3), ARTICLE_COLOUR, 3)
        label = str(number)
        (tw, th), _ = cv2.getTextSize(label, cv2.FONT_HERSHEY_SIMPLEX, 1.0, 2)
        cv2.rectangle(canvas, (p0[0], p0[1]), (p0[0] + tw + 10, p0[1] + th + 10), ARTICLE_COLOUR, -1)
        cv2.putText(canvas, label, (p0[0] + 5, p0[1] + th + 5), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (255, 255, 255), 2)
    used = [k for k in TYPE_COLOURS if any(b.type == k for b in page.blocks)]
    return _with_legend(canvas, used)


def write_overlay(page: Page, image: np.ndarray, path: Path) -> None:
    """Write the overlay of ``page`` (scan pixels) drawn on ``image`` to ``path``, atomically.

    JPEG unless ``path`` names another format OpenCV writes (``.png``).
    """
    path = Path(path)
    suffix = path.suffix.lower() if path.suffix.lower() in (".png", ".jpg", ".jpeg") else ".jpg"
    ok, data = cv2.imencode(suffix, render_overlay(page, image), [cv2.IMWRITE_JPEG_QUALITY, 85])
    if not ok:
        raise RuntimeError(f"could not encode the overlay of {page.source.path}")
    write_atomic(path, data.tobytes())

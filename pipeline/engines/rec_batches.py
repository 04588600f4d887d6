"""Recognition batches by shape: crops sorted by width, each batch padded only to its widest.

The recogniser reads a line image 48 px high and as wide as the line is long at that
height; a batch is one tensor, so every crop in it is padded with grey to the widest.
Sorting by width keeps neighbours alike, so padding stays a few per cent of the pixels
read (2-4% on a 300-dpi page at 6 lines a batch). RapidOCR's loop also pads every batch
to at least 320 px (6.7 line heights), so a headline of two to six characters or a
figure, 100-300 px at 48 px, is read at 320 px; ``min_width`` keeps that floor
(``OcrOptions.rec_min_width``, default 320: the same text as RapidOCR's loop, crop for
crop). Without it a page reads 1-3% fewer pixels in no measurably less time (CPU seconds
0.97-1.03x, ``scripts/bench_rec.py``), and the recogniser, whose attention spans the whole
padded width, reads a few lines differently (26 of 2338 on the samples and a fresh set,
mostly a space in a byline, which splits its authors differently).

A gray crop is resized and normalised once and broadcast to the three channels the
model takes: the same tensor as resizing its BGR copy, at a third of the work.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import cv2
import numpy as np

REC_HEIGHT = 48
"""Line height the PP-OCR recognisers are trained at."""

RAPIDOCR_MIN_WIDTH = 320
"""RapidOCR's smallest batch width (its ``rec_img_shape`` 3 x 48 x 320); kept only for comparison."""


def ratio(crop: np.ndarray) -> float:
    """Width over height of a crop: its length in line heights."""
    return crop.shape[1] / float(crop.shape[0])


def plan_batches(ratios: Sequence[float], batch: int) -> list[list[int]]:
    """Indices of the crops in batches of at most ``batch``, narrowest first.

    >>> plan_batches([5.0, 1.0, 9.0, 2.0], 2)
    [[1, 3], [0, 2]]
    """
    order = [int(i) for i in np.argsort(np.asarray(ratios, dtype=np.float64))]  # RapidOCR's order, ties too
    return [order[i : i + batch] for i in range(0, len(order), batch)]


def batch_width(ratios: Sequence[float], min_width: int = 0) -> int:
    """Pixel width of a batch: its widest crop at ``REC_HEIGHT`` (RapidOCR's rounding), at least ``min_width``.

    >>> batch_width([2.0, 4.5]), batch_width([2.0], RAPIDOCR_MIN_WIDTH)
    (216, 320)
    """
    widest = max(max(ratios), min_width / REC_HEIGHT)
    return max(1, int(REC_HEIGHT * widest))


def batch_tensor(crops: Sequence[np.ndarray], width: int) -> np.ndarray:
    """``(n, 3, REC_HEIGHT, width)`` float32 in [-1, 1]; each crop resized to the height, grey (0) beyond it."""
    out = np.zeros((len(crops), 3, REC_HEIGHT, width), dtype=np.float32)
    for k, crop in enumerate(crops):
        w = min(width, math.ceil(REC_HEIGHT * ratio(crop)))
        pixels = cv2.resize(crop, (w, REC_HEIGHT)).astype(np.float32)
        pixels = pixels / 255.0
        pixels -= 0.5
        pixels /= 0.5
        if pixels.ndim == 2:
            out[k, :, :, :w] = pixels
        else:
            out[k, :, :, :w] = pixels.transpose(2, 0, 1)
    return out


Model = Callable[[np.ndarray], np.ndarray]
Decoder = Callable[..., tuple[list[tuple[str, float]], list]]


def read_batches(
    crops: Sequence[np.ndarray], model: Model, decode: Decoder, batch: int, min_width: int = 0
) -> list[tuple[str, float]]:
    """(text, confidence) per crop, read in width-sorted batches of ``batch`` padded to their widest."""
    ratios = [ratio(c) for c in crops]
    out: list[tuple[str, float]] = [("", 0.0)] * len(crops)
    for members in plan_batches(ratios, batch):
        mine = [ratios[i] for i in members]
        width = batch_width(mine, min_width)
        preds = model(batch_tensor([crops[i] for i in members], width))
        lines, _ = decode(preds, False, wh_ratio_list=mine, max_wh_ratio=width / REC_HEIGHT)
        for i, (text, score) in zip(members, lines, strict=True):
            out[i] = (str(text), float(score))
    return out


def pixel_columns(crops: Sequence[np.ndarray], batch: int, min_width: int = 0) -> tuple[int, int]:
    """(columns read, columns of the crops themselves) at ``REC_HEIGHT``: what padding adds.

    >>> pixel_columns([np.zeros((48, 96)), np.zeros((48, 192))], 2)
    (384, 288)
    """
    ratios = [ratio(c) for c in crops]
    own = sum(batch_width([r]) for r in ratios)
    read = sum(batch_width([ratios[i] for i in m], min_width) * len(m) for m in plan_batches(ratios, batch))
    return read, own


def padded_share(crops: Sequence[np.ndarray], batch: int, min_width: int = 0) -> float:
    """Pixels read over pixels of the crops themselves (1.0 = no padding).

    >>> round(padded_share([np.zeros((48, 96)), np.zeros((48, 192))], 2), 2)
    1.33
    """
    read, own = pixel_columns(crops, batch, min_width)
    return read / own if own else 1.0

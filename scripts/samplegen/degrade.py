"""Make a clean rendering look scanned: ghosting, paper, light, skew, blur, noise.

The skew follows ``cv2.getRotationMatrix2D``: rotation about the image centre by
``angle`` degrees, positive = counter-clockwise as the page is viewed. The same
2x3 matrix maps ground-truth points from the clean page to the scan.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image


@dataclass(frozen=True)
class Aging:
    """Degradations of one page (all zero = a clean, upright, white page)."""

    angle: float = 0.0
    blur: float = 0.0
    noise: float = 0.0
    paper: tuple[int, int, int] = (255, 255, 255)
    ink: int = 20
    bleed: float = 0.0
    shading: float = 0.0
    color: bool = False
    binarize: bool = False

    def describe(self) -> str:
        """One line for the samples README."""
        parts = [f"rotated {self.angle:+.1f}°"]
        if self.blur:
            parts.append(f"blur σ={self.blur:g}px")
        if self.noise:
            parts.append(f"noise σ={self.noise:g}")
        if self.paper != (255, 255, 255):
            parts.append(f"paper {self.paper}")
        if self.bleed:
            parts.append(f"bleed-through {self.bleed:g}")
        if self.shading:
            parts.append(f"uneven light {self.shading:g}")
        parts.append("binarized" if self.binarize else ("RGB" if self.color else "grey"))
        return ", ".join(parts)


def rotation(width: int, height: int, angle: float) -> np.ndarray:
    """The 2x3 affine matrix of the skew (clean page -> scan)."""
    return cv2.getRotationMatrix2D((width / 2.0, height / 2.0), angle, 1.0)


def _smooth_field(shape: tuple[int, int], rng: np.random.Generator, cells: int = 4) -> np.ndarray:
    """Smooth random field in [0, 1] of ``shape`` (bicubic upscaling of a coarse grid)."""
    coarse = rng.random((cells, cells)).astype(np.float32)
    field = cv2.resize(coarse, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    field -= field.min()
    return field / max(float(field.max()), 1e-6)


def _ghost(cover: np.ndarray, a: Aging, dpi: int) -> np.ndarray:
    """Add a faint mirrored, blurred copy of the ink (the page behind showing through)."""
    h, w = cover.shape
    small = cv2.resize(cv2.flip(cover, 1), (w // 4, h // 4), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), dpi / 480)
    # Up again with a small offset: the sheet behind never lines up exactly.
    shift = np.float32([[4, 0, dpi * 0.05], [0, 4, dpi * 0.08]])
    ghost = cv2.warpAffine(small, shift, (w, h), flags=cv2.INTER_LINEAR)
    return np.maximum(cover, a.bleed * ghost)


def age(clean: np.ndarray, a: Aging, dpi: int, rng: np.random.Generator) -> np.ndarray:
    """Apply ``a`` to a clean grey page (255 = paper); returns uint8 grey or RGB."""
    h, w = clean.shape
    cover = (255.0 - clean.astype(np.float32)) / 255.0
    if a.bleed:
        cover = _ghost(cover, a, dpi)
    if a.angle:
        cover = cv2.warpAffine(cover, rotation(w, h, a.angle), (w, h), flags=cv2.INTER_LINEAR, borderValue=0.0)
    if a.blur:
        cover = cv2.GaussianBlur(cover, (0, 0), a.blur)
    light = 1.0 - a.shading * _smooth_field((h, w), rng) if a.shading else np.float32(1.0)
    noise = rng.standard_normal((h, w), dtype=np.float32) * a.noise if a.noise else np.float32(0.0)
    channels = a.paper if a.color else (round(float(np.mean(a.paper))),)
    planes = []
    for paper in channels:
        tone = (paper - cover * (paper - a.ink)) * light + noise
        planes.append(np.clip(tone, 0, 255).astype(np.uint8))
    return np.dstack(planes) if a.color else planes[0]


def binarize(grey: np.ndarray, a: Aging, photo_quads: list[np.ndarray]) -> Image.Image:
    """Bilevel page: a global threshold for text, error diffusion inside photos."""
    paper = float(np.mean(a.paper))
    out = np.where(grey < a.ink + 0.62 * (paper - a.ink), 0, 255).astype(np.uint8)
    if photo_quads:
        mask = np.zeros(grey.shape, np.uint8)
        for quad in photo_quads:
            cv2.fillConvexPoly(mask, quad.astype(np.int32), 1)
        dithered = np.asarray(Image.fromarray(grey).convert("1"), dtype=np.uint8) * 255
        out = np.where(mask > 0, dithered, out)
    return Image.fromarray(out).convert("1", dither=Image.Dither.NONE)

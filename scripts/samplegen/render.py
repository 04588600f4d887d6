"""Paint a laid-out sheet: rules and tints, photographs, then every glyph."""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw

from samplegen.fonts import ASCENT, font
from samplegen.model import Photo, Sheet


def _buildings(img: np.ndarray, horizon: int, rng: np.random.Generator) -> None:
    """Blocks of buildings standing on the horizon, with rows of windows."""
    h, w = img.shape
    x = int(rng.uniform(-0.1, 0.1) * w)
    while x < w:
        bw, bh = int(rng.uniform(0.08, 0.22) * w), int(rng.uniform(0.15, 0.55) * h)
        shade = float(rng.uniform(0.25, 0.6))
        cv2.rectangle(img, (x, horizon - bh), (x + bw, horizon), shade, -1)
        step = max(4, bw // 6)
        for wy in range(horizon - bh + step, horizon - step, step):
            for wx in range(x + step // 2, x + bw - step // 2, step):
                cv2.rectangle(img, (wx, wy), (wx + step // 2, wy + step // 2), shade + 0.15, -1)
        x += bw + int(rng.uniform(0.0, 0.08) * w)


def _figures(img: np.ndarray, horizon: int, rng: np.random.Generator) -> None:
    """Standing people in the foreground: dark bodies with heads."""
    h, w = img.shape
    for _ in range(int(rng.integers(2, 7))):
        cx = int(rng.uniform(0.05, 0.95) * w)
        feet = int(rng.uniform(horizon + 0.1 * h, 1.15 * h))
        tall = int((feet - horizon * 0.6) * rng.uniform(0.6, 0.9))
        bw = max(3, int(tall * 0.16))
        shade = float(rng.uniform(0.05, 0.35))
        cv2.ellipse(img, (cx, feet - tall // 2), (bw, tall // 2 - bw), 0, 0, 360, shade, -1)
        cv2.circle(img, (cx, feet - tall + bw // 2), max(2, int(bw * 0.75)), shade + 0.1, -1)


def photo_texture(width: int, height: int, seed: int) -> np.ndarray:
    """A grey, photo-like picture: sky, buildings, ground, people, grain."""
    rng = np.random.default_rng(seed)
    img = np.linspace(0.85, 0.6, height, dtype=np.float32)[:, None].repeat(width, axis=1)
    coarse = rng.random((4, 5)).astype(np.float32)
    img += (cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC) - 0.5) * 0.2
    horizon = int(height * rng.uniform(0.45, 0.65))
    img[horizon:] = img[horizon:] * 0.75 + rng.normal(0, 0.05, (height - horizon, width)).astype(np.float32)
    if rng.random() < 0.7:
        _buildings(img, horizon, rng)
    _figures(img, horizon, rng)
    img = cv2.GaussianBlur(img, (0, 0), max(0.8, width / 900))
    img += rng.normal(0, 0.035, img.shape).astype(np.float32)
    lo, hi = np.percentile(img, (1, 99))
    img = np.clip((img - lo) / max(float(hi - lo), 1e-6), 0, 1)
    return (25 + img * 205).astype(np.uint8)


def _paste_photo(canvas: Image.Image, photo: Photo) -> None:
    x0, y0, x1, y1 = (round(v) for v in photo.box)
    texture = photo_texture(max(1, x1 - x0), max(1, y1 - y0), photo.seed)
    canvas.paste(Image.fromarray(texture), (x0, y0))


def render(sheet: Sheet) -> np.ndarray:
    """The clean page as a uint8 grey array (255 = paper, 0 = ink)."""
    canvas = Image.new("L", (sheet.width, sheet.height), 255)
    draw = ImageDraw.Draw(canvas)
    for rect in sheet.rects:
        x0, y0, x1, y1 = rect.box
        left, top = round(x0), round(y0)
        draw.rectangle((left, top, max(left, round(x1) - 1), max(top, round(y1) - 1)), fill=rect.value)
    for photo in sheet.photos:
        _paste_photo(canvas, photo)
    for block in sheet.blocks:
        for line in block.lines:
            for g in line.glyphs:
                mask, left, top = glyph_mask(g.face, g.size, g.ch)
                if mask is not None:
                    canvas.paste(line.ink, (round(g.x) + left, round(g.y + ASCENT * g.size) + top), mask)
    return np.asarray(canvas)


@lru_cache(maxsize=8192)
def glyph_mask(face: str, size: int, ch: str) -> tuple[Image.Image | None, int, int]:
    """Coverage of one character and its offset from the baseline origin (rendered once)."""
    left, top, right, bottom = font(face, size).getbbox(ch, anchor="ls")
    if right <= left or bottom <= top:
        return None, 0, 0
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), ch, font=font(face, size), fill=255, anchor="ls")
    return mask, left, top

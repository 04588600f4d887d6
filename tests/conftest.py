"""Shared fixtures: one real OCR engine per test process, and CJK text rendering."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED_REFERENCE = REPO.parent / "shared" / "reference"
SONG = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
HEI = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SC_INDEX = 2  # Simplified Chinese face inside the Noto CJK collections


@pytest.fixture(scope="session")
def engine():
    """The default engine with the shipped models (loaded once per test process)."""
    from pipeline.config import OcrOptions
    from pipeline.engines.registry import create_engine

    return create_engine(OcrOptions(threads=1))


@pytest.fixture(scope="session")
def pipe(engine):
    """A Pipeline sharing the session engine."""
    from pipeline.runner import Pipeline

    return Pipeline(engine=engine)


def cjk_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Song (body) or Hei (headline) face at ``size`` pixels."""
    path = HEI if bold else SONG
    if not Path(path).exists():
        pytest.skip(f"CJK font missing: {path} (apt-get install fonts-noto-cjk)")
    return ImageFont.truetype(path, size, index=SC_INDEX)


def render_lines(
    lines: list[tuple[str, int, int, int, bool]], size: tuple[int, int], background: int = 250
) -> np.ndarray:
    """Render ``(text, x, y, px, bold)`` lines onto a gray page and return it as an array."""
    img = Image.new("L", size, background)
    draw = ImageDraw.Draw(img)
    for text, x, y, px, bold in lines:
        draw.text((x, y), text, font=cjk_font(px, bold), fill=10)
    return np.asarray(img)

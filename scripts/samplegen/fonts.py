"""CJK fonts by typographic role (Song body, Hei headlines) with cached metrics."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype"))

FACES: dict[str, tuple[str, int]] = {
    "song": ("NotoSerifCJK-Regular.ttc", 2),
    "song_bold": ("NotoSerifCJK-Bold.ttc", 2),
    "hei": ("NotoSansCJK-Regular.ttc", 2),
    "hei_bold": ("NotoSansCJK-Bold.ttc", 2),
    "ming": ("arphic/uming.ttc", 0),
    "zenhei": ("wqy/wqy-zenhei.ttc", 0),
}
"""Role -> (file, face index). Index 2 of the Noto CJK collections is the SC face."""

ASCENT = 0.88
"""Baseline offset of the ideographic em box (Noto CJK: ascender 880 of 1000 units)."""


def font_path(face: str) -> Path:
    """Return the file of ``face``; raise FileNotFoundError naming the package to install."""
    name = FACES[face][0]
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(
        f"font {name} not found under {[str(d) for d in FONT_DIRS]}: "
        "install fonts-noto-cjk, fonts-arphic-uming and fonts-wqy-zenhei"
    )


@lru_cache(maxsize=256)
def font(face: str, size: int) -> ImageFont.FreeTypeFont:
    """Load ``face`` at ``size`` pixels (cached per process)."""
    return ImageFont.truetype(str(font_path(face)), size, index=FACES[face][1])


@lru_cache(maxsize=65536)
def advance(face: str, size: int, ch: str) -> float:
    """Horizontal advance of ``ch`` in pixels."""
    return float(font(face, size).getlength(ch))

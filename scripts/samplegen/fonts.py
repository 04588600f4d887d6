"""CJK fonts by typographic role (Song body, Hei headlines, Kai, Ming, calligraphy) with cached metrics."""

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
    "kai": ("arphic/ukai.ttc", 0),
    "wenkai": ("lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),
    "wenkai_bold": ("lxgw-wenkai/LXGWWenKai-Bold.ttf", 0),
    "smiley": ("smiley-sans/SmileySans-Oblique.ttf", 0),
}
"""Role -> (file, face index). Index 2 of the Noto CJK collections is the SC face, index 0 of
the AR PL collections the CN face. ``wenkai`` (LXGW WenKai, a brush-written Kai) stands for
the calligraphic faces of headlines; ``smiley`` (Smiley Sans) is a condensed display face."""

PACKAGES: dict[str, str] = {
    "song": "fonts-noto-cjk",
    "song_bold": "fonts-noto-cjk",
    "hei": "fonts-noto-cjk",
    "hei_bold": "fonts-noto-cjk",
    "ming": "fonts-arphic-uming",
    "kai": "fonts-arphic-ukai",
    "zenhei": "fonts-wqy-zenhei",
    "wenkai": "fonts-lxgw-wenkai",
    "wenkai_bold": "fonts-lxgw-wenkai",
    "smiley": "fonts-smiley-sans",
}
"""Face -> the Debian package that installs its font (``scripts/system_deps.sh``)."""

ASCENT = 0.88
"""Baseline offset of the ideographic em box (Noto CJK: ascender 880 of 1000 units)."""


def font_path(face: str) -> Path:
    """Return the file of ``face``; raise FileNotFoundError naming the package to install."""
    name = FACES[face][0]
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    package = PACKAGES.get(face, "a package providing it")
    raise FileNotFoundError(
        f"font {name} (face {face!r}) not found under {', '.join(str(d) for d in FONT_DIRS)}: "
        f"install {package} (bash scripts/system_deps.sh)"
    )


def missing_faces(faces: list[str] | tuple[str, ...]) -> list[str]:
    """The faces among ``faces`` whose font file is not installed."""
    out = []
    for face in faces:
        try:
            font_path(face)
        except FileNotFoundError:
            out.append(face)
    return out


@lru_cache(maxsize=256)
def font(face: str, size: int) -> ImageFont.FreeTypeFont:
    """Load ``face`` at ``size`` pixels (cached per process)."""
    return ImageFont.truetype(str(font_path(face)), size, index=FACES[face][1])


@lru_cache(maxsize=65536)
def advance(face: str, size: int, ch: str) -> float:
    """Horizontal advance of ``ch`` in pixels."""
    return float(font(face, size).getlength(ch))


@lru_cache(maxsize=16)
def _notdef(face: str) -> bytes:
    """The bitmap a face draws for a character it lacks (its .notdef box)."""
    return bytes(font(face, 32).getmask("\U0010fffd"))


@lru_cache(maxsize=65536)
def has_glyph(face: str, ch: str) -> bool:
    """Whether ``face`` draws ``ch`` itself (not its missing-glyph box)."""
    if ch == " ":
        return True
    return bytes(font(face, 32).getmask(ch)) != _notdef(face)


def covers(face: str, text: str) -> bool:
    """Whether ``face`` has a glyph for every character of ``text``."""
    return all(has_glyph(face, ch) for ch in text)

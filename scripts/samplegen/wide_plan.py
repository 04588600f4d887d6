"""Random typographic choices for wide-family modules, each drawn from the page's generator.

Ranges are stated in body ems. A small module (one or two columns) gets the
small headline of a crowded band: bold Hei, two or three lines, 1.3-1.7 ems,
perhaps staggered, perhaps under a Kai or Song kicker of 1.1-1.3 ems. A lead
module gets 2.2-4 ems in any face, one to four lines; any module may have a
kicker and a subheadline in any face, and a photo on any side.
"""

from __future__ import annotations

import numpy as np

from samplegen.heading import HeadAlign, HeadSpec
from samplegen.wide_module import ModuleSpec, PhotoPlan

HEAD_FACES = ("hei_bold", "hei_bold", "song_bold", "kai", "wenkai_bold", "smiley")
"""Headline faces: bold Hei most often, bold Song, Kai, a calligraphic (brush) face, a display face."""
SMALL_FACES = ("song", "hei", "kai", "wenkai", "song_bold", "hei_bold", "ming")
"""Faces of kickers and subheadlines."""
WIDE_FACES = tuple(sorted(set(HEAD_FACES + SMALL_FACES + ("zenhei",))))
"""Every face a wide-family page may use (checked before a page is made)."""


def _align(rng: np.random.Generator, lines: int) -> HeadAlign:
    if lines == 2 and rng.random() < 0.3:
        return "stagger"
    return str(rng.choice(["left", "center", "center", "right"] if lines > 1 else ["left", "center", "center"]))  # type: ignore[return-value]


def _side(rng: np.random.Generator, scale: tuple[float, float], align: HeadAlign) -> HeadSpec:
    """A kicker or subheadline spec."""
    lo, hi = scale
    simple = "left" if align == "stagger" else align
    return HeadSpec(str(rng.choice(SMALL_FACES)), float(rng.uniform(lo, hi)), 1, simple)


def _photo(rng: np.random.Generator, k: int, give_away: bool = False) -> PhotoPlan:
    cols = k if k <= 2 and not give_away else int(rng.integers(1, max(2, k)))
    return PhotoPlan(
        cols=max(1, cols),
        side="right" if give_away else str(rng.choice(["left", "right", "center"])),  # type: ignore[arg-type]
        at="top" if give_away or rng.random() < 0.7 else "bottom",
        ratio=float(rng.uniform(0.5, 0.85)),
        caption="below" if give_away or rng.random() < 0.75 else "above",
        seed=int(rng.integers(1 << 30)),
        give_away=give_away,
    )


def _byline(rng: np.random.Generator) -> str:
    return str(rng.choice(["none", "header", "start", "end", "end"]))


def small_spec(rng: np.random.Generator, k: int, rules: bool) -> tuple[ModuleSpec, int, bool, bool]:
    """A one- or two-column module of a crowded band; also its headline parts, kicker and subheadline flags."""
    lines = int(rng.choice([2, 2, 3, 1]))
    head = HeadSpec("hei_bold" if rng.random() < 0.8 else str(rng.choice(HEAD_FACES)), float(rng.uniform(1.3, 1.7)),
                    lines, _align(rng, lines))  # fmt: skip
    kicker = _side(rng, (1.1, 1.3), head.align) if rng.random() < 0.3 else None
    sub = _side(rng, (1.05, 1.25), head.align) if rng.random() < 0.15 else None
    photo = _photo(rng, k) if rng.random() < 0.25 else None
    spec = ModuleSpec(
        k, head, kicker, sub, _byline(rng), photo, col_rules=rules, caption_face=str(rng.choice(["hei", "kai", "song"]))
    )
    return spec, lines, kicker is not None, sub is not None


def lead_spec(
    rng: np.random.Generator, k: int, rules: bool, photo: bool = True, give_away: bool = False
) -> tuple[ModuleSpec, int, bool, bool]:
    """A module of three or more columns: a big headline in any face, set in 1-4 lines."""
    lines = int(rng.choice([1, 1, 2, 2, 3, 4]))
    scale = float(rng.uniform(2.2, 4.0)) if rng.random() < 0.8 else float(rng.uniform(1.2, 2.2))
    head = HeadSpec(str(rng.choice(HEAD_FACES)), scale, lines, _align(rng, lines), float(rng.uniform(1.1, 1.3)))
    kicker = _side(rng, (1.1, 1.8), head.align) if rng.random() < 0.5 else None
    sub = _side(rng, (1.1, 1.7), head.align) if rng.random() < 0.5 else None
    ncols = k - 1 if k >= 4 and rng.random() < 0.35 else k
    plan = _photo(rng, ncols, give_away) if give_away or (photo and rng.random() < 0.7) else None
    spec = ModuleSpec(ncols, head, kicker, sub, _byline(rng), plan, col_rules=rules,
                      caption_face=str(rng.choice(["hei", "kai", "song", "ming"])))  # fmt: skip
    return spec, lines, kicker is not None, sub is not None


def sidebar_spec(rng: np.random.Generator, k: int) -> tuple[ModuleSpec, int, bool, bool]:
    """A boxed sidebar: a framed (perhaps tinted) module with a modest headline."""
    lines = int(rng.choice([1, 2]))
    head = HeadSpec(str(rng.choice(HEAD_FACES)), float(rng.uniform(1.3, 2.2)), lines, _align(rng, lines))
    kicker = _side(rng, (1.1, 1.3), head.align) if rng.random() < 0.3 else None
    tint = int(rng.choice([255, 245, 235]))
    return (
        ModuleSpec(max(1, k), head, kicker, None, _byline(rng), None, boxed=True, tint=tint),
        lines,
        kicker is not None,
        False,
    )

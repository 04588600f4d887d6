"""Headings: a kicker (引题) over the headline, the headline in 1-3 lines, a subheadline (副题).

Sizes are multiples of the body size: a headline 1.2-4 body ems (small modules
1.3-2.2), shrunk until its longest line fits the module's measure, so a narrow
module's headline ends up smaller than planned; kickers and subheadlines 1.05-1.7
ems. Lines are centred, flush left, or staggered (the first line flush left, the
second flush right), and the browser breaks a line that is still too long. A
kicker or subheadline is never set above 0.8 of its headline's size.
"""

from __future__ import annotations

import numpy as np
from samplegen.corpus import ArticleText

from htmlgen import faces
from htmlgen.tags import el, leaf


def _font(face: tuple[str, int], size: float) -> str:
    return f"font-family:{face[0]};font-weight:{face[1]};font-size:{size:.1f}px;"


def headline_size(rng: np.random.Generator, parts: list[str], body: float, width: float, k: int) -> float:
    """The headline's type size in CSS pixels."""
    lo, hi = (1.3, 2.2) if k <= 2 else (1.8, 4.0)
    size = body * float(rng.uniform(lo, hi))
    longest = max(len(p) for p in parts)
    return max(1.2 * body, min(size, 0.94 * width / max(1, longest)))


def headline(rng: np.random.Generator, art: ArticleText, key: str, body: float, size: float) -> str:
    """The headline's lines at ``size`` CSS pixels, each a leaf of the one headline block."""
    parts = art.headline.split(" ")
    face = faces.HEADLINE[int(rng.integers(len(faces.HEADLINE)))]
    align = str(rng.choice(["center", "center", "left", "stagger"] if len(parts) == 2 else ["center", "left"]))
    lines = []
    for i, part in enumerate(parts):
        side = align if align != "stagger" else ("left" if i == 0 else "right")
        lines.append(leaf("div", part, "headline", key, key.split("-")[0], style=f"text-align:{side};"))
    gap = f"{float(rng.uniform(0.15, 0.5)) * body:.1f}px"
    style = _font(face, size) + f"line-height:1.18;margin:{gap} 0;"
    return el("div", "".join(lines), "headline", style)


def side_line(rng: np.random.Generator, text: str, kind: str, key: str, body: float, align: str, top: float) -> str:
    """A kicker or subheadline: one element in a smaller face, at most 0.8 of the headline's size ``top``."""
    face = faces.SMALL[int(rng.integers(len(faces.SMALL)))]
    size = max(body, min(body * float(rng.uniform(1.05, 1.7)), 0.8 * top))
    style = _font(face, size) + f"line-height:1.25;text-align:{align};"
    return leaf("div", text, kind, key, key.split("-")[0], style=style)


def heading(rng: np.random.Generator, art: ArticleText, aid: str, body: float, width: float, k: int) -> str:
    """Kicker, headline and subheadline of article ``aid``."""
    align = str(rng.choice(["center", "left"]))
    size = headline_size(rng, art.headline.split(" "), body, width, k)
    out = []
    if art.kicker:
        out.append(side_line(rng, art.kicker, "kicker", f"{aid}-kicker", body, align, size))
    out.append(headline(rng, art, f"{aid}-headline", body, size))
    if art.subheadline:
        out.append(side_line(rng, art.subheadline, "subheadline", f"{aid}-sub", body, align, size))
    return el("div", "".join(out), "heading", f"flex:none;margin-bottom:{0.4 * body:.1f}px;")

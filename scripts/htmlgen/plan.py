"""What one browser-set page holds, drawn from its seed: size, type, grid and modules.

Sizes are CSS pixels (96 to the inch) and points; the browser sets the page and
the screenshot's device scale factor turns CSS pixels into scan pixels at the
page's dpi. The grid has 4-9 columns and twelve row units; modules are cut from
it like a paste-up (none under three row units tall): the page is split across (into bands) or along (into column
groups) again and again, and every piece left is one module spanning whole grid
columns and rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from htmlgen import faces

CSS_DPI = 96
ROWS = 12
"""Row units of a full page's grid (a half page has seven)."""
MIN_ROWS = 3
"""Fewest row units of a module: room for a heading and a few inches of text."""


@dataclass(frozen=True)
class Module:
    """A module on the grid: columns ``c0`` .. ``c0 + k``, rows ``r0`` .. ``r0 + h``, and its kind."""

    kind: str
    c0: int
    k: int
    r0: int
    h: int


@dataclass
class PagePlan:
    """The page's size and type scale, its grid and its modules."""

    seed: int
    dpi: int
    width: int
    height: int
    margin: int
    ncols: int
    body_pt: float
    leading: float
    body_face: str
    rules: bool
    rows: int = ROWS
    modules: list[Module] = field(default_factory=list)

    @property
    def scale(self) -> float:
        """Device scale factor: scan pixels per CSS pixel."""
        return self.dpi / CSS_DPI


def _cut(rng: np.random.Generator, c0: int, k: int, r0: int, h: int, depth: int) -> list[tuple[int, int, int, int]]:
    """Guillotine cuts of the rectangle into module rectangles."""
    area = k * h
    if depth > 0 and (area <= 6 or rng.random() < 0.12 * depth):
        return [(c0, k, r0, h)]
    across = h >= 2 * MIN_ROWS and (k < 2 or rng.random() < (0.75 if depth == 0 else 0.4))
    if across:
        at = int(rng.integers(MIN_ROWS, h - MIN_ROWS + 1))
        return _cut(rng, c0, k, r0, at, depth + 1) + _cut(rng, c0, k, r0 + at, h - at, depth + 1)
    if k < 2:
        return [(c0, k, r0, h)]
    at = int(rng.integers(1, k))
    return _cut(rng, c0, at, r0, h, depth + 1) + _cut(rng, c0 + at, k - at, r0, h, depth + 1)


def _kind(rng: np.random.Generator, k: int, h: int, bottom: bool, used: dict[str, int]) -> str:
    """What goes in a module of ``k`` columns and ``h`` rows."""
    draws = [("article", 6.0), ("photo_article", 2.5), ("sidebar", 1.0 if k <= 4 else 0.0)]
    draws += [("photo_news", 1.0 if h >= 2 and k >= 2 else 0.3)]
    if used.get("display", 0) < 2:
        draws += [("display", 1.2 if bottom else 0.4)]
    if used.get("classified", 0) < 1 and k >= 2 and h >= 2:
        draws += [("classified", 1.5 if bottom else 0.3)]
    names, weights = zip(*draws, strict=True)
    p = np.array(weights) / sum(weights)
    kind = str(rng.choice(list(names), p=p))
    used[kind] = used.get(kind, 0) + 1
    return kind


def plan_page(seed: int) -> PagePlan:
    """The plan of the page of ``seed``: a broadsheet or a half page at 200 or 300 dpi."""
    rng = np.random.default_rng(seed)
    dpi = int(rng.choice([200, 200, 300]))
    width_in = float(rng.uniform(11.8, 13.2))
    height_in = float(rng.uniform(17.0, 18.8))
    half = bool(rng.random() < 0.3)
    if half:
        height_in *= float(rng.uniform(0.5, 0.6))
    body_pt = float(np.round(rng.uniform(9.0, 11.0), 1))
    plan = PagePlan(
        seed=seed,
        dpi=dpi,
        width=round(width_in * CSS_DPI),
        height=round(height_in * CSS_DPI),
        margin=round(float(rng.uniform(0.35, 0.6)) * CSS_DPI),
        ncols=int(rng.integers(4, 10)),
        body_pt=body_pt,
        leading=float(np.round(rng.uniform(1.35, 1.65), 2)),
        body_face=str(rng.choice(faces.BODY)),
        rules=bool(rng.random() < 0.55),
        rows=7 if half else ROWS,
    )
    used: dict[str, int] = {}
    for c0, k, r0, h in _cut(rng, 0, plan.ncols, 0, plan.rows, 0):
        plan.modules.append(Module(_kind(rng, k, h, r0 + h == plan.rows, used), c0, k, r0, h))
    return plan

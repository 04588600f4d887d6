"""Page furniture: the header band (paper, date, page number) and boxed advertisements."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from samplegen.corpus import AdRole, AdText
from samplegen.model import Grid, LaidBlock, Rect, Style, union
from samplegen.typeset import TypeLine, set_line, tokens, width_of

AD_SCALE: dict[AdRole, float] = {"title": 3.4, "big": 2.0, "mid": 1.35, "small": 0.9}
AD_FACE: dict[AdRole, str] = {"title": "hei_bold", "big": "hei_bold", "mid": "hei", "small": "hei"}


@dataclass(frozen=True)
class PaperInfo:
    """What the page header prints."""

    name: str
    date: str
    page: str
    section: str
    editor: str


def page_header(
    paper: PaperInfo, x0: float, x1: float, top: float, style: Style
) -> tuple[LaidBlock, list[Rect], float]:
    """Paper name left, section centre, date and page right, thick rule below."""
    body, width = style.body, x1 - x0
    name_size = round(body * 2.4)
    y_base = top + name_size
    name = set_line(tokens(paper.name, "song_bold", name_size), x0, top, width, "left")
    sec_size = round(body * 1.7)
    section = set_line(tokens(paper.section, "hei_bold", sec_size), x0, y_base - sec_size, width, "center")
    small = round(body * 0.95)
    right = [
        set_line(tokens(f"{paper.date} {paper.page}", "hei", small), x0, y_base - 2.3 * small, width, "right"),
        set_line(tokens(paper.editor, "hei", small), x0, y_base - small, width, "right"),
    ]
    lines = [name, section, *right]
    thick = max(3, round(body * 0.22))
    y = y_base + 0.35 * body
    rects = [
        Rect((x0, y, x1, y + thick)),
        Rect((x0, y + thick + 0.15 * body, x1, y + thick + 0.15 * body + style.rule)),
    ]
    bottom = rects[-1].box[3]
    block = LaidBlock("page_header", union([ln.box for ln in lines] + [r.box for r in rects]), lines, [])
    return block, rects, bottom


def _fit_size(text: str, face: str, size: int, width: float) -> int:
    """Shrink ``size`` until ``text`` fits ``width`` on one line."""
    while size > 8 and width_of(tokens(text, face, size, 0.6)) > width:
        size = int(size * 0.94)
    return size


def _ad_sizes(ad: AdText, body: int, width: float, height: float) -> tuple[list[tuple[AdRole, str, int]], float]:
    """Type sizes that fit the box: shrink together, then drop small lines from the end."""
    lines = [
        (role, text, _fit_size(text, AD_FACE[role], round(body * AD_SCALE[role]), width)) for role, text in ad.lines
    ]
    while True:
        total = sum(s * 1.3 for _, _, s in lines)
        scale = min(1.0, height / total) if total else 1.0
        if all(s * scale >= body * 0.7 for _, _, s in lines) or len(lines) <= 2:
            return [(r, t, max(8, int(s * scale))) for r, t, s in lines], scale
        for role in ("small", "mid", "big"):
            found = [i for i, (r, _, _) in enumerate(lines) if r == role]
            if found:
                lines.pop(found[-1])
                break
        else:
            lines.pop()


def advertisement(
    ad: AdText, box: tuple[float, float, float, float], style: Style, rng: np.random.Generator, cols: list[int]
) -> tuple[LaidBlock, list[Rect]]:
    """A boxed ad filling ``box``: border, optional tint and dark title band, centred lines."""
    x0, y0, x1, y1 = box
    border = max(2, round(style.body * rng.uniform(0.08, 0.18)))
    pad = style.body * 0.9
    rects = [
        Rect(box, 0),
        Rect((x0 + border, y0 + border, x1 - border, y1 - border), int(rng.choice([255, 255, 238, 226]))),
    ]
    if rng.random() < 0.35:
        inner = border + round(style.body * 0.25)
        rects += [Rect((x0 + inner, y0 + inner, x1 - inner, y1 - inner), 0)]
        rects += [
            Rect(
                (x0 + inner + style.rule, y0 + inner + style.rule, x1 - inner - style.rule, y1 - inner - style.rule),
                rects[1].value,
            )
        ]
    ix0, iy0, ix1, iy1 = x0 + border + pad, y0 + border + pad, x1 - border - pad, y1 - border - pad
    sized, _ = _ad_sizes(ad, style.body, ix1 - ix0, iy1 - iy0)
    band = rng.random() < 0.35
    gap = (iy1 - iy0 - sum(s for _, _, s in sized)) / (len(sized) + 1)
    lines: list[TypeLine] = []
    y = iy0 + gap
    for role, text, size in sized:
        ink = 0
        if band and role == "title":
            rects.append(Rect((x0 + border, y - gap * 0.4, x1 - border, y + size + gap * 0.4), 40))
            ink = 255
        lines.append(set_line(tokens(text, AD_FACE[role], size, 0.6), ix0, y, ix1 - ix0, "center", ink))
        y += size + gap
    return LaidBlock("advertisement", box, lines, cols), rects


def ad_boxes(
    grid: Grid, top: float, bottom: float, count: int, rng: np.random.Generator
) -> list[tuple[int, int, tuple[float, float, float, float]]]:
    """Split the grid's width into ``count`` side-by-side ad modules: (c0, k, box)."""
    if count == 1 or grid.n < 4:
        x0, x1 = grid.span(0, grid.n)
        return [(0, grid.n, (x0, top, x1, bottom))]
    k0 = int(rng.integers(2, grid.n - 1))
    out = []
    for c0, k in ((0, k0), (k0, grid.n - k0)):
        x0, x1 = grid.span(c0, k)
        out.append((c0, k, (x0, top, x1, bottom)))
    return out

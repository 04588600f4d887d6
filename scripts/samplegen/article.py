"""Lay out one article as a module of ``k`` columns: heading, photo, flowing body.

The heading spans all columns; the body runs top to bottom in a column, then
into the next column to the right, breaking mid-sentence where a column ends.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

import numpy as np

from samplegen.corpus import ArticleText
from samplegen.model import LaidBlock, Style, text_block
from samplegen.typeset import (
    Align,
    Token,
    TypeLine,
    break_words,
    fit_heading,
    set_line,
    set_paragraph,
    tokens,
)

BylineMode = Literal["none", "start_header", "start_column", "end_left", "end_right", "inline"]
ItemKind = Literal["body", "subhead", "byline"]


@dataclass(frozen=True)
class ModulePlan:
    """Typographic choices for one article, drawn once per page."""

    headline_scale: float = 3.0
    kicker_scale: float = 1.5
    align: Align = "center"
    photo_cols: int = 0
    photo_side: Literal["left", "right"] = "right"
    photo_ratio: float = 0.7
    photo_seed: int = 0
    byline_mode: BylineMode = "none"
    subhead_align: Align = "left"


def random_plan(art: ArticleText, rng: np.random.Generator, lead: bool) -> ModulePlan:
    """Draw a plan; the lead article of a page gets the biggest headline and a photo."""
    modes: dict[str | None, list[BylineMode]] = {
        "start": ["start_header", "start_column"],
        "end": ["end_right", "end_left"],
        "inline": ["inline"],
    }
    byline = rng.choice(modes.get(art.byline_at, ["none"])) if art.byline else "none"
    wants_photo = bool(art.captions) and rng.random() < (0.9 if lead else 0.6)
    return ModulePlan(
        headline_scale=float(rng.uniform(3.8, 5.0) if lead else rng.uniform(2.6, 3.6)),
        kicker_scale=float(rng.uniform(1.3, 1.8)),
        align="center" if rng.random() < 0.6 else "left",
        photo_cols=int(rng.integers(2 if lead else 1, 4)) if wants_photo else 0,
        photo_side="right" if rng.random() < 0.6 else "left",
        photo_ratio=float(rng.uniform(0.55, 0.8)),
        photo_seed=int(rng.integers(1 << 30)),
        byline_mode=str(byline),  # type: ignore[arg-type]
        subhead_align="left" if rng.random() < 0.5 else "center",
    )


@dataclass(frozen=True)
class FlowItem:
    """A unit of the body flow: lines relative to (column left, item top)."""

    kind: ItemKind
    lines: tuple[TypeLine, ...]
    height: float
    side: tuple[TypeLine, ...] = ()


def _sizes(body: int, hi: float, lo: float) -> list[int]:
    """Candidate type sizes from ``hi`` to ``lo`` times the body size, descending."""
    scales = np.arange(hi, lo - 1e-9, -0.1)
    return sorted({round(body * s) for s in scales} | {round(body * lo)}, reverse=True)


def _heading(
    text: str, face: str, sizes: list[int], x0: float, width: float, y: float, align: Align
) -> tuple[list[TypeLine], float]:
    size, rows = fit_heading(text, face, sizes, width)
    pitch = size * 1.18
    lines = [set_line(row, x0, y + i * pitch, width, align) for i, row in enumerate(rows)]
    return lines, y + len(rows) * pitch - (pitch - size)


def header_blocks(
    art: ArticleText, x0: float, x1: float, top: float, style: Style, plan: ModulePlan, cols: list[int]
) -> tuple[list[LaidBlock], float]:
    """Kicker, headline, subheadline and a byline under them; returns the bottom y."""
    width, body = x1 - x0, style.body
    blocks: list[LaidBlock] = []
    y = top + 0.15 * style.leading
    if art.kicker:
        lines, y = _heading(
            art.kicker, style.kicker_face, _sizes(body, plan.kicker_scale, 1.2), x0, width, y, plan.align
        )
        blocks.append(text_block("kicker", lines, cols))
        y += 0.35 * lines[0].glyphs[0].size
    lines, y = _heading(
        art.headline, style.headline_face, _sizes(body, plan.headline_scale, 2.5), x0, width, y, plan.align
    )
    blocks.append(text_block("headline", lines, cols))
    if art.subheadline:
        y += 0.3 * style.leading
        sub = _sizes(body, max(1.3, plan.kicker_scale * 0.9), 1.2)
        lines, y = _heading(art.subheadline, style.kicker_face, sub, x0, width, y, plan.align)
        blocks.append(text_block("subheadline", lines, cols))
    if art.byline and plan.byline_mode == "start_header":
        y += 0.4 * style.leading
        line = set_line(tokens(art.byline, "hei", body), x0, y, width, "right" if plan.align == "center" else "left")
        blocks.append(text_block("byline", [line], cols))
        y += body
    return blocks, y + 0.7 * style.leading


def _at(line: TypeLine, y: float) -> TypeLine:
    return line.shifted(0.0, y - line.box[1])


def _byline_item(
    text: str, col_w: float, style: Style, align: Align, indent: float = 0.0, extra: float = 0.0
) -> FlowItem:
    """A byline in the body flow, wrapped at the spaces between names when too wide."""
    off = (style.leading - style.body) / 2
    rows = break_words(text, "hei", style.body, col_w - indent)
    lines = tuple(set_line(r, indent, off + i * style.leading, col_w - indent, align) for i, r in enumerate(rows))
    return FlowItem("byline", lines, len(rows) * style.leading + extra)


def _subhead_item(text: str, col_w: float, style: Style, align: Align) -> FlowItem:
    rows = break_words(text, "hei_bold", style.body, col_w)
    top = 0.5 * style.leading + (style.leading - style.body) / 2
    lines = tuple(set_line(r, 0.0, top + i * style.leading, col_w, align) for i, r in enumerate(rows))
    return FlowItem("subhead", lines, 0.75 * style.leading + len(rows) * style.leading)


def paragraph_lines(art: ArticleText, index: int, text: str, col_w: float, style: Style) -> list[TypeLine]:
    """Paragraph ``index`` of ``art`` set as ``text``: indented two ems, the first led by its bold dateline."""
    body = style.body
    toks: list[Token] = []
    if index == 0 and art.dateline:
        toks = tokens(art.dateline, "hei_bold", body, space_em=0.5)
        if not art.dateline.endswith("）"):
            toks.append(Token(" ", "hei_bold", body, float(body)))
    toks += tokens(text, "song", body)
    return set_paragraph(toks, col_w, style.leading, indent=2.0 * body)


def _paragraph_items(art: ArticleText, index: int, col_w: float, style: Style) -> list[FlowItem]:
    body = style.body
    off = (style.leading - body) / 2
    lines = paragraph_lines(art, index, art.paragraphs[index], col_w, style)
    return [FlowItem("body", (_at(ln, off),), style.leading) for ln in lines]


def _inline_byline(last: FlowItem, text: str, col_w: float, style: Style) -> FlowItem | None:
    toks = tokens(text, "hei", style.body)
    line = last.lines[0]
    if line.box[2] + style.body + sum(t.width for t in toks) > col_w:
        return None
    side = set_line(toks, 0.0, line.box[1], col_w, "right")
    return replace(last, side=(side,))


@lru_cache(maxsize=512)
def flow_items(art: ArticleText, col_w: float, style: Style, plan: ModulePlan) -> tuple[FlowItem, ...]:
    """The body as a sequence of flow items: lines, subheads and bylines."""
    items: list[FlowItem] = []
    mode = plan.byline_mode if art.byline else "none"
    if mode == "start_column":
        items.append(_byline_item(art.byline or "", col_w, style, "left", extra=style.leading * 0.3))
    for i in range(len(art.paragraphs)):
        for sub in art.subheads:
            if sub.before_paragraph == i:
                items.append(_subhead_item(sub.text, col_w, style, plan.subhead_align))
        items += _paragraph_items(art, i, col_w, style)
    if mode == "inline":
        merged = _inline_byline(items[-1], art.byline or "", col_w, style)
        if merged is not None:
            items[-1] = merged
        else:
            mode = "end_right"
    if mode in ("end_left", "end_right"):
        align: Align = "right" if mode == "end_right" else "left"
        indent = 2.0 * style.body if align == "left" else 0.0
        items.append(_byline_item(art.byline or "", col_w, style, align, indent))
    return tuple(items)


Segment = tuple[int, float]
"""A column's local index and the top y where body text may start in it."""
Placement = tuple[FlowItem, int, float]
"""An item, the column it landed in, and its top y."""


def pour(items: tuple[FlowItem, ...], segs: list[Segment], bottom: float) -> list[Placement] | None:
    """Fill the columns in order down to ``bottom``; None if the text does not fit."""
    out: list[Placement] = []
    s, y = 0, segs[0][1]
    for idx, item in enumerate(items):
        need = item.height
        if item.kind == "subhead" and idx + 1 < len(items):
            need += items[idx + 1].height
        while y + need > bottom + 1e-6:
            s += 1
            if s >= len(segs):
                return None
            y = segs[s][1]
        out.append((item, s, y))
        y += item.height
    return out


def min_bottom(items: tuple[FlowItem, ...], segs: list[Segment]) -> float:
    """Smallest integer bottom y at which all items fit (binary search)."""
    lo = int(min(t for _, t in segs))
    hi = int(max(t for _, t in segs) + sum(i.height for i in items)) + 2
    while lo < hi:
        mid = (lo + hi) // 2
        if pour(items, segs, mid) is None:
            lo = mid + 1
        else:
            hi = mid
    return float(lo)

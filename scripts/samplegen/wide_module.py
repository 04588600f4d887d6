"""An article module of the wide family: a heading over a box of columns, a photo, text filling the box.

The module's box is given (its band decides it). The heading (kicker, headline,
subheadline, perhaps a byline) spans the box; under it the body runs in
``ncols`` columns of whole characters, top to bottom and left to right. A photo
spans some of the columns at the top or the foot of the body, on either side or
centred, its caption above or below it. With ``give_away`` the columns under a
top photo carry none of this article's text: a neighbour runs there (the article
is L-shaped). A boxed module (a sidebar) has a frame and, perhaps, a tint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from samplegen.corpus import ArticleText
from samplegen.heading import HeadSpec, printed, set_heading
from samplegen.model import ArticleLayout, LaidBlock, Photo, Rect, Style, text_block
from samplegen.typeset import TypeLine, break_lines, break_words, set_line, tokens
from samplegen.wide_text import Row, fill_text

Box = tuple[float, float, float, float]
Register = Callable[[float, float, float, float], int]
"""Gives the page column id of a text column (x0, x1, top, bottom)."""


@dataclass(frozen=True)
class PhotoPlan:
    """Where a module's photo goes and how big it is."""

    cols: int
    side: Literal["left", "right", "center"] = "right"
    at: Literal["top", "bottom"] = "top"
    ratio: float = 0.7
    caption: Literal["above", "below"] = "below"
    seed: int = 0
    give_away: bool = False


@dataclass(frozen=True)
class ModuleSpec:
    """Typographic choices for one article module."""

    ncols: int
    headline: HeadSpec
    kicker: HeadSpec | None = None
    sub: HeadSpec | None = None
    byline: Literal["none", "header", "start", "end"] = "none"
    photo: PhotoPlan | None = None
    boxed: bool = False
    tint: int = 255
    col_rules: bool = False
    caption_face: str = "hei"


@dataclass
class Composed:
    """A laid-out module and, for an L-shape, the room under its photo left to a neighbour."""

    layout: ArticleLayout
    freed: Box | None = None


def caption_lines(text: str, face: str, size: int, x0: float, width: float, y: float) -> list[TypeLine]:
    """A caption set justified in ``width`` from ``y`` (its last line flush left)."""
    rows = break_lines(tokens(text, face, size), width)
    pitch = size * 1.35
    last = len(rows) - 1
    return [set_line(r, x0, y + i * pitch, width, "left" if i == last else "justify") for i, r in enumerate(rows)]


def columns_of(x0: float, x1: float, n: int, body: int, gutter: float) -> tuple[list[float], float]:
    """Left edges and width of ``n`` columns of whole characters in [x0, x1]."""
    col_w = body * int((x1 - x0 - (n - 1) * gutter) / n // body)
    gap = (x1 - x0 - n * col_w) / (n - 1) if n > 1 else 0.0
    return [x0 + i * (col_w + gap) for i in range(n)], float(col_w)


class WideComposer:
    """Lays out one article in ``box``; ``compose()`` returns None when its text cannot fit."""

    def __init__(self, art: ArticleText, box: Box, spec: ModuleSpec, style: Style, register: Register):
        self.art, self.spec, self.style, self.register = art, spec, style, register
        self.rects: list[Rect] = []
        self.box = self._frame(box) if spec.boxed else box

    def _frame(self, box: Box) -> Box:
        """Draw a sidebar's frame; returns the box inside it."""
        x0, y0, x1, y1 = box
        line = max(2, round(self.style.body * 0.08))
        self.rects += [Rect(box, 0), Rect((x0 + line, y0 + line, x1 - line, y1 - line), self.spec.tint)]
        pad = line + 0.7 * self.style.body
        return x0 + pad, y0 + pad, x1 - pad, y1 - pad

    def _heading(self) -> tuple[list[LaidBlock], dict[str, str | None], float]:
        """Kicker, headline, subheadline and a header byline; their printed texts; the body top."""
        x0, top, x1, _ = self.box
        body, spec, art = self.style.body, self.spec, self.art
        blocks: list[LaidBlock] = []
        texts: dict[str, str | None] = {"kicker": None, "subheadline": None}
        y = top
        parts = [("kicker", art.kicker, spec.kicker), ("headline", art.headline, spec.headline)]
        parts.append(("subheadline", art.subheadline, spec.sub))
        for kind, text, head in parts:
            if text is None or head is None:
                continue
            lines, bottom = set_heading(text, head, body, x0, x1 - x0, y)
            blocks.append(text_block(kind, lines, []))  # type: ignore[arg-type]
            texts[kind] = printed(lines)
            y = bottom + (0.45 if kind == "headline" else 0.3) * lines[0].glyphs[0].size
        if art.byline and spec.byline == "header":
            align = "right" if spec.headline.align == "center" else "left"
            rows = break_words(art.byline, "hei", body, x1 - x0)
            lines = [set_line(r, x0, y + i * self.style.leading, x1 - x0, align) for i, r in enumerate(rows)]
            blocks.append(text_block("byline", lines, []))
            y = lines[-1].box[3] + 0.3 * self.style.leading
        return blocks, texts, y + 0.5 * self.style.leading

    def _photo(self, lefts: list[float], col_w: float, body_top: float) -> tuple[list[LaidBlock], Photo, Box, range]:
        """Image and caption blocks, the photo, the area they take and the columns they cover."""
        plan, style = self.spec.photo, self.style
        assert plan is not None
        n = len(lefts)
        p = min(plan.cols, n)
        c0 = {"left": 0, "right": n - p, "center": (n - p) // 2}[plan.side]
        px0, px1 = lefts[c0], lefts[c0 + p - 1] + col_w
        size = round(style.body * 0.85)
        cap = caption_lines(self.art.captions[0], self.spec.caption_face, size, px0, px1 - px0, 0.0)
        cap_h = cap[-1].box[3] + 0.35 * style.leading
        room = self.box[3] - body_top - cap_h
        share = 0.4 if plan.give_away else 0.6  # an L-shape leaves its neighbour most of the height
        photo_h = min(max(4 * style.leading, (px1 - px0) * plan.ratio), share * room)
        top = body_top if plan.at == "top" else self.box[3] - photo_h - cap_h
        if plan.caption == "above":
            cap = [ln.shifted(0, top) for ln in cap]
            pbox = (px0, top + cap_h, px1, top + cap_h + photo_h)
        else:
            pbox = (px0, top, px1, top + photo_h)
            cap = [ln.shifted(0, pbox[3] + 0.35 * style.leading) for ln in cap]
        area = (px0, top, px1, top + photo_h + cap_h)
        blocks = [LaidBlock("image", pbox, [], []), text_block("caption", cap, [])]
        return blocks, Photo(pbox, plan.seed), area, range(c0, c0 + p)

    def compose(self) -> Composed | None:
        """The module laid out, or None if no whole sentence fits or the photo crowds the text out."""
        style, spec = self.style, self.spec
        x0, _, x1, bottom = self.box
        try:
            head, texts, body_top = self._heading()
        except ValueError:  # a heading too long for the measure even in many lines
            return None
        lefts, col_w = columns_of(x0, x1, spec.ncols, style.body, 1.2 * style.body)
        tops, bottoms = [body_top] * spec.ncols, [bottom] * spec.ncols
        extra: list[LaidBlock] = []
        photos: list[Photo] = []
        freed: Box | None = None
        covered: range = range(0)
        if spec.photo and self.art.captions:
            extra, photo, area, covered = self._photo(lefts, col_w, body_top)
            photos.append(photo)
            for c in covered:
                if spec.photo.at == "top":
                    tops[c] = area[3] + 0.6 * style.leading
                else:
                    bottoms[c] = area[1] - 0.6 * style.leading
            if spec.photo.give_away and spec.photo.at == "top":
                freed = (area[0], area[3] + 0.9 * style.leading, area[2], bottom)
                for c in covered:
                    bottoms[c] = tops[c]
        caps = [max(0, int((b - t - style.body) // style.leading) + 1) for t, b in zip(tops, bottoms, strict=True)]
        open_cols = [caps[c] for c in range(spec.ncols) if c not in covered]
        if sum(caps) < 3 or (freed and sum(caps) < 6) or (open_cols and min(open_cols) < 5):
            return None  # a heading or photo that leaves a column only a few lines is set otherwise
        fitted = fill_text(self.art, col_w, sum(caps), style, spec.byline)
        if fitted is None:
            return None
        art, rows = fitted
        art = replace(art, headline=texts.get("headline") or art.headline, kicker=texts["kicker"])
        art = replace(art, subheadline=texts["subheadline"])
        blocks, ids = self._place(rows, lefts, col_w, tops, caps)
        for b in head + extra:
            b.columns = list(ids)
        every = head + blocks + extra
        self._rules(lefts, col_w, tops, bottoms, caps, rows)
        layout = ArticleLayout(art, every, ids, max(b.box[3] for b in every), self.rects, photos)
        return Composed(layout, freed)

    def _place(
        self, rows: list[Row], lefts: list[float], col_w: float, tops: list[float], caps: list[int]
    ) -> tuple[list[LaidBlock], list[int]]:
        """Pour rows down the columns: one body block per column run, bylines apart; the column ids used."""
        blocks: list[LaidBlock] = []
        ids: list[int] = []
        lead, at = self.style.leading, 0
        for c, cap in enumerate(caps):
            chunk = rows[at : at + cap]
            at += cap
            if not chunk:
                continue
            cid = self.register(
                lefts[c], lefts[c] + col_w, tops[c], tops[c] + (len(chunk) - 1) * lead + self.style.body
            )
            ids.append(cid)
            run: list[TypeLine] = []
            kind = chunk[0].kind
            for i, row in enumerate(chunk):
                if row.kind != kind:
                    blocks.append(text_block(kind, run, [cid]))  # type: ignore[arg-type]
                    run, kind = [], row.kind
                run.append(row.line.shifted(lefts[c], tops[c] + i * lead - row.line.box[1]))
            blocks.append(text_block(kind, run, [cid]))  # type: ignore[arg-type]
        return blocks, ids

    def _rules(self, lefts, col_w, tops, bottoms, caps, rows) -> None:
        """Thin rules in the gutters between columns that both carry text."""
        if not self.spec.col_rules or len(lefts) < 2:
            return
        filled, at = [], 0
        for cap in caps:
            filled.append(at < len(rows) and cap > 0)
            at += cap
        rule = self.style.rule
        for j in range(len(lefts) - 1):
            if filled[j] and filled[j + 1]:
                x = (lefts[j] + col_w + lefts[j + 1]) / 2 - rule / 2
                self.rects.append(Rect((x, max(tops[j], tops[j + 1]), x + rule, min(bottoms[j], bottoms[j + 1]))))

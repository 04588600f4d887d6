"""The wide family of pages: bands of modules far beyond what one rule set assumes.

A page (full or half height, 4-9 columns of whole characters) is filled from
the top with bands. Each band is one of: a crowded row of one- and two-column
modules with small headlines; one or two lead modules with big headlines and
photos (set in fewer, wider columns than the grid now and then); an L-shaped
pair (an article whose photo sits over a neighbour that runs under it); a mix of
an article, a boxed sidebar and photo news; or ads (a classified section and
display ads, framed or not). Modules are parted by rules on some pages and by
white space alone on others. Texts come from ``wordbank``; they never repeat.
"""

from __future__ import annotations

import numpy as np

from samplegen.corpus import ArticleText, Corpus
from samplegen.fonts import FACES, missing_faces
from samplegen.furniture import page_header
from samplegen.layout import make_grid, type_area
from samplegen.model import Grid, LaidBlock, Photo, Rect, Sheet, Style
from samplegen.specs import PageSpec
from samplegen.wide_ads import classifieds, display_ad, photo_news
from samplegen.wide_module import ModuleSpec, WideComposer
from samplegen.wide_plan import WIDE_FACES, lead_spec, sidebar_spec, small_spec
from samplegen.wordbank import TextBank

Box = tuple[float, float, float, float]
BAND_ROWS = {"row": (14, 26), "lead": (22, 38), "L": (28, 42), "mix": (18, 30), "ads": (10, 20)}
"""Band heights in lines of body text."""


def check_fonts() -> None:
    """Raise FileNotFoundError naming every missing face of the wide family and its package."""
    missing = missing_faces(WIDE_FACES)
    if missing:
        from samplegen.fonts import font_path

        names = ", ".join(f"{f} ({FACES[f][0]})" for f in missing)
        try:
            font_path(missing[0])
        except FileNotFoundError as exc:
            raise FileNotFoundError(f"wide pages need fonts that are missing: {names}; {exc}") from None


class WidePage:
    """Fills one page of the wide family; ``build()`` returns the ``Sheet``."""

    def __init__(self, spec: PageSpec, corpus: Corpus) -> None:
        check_fonts()
        self.spec, self.corpus = spec, corpus
        self.rng = np.random.default_rng(spec.seed)
        self.bank = TextBank(self.rng)
        body = round(spec.body_pt / 72 * spec.dpi)
        leading = round(body * float(self.rng.uniform(1.35, 1.65)))
        self.x0, self.x1, self.top, self.bottom = type_area(spec)
        self.grid: Grid = make_grid(spec.grids[0], self.x0, self.x1, body, 0)
        self.rules = bool(self.rng.random() < 0.5)
        self.style = Style(spec.dpi, body, leading, column_rules=spec.column_rules and self.rules)
        self.ads = 0
        self.sheet = Sheet(*spec.size, spec.dpi)
        self.cols: dict[tuple[int, int], tuple[int, list[float]]] = {}

    def register(self, x0: float, x1: float, top: float, bottom: float) -> int:
        """The page column id of a text column, by its left and right edge."""
        key = (round(x0), round(x1))
        if key not in self.cols:
            self.cols[key] = (len(self.cols), [x0, top, x1, bottom])
        box = self.cols[key][1]
        box[1], box[3] = min(box[1], top), max(box[3], bottom)
        return self.cols[key][0]

    def build(self) -> Sheet:
        """Header, then bands down to the foot of the type area."""
        header, rects, y = page_header(self.spec.paper, self.x0, self.x1, self.top, self.style)
        self.sheet.blocks.append(header)
        self.sheet.rects += rects
        lead = self.style.leading
        y += 0.8 * lead
        first = True
        while self.bottom - y >= 9 * lead:
            kind = self._kind(first, (self.bottom - y) / lead)
            self.ads += kind == "ads"
            if not first and self.rng.random() < 0.25:  # this band on a grid of its own
                n = int(np.clip(self.spec.grids[0] + self.rng.choice([-2, -1, 1, 2]), 4, 9))
                self.grid = make_grid(n, self.x0, self.x1, self.style.body, 0)
            lo, hi = BAND_ROWS[kind]
            rows = int(self.rng.integers(lo, hi + 1))
            end = y + rows * lead
            if self.bottom - end < 10 * lead:
                end = self.bottom
            self._band(kind, y, end)
            first = False
            y = end + lead
            if self.bottom - y >= 9 * lead and (self.rules or self.rng.random() < 0.3):
                r = self.style.rule
                self.sheet.rects.append(Rect((self.x0, y - 0.5 * lead - r / 2, self.x1, y - 0.5 * lead + r / 2)))
        self.sheet.columns = [(i, (b[0], b[1], b[2], b[3])) for i, b in sorted(self.cols.values())]
        return self.sheet

    def _kind(self, first: bool, rows_left: float) -> str:
        if first:
            return str(self.rng.choice(["lead", "lead", "L", "row"]))
        ads = ["ads"] if not self.ads else []
        if rows_left < 24:
            return str(self.rng.choice([*ads, *ads, "row", "mix"]))
        return str(self.rng.choice(["row", "row", "row", "lead", "L", "mix", "mix", *ads]))

    def _split(self, least: int, most: int) -> list[int]:
        """The grid's columns as consecutive runs of ``least``-``most`` columns."""
        parts, left = [], self.grid.n
        while left:
            k = min(left, int(self.rng.integers(least, most + 1)))
            if 0 < left - k < least:
                k = left
            parts.append(k)
            left -= k
        return parts

    def _lead_parts(self) -> list[int]:
        """Lead modules: one over the whole grid now and then, else two or three of 2+ columns."""
        n = self.grid.n
        if n <= 4 or self.rng.random() < 0.2:
            return [n]
        return self._split(2, 3) if n == 5 else self._split(3, n - 3)

    def _band(self, kind: str, top: float, bottom: float) -> None:
        n = self.grid.n
        if kind == "row":
            parts = self._split(1, 2)
            mods = [("small", k) for k in parts]
            for i in self.rng.choice(len(mods), size=min(len(mods), int(self.rng.integers(0, 2))), replace=False):
                mods[int(i)] = (str(self.rng.choice(["photo", "display"])), mods[int(i)][1])
        elif kind == "lead":
            parts = self._lead_parts()
            mods = [("lead", k) for k in parts]
        elif kind == "mix":
            parts = self._split(1, 3)
            mods = [
                (str(self.rng.choice(["small", "sidebar", "photo", "lead"])) if k > 1 else "small", k) for k in parts
            ]
        elif kind == "ads":
            parts = self._split(2, max(2, n - 2))
            mods = [("classified", parts[0])] + [(str(self.rng.choice(["display", "free"])), k) for k in parts[1:]]
            if self.rng.random() < 0.5:
                mods.reverse()
                parts.reverse()
        else:
            self._l_band(top, bottom)
            return
        c0 = 0
        for i, ((what, k), _) in enumerate(zip(mods, parts, strict=True)):
            self._module(what, c0, k, top, bottom)
            if i and self.rules:
                self._vrule(c0, top, bottom)
            c0 += k

    def _vrule(self, c0: int, top: float, bottom: float) -> None:
        x = self.grid.col_x(c0) - self.grid.gutter / 2 - self.style.rule / 2
        self.sheet.rects.append(Rect((x, top, x + self.style.rule, bottom)))

    def _box(self, c0: int, k: int, top: float, bottom: float) -> Box:
        x0, x1 = self.grid.span(c0, k)
        return (x0, top, x1, bottom)

    def _module(self, what: str, c0: int, k: int, top: float, bottom: float) -> None:
        """One module of kind ``what`` over ``k`` grid columns from ``c0``."""
        box = self._box(c0, k, top, bottom)
        if what in ("small", "lead", "sidebar") and self._article(what, box, k):
            return
        if what == "classified":
            self._paint(classifieds(box, self.style, self.bank))
        elif what in ("display", "free") or (what != "photo" and box[3] - box[1] < 20 * self.style.leading):
            ad = self.bank.display_ad()
            self._paint(display_ad(ad, box, self.style, self.rng, framed=what != "free" or self.rng.random() < 0.3))
        else:
            face = str(self.rng.choice(["hei", "kai", "song"]))
            self._paint(photo_news(box, self.style, self.bank, face))

    def _article(self, what: str, box: Box, k: int) -> bool:
        """Lay out an article of kind ``what`` in ``box``; False if none fits."""
        make = {"small": small_spec, "lead": lead_spec, "sidebar": lambda r, k, _: sidebar_spec(r, k)}[what]
        for _ in range(3):
            spec, parts, kicker, sub = make(self.rng, k, self.style.column_rules)  # type: ignore[operator]
            art = self._text(spec, parts, kicker, sub)
            done = WideComposer(art, box, spec, self.style, self.register).compose()
            if done is not None:
                self._put(done.layout)
                return True
        return False

    def _text(self, spec: ModuleSpec, parts: int, kicker: bool, sub: bool) -> ArticleText:
        byline_at = {"none": None, "header": "start", "start": "start", "end": "end"}[spec.byline]
        if byline_at is None and self.rng.random() < 0.3:
            byline_at = "dateline"
        return self.bank.article(14, parts, kicker, sub, byline_at, short=spec.ncols == 1)

    def _put(self, lay) -> None:
        self.sheet.rects += lay.rects
        self.sheet.blocks += lay.blocks
        self.sheet.photos += lay.photos
        self.sheet.articles.append(lay)

    def _paint(self, paint: tuple[list[LaidBlock], list[Rect], list[Photo]]) -> None:
        blocks, rects, photos = paint
        self.sheet.blocks += blocks
        self.sheet.rects += rects
        self.sheet.photos += photos

    def _l_band(self, top: float, bottom: float) -> None:
        """An article over all columns whose top photo sits over a neighbour running under it."""
        n = self.grid.n
        for _ in range(3):
            spec, parts, kicker, sub = lead_spec(self.rng, n, self.style.column_rules, give_away=True)
            art = self._text(spec, parts, kicker, sub)
            done = WideComposer(art, self._box(0, n, top, bottom), spec, self.style, self.register).compose()
            if done is None or done.freed is None:
                continue
            self._put(done.layout)
            fx0, ftop, fx1, fbottom = done.freed
            if self.rules:
                r = self.style.rule
                self.sheet.rects.append(
                    Rect((fx0, ftop - 0.5 * self.style.leading, fx1, ftop - 0.5 * self.style.leading + r))
                )
                x = fx0 - self.grid.gutter / 2 - r / 2
                self.sheet.rects.append(Rect((x, ftop - 0.5 * self.style.leading, x + r, fbottom)))
            k = max(1, round((fx1 - fx0 + self.grid.gutter) / (self.grid.col_w + self.grid.gutter)))
            make = small_spec if k <= 2 else lead_spec
            small, parts, kicker, sub = make(self.rng, k, self.style.column_rules)
            neighbour = self._text(small, parts, kicker, sub)
            placed = WideComposer(neighbour, done.freed, small, self.style, self.register).compose()
            if placed is not None:
                self._put(placed.layout)
            else:
                self._paint(photo_news(done.freed, self.style, self.bank, "hei"))
            return
        self._band("lead", top, bottom)


def layout_wide(spec: PageSpec, corpus: Corpus) -> Sheet:
    """Lay out one page of the wide family."""
    return WidePage(spec, corpus).build()

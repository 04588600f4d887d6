"""Page layout: a header band, then horizontal bands of article modules, ads at the foot.

Each band has its own column grid (grids may differ between bands); its
articles sit side by side, each over a run of whole columns, and the column
split is chosen so the modules end at about the same height.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from samplegen.article import ModulePlan, random_plan
from samplegen.corpus import ArticleText, Corpus
from samplegen.furniture import ad_boxes, advertisement, page_header
from samplegen.model import ArticleLayout, Grid, Rect, Sheet, Style
from samplegen.module import ArticleComposer
from samplegen.specs import PageSpec

Box = tuple[float, float, float, float]


def make_style(spec: PageSpec, rng: np.random.Generator) -> Style:
    """Type sizes from the spec's point size and dpi; faces drawn from ``rng``."""
    body = round(spec.body_pt / 72 * spec.dpi)
    return Style(
        dpi=spec.dpi,
        body=body,
        leading=round(body * rng.uniform(1.4, 1.6)),
        headline_face=str(rng.choice(["hei_bold", "hei_bold", "song_bold"])),
        kicker_face=str(rng.choice(["hei", "song_bold"])),
        caption_face=str(rng.choice(["hei", "ming"])),
        column_rules=spec.column_rules,
    )


def make_grid(n: int, x0: float, x1: float, body: int, first_id: int) -> Grid:
    """``n`` columns of whole characters with gutters of 0.8-1.6 ems, centred in [x0, x1]."""
    width = x1 - x0
    chars = int((width - (n - 1) * 0.8 * body) // (n * body))
    gutter = min((width - n * chars * body) / (n - 1), 1.6 * body)
    used = n * chars * body + (n - 1) * gutter
    return Grid(x0 + (width - used) / 2, float(chars * body), gutter, n, first_id)


def compositions(n: int, m: int, least: int = 2) -> list[tuple[int, ...]]:
    """All ways to split ``n`` columns into ``m`` ordered parts of at least ``least``."""
    if m == 1:
        return [(n,)] if n >= least else []
    return [(k, *rest) for k in range(least, n - least * (m - 1) + 1) for rest in compositions(n - k, m - 1, least)]


@dataclass
class Band:
    """Articles side by side over one grid, from ``top`` to ``bottom``."""

    grid: Grid
    top: float
    bottom: float
    modules: list[tuple[int, int, ArticleLayout]]


def type_area(spec: PageSpec) -> tuple[float, float, float, float]:
    """(left, right, top, bottom) of the printed area: the page less its margins."""
    w, h = spec.size
    return 0.055 * w, w - 0.055 * w, 0.035 * h, h - 0.04 * h


class PageBuilder:
    """Fills a page top to bottom; ``build()`` returns the finished ``Sheet``."""

    def __init__(self, spec: PageSpec, corpus: Corpus):
        self.spec, self.corpus = spec, corpus
        self.rng = np.random.default_rng(spec.seed)
        self.style = make_style(spec, self.rng)
        self.x0, self.x1, self.top, self.bottom = type_area(spec)
        self.sheet = Sheet(*spec.size, spec.dpi)
        self.columns: dict[int, list[float]] = {}
        self.grid: Grid | None = None
        arts = [corpus.articles[a] for a in spec.articles]
        self.plans = {a.id: random_plan(a, self.rng, lead=i == 0) for i, a in enumerate(arts)}
        self.queue = arts

    def build(self) -> Sheet:
        """Header, article bands while they fit, then the ad band."""
        block, rects, y = page_header(self.spec.paper, self.x0, self.x1, self.top, self.style)
        self.sheet.blocks.append(block)
        self.sheet.rects += rects
        y += 0.8 * self.style.leading
        content = self.bottom - y
        index = 0
        while self.queue:
            grid = self._grid_for(self._grid_n(index))
            room = self.bottom - y - 7 * self.style.leading
            band = self._best_band(grid, y, min(room, 0.68 * content))
            if band is None:
                break
            self._accept(band)
            y = band.bottom + self._separator(band.bottom)
            index += 1
        self._ads(y)
        self.sheet.columns = [(i, (b[0], b[1], b[2], b[3])) for i, b in sorted(self.columns.items())]
        return self.sheet

    def _grid_n(self, index: int) -> int:
        grids = self.spec.grids
        if index == 0 or len(grids) == 1:
            return grids[0]
        if self.grid is not None and self.rng.random() < 0.5:
            return self.grid.n
        return int(self.rng.choice(grids))

    def _grid_for(self, n: int) -> Grid:
        if self.grid is not None and self.grid.n == n:
            return self.grid
        return make_grid(n, self.x0, self.x1, self.style.body, len(self.columns))

    def _claim(self, grid: Grid, top: float, bottom: float) -> None:
        """Record the page columns of ``grid`` as used from ``top`` to ``bottom``."""
        for i in range(grid.n):
            x0, x1 = grid.span(i, 1)
            box = self.columns.setdefault(grid.first_id + i, [x0, top, x1, bottom])
            box[3] = bottom
        self.grid = grid

    def _separator(self, y: float) -> float:
        """Horizontal rule under a band; returns the vertical space it takes."""
        gap = 0.9 * self.style.leading
        rule = self.style.rule
        self.sheet.rects.append(Rect((self.x0, y + gap / 2 - rule / 2, self.x1, y + gap / 2 + rule / 2)))
        return gap

    def _groups(self) -> list[tuple[int, list[ArticleText]]]:
        """Candidate article groups: up to 3 consecutive articles from the first few in the queue."""
        out = []
        for start in range(min(4, len(self.queue))):
            for m in (1, 2, 3):
                group = self.queue[start : start + m]
                if len(group) == m:
                    out.append((start, group))
        return out

    def _best_band(self, grid: Grid, top: float, room: float) -> Band | None:
        """The group and column split that fits ``room`` with the least blank space."""
        heights: dict[tuple[str, int], float] = {}
        best: tuple[float, list[ArticleText], tuple[int, ...]] | None = None
        for start, group in self._groups():
            for split in compositions(grid.n, len(group)):
                hs = [self._height(a, k, grid, top, heights) for a, k in zip(group, split, strict=True)]
                band_h = max(hs)
                if band_h > room:
                    continue
                lines = [
                    (h - self._head_h(a, k, grid, top)) / self.style.leading
                    for a, k, h in zip(group, split, hs, strict=True)
                ]
                short = sum(max(0.0, 9 - n) for n in lines)
                score = sum(band_h - h for h in hs) / self.style.leading + 4 * start + 3 * short - len(group)
                if best is None or score < best[0]:
                    best = (score, group, split)
        if best is None:
            return None
        return self._lay_band(grid, top, best[1], best[2])

    def _composer(
        self, art: ArticleText, grid: Grid, c0: int, k: int, top: float, plan: ModulePlan | None = None
    ) -> ArticleComposer:
        return ArticleComposer(art, grid, c0, k, top, self.style, plan or self.plans[art.id])

    def _height(self, art: ArticleText, k: int, grid: Grid, top: float, cache: dict[tuple[str, int], float]) -> float:
        key = (art.id, k)
        if key not in cache:
            cache[key] = self._composer(art, grid, 0, k, top).extent() - top
        return cache[key]

    def _head_h(self, art: ArticleText, k: int, grid: Grid, top: float) -> float:
        return self._composer(art, grid, 0, k, top).body_top - top

    def _lay_band(self, grid: Grid, top: float, group: list[ArticleText], split: tuple[int, ...]) -> Band:
        """Lay the chosen modules out, growing photos of short ones toward the band's foot."""
        c0s = [sum(split[:i]) for i in range(len(split))]
        layouts = [self._composer(a, grid, c0, k, top).layout() for a, c0, k in zip(group, c0s, split, strict=True)]
        target = max(lay.bottom for lay in layouts)
        for i, (art, c0, k) in enumerate(zip(group, c0s, split, strict=True)):
            if layouts[i].bottom < target - 2 * self.style.leading:
                plan = self.plans[art.id]
                if plan.photo_cols == 0 and art.captions:
                    plan = replace(plan, photo_cols=min(2, k))
                layouts[i] = self._composer(art, grid, c0, k, top, plan).fit_to(target)
        bottom = max(lay.bottom for lay in layouts)
        return Band(grid, top, bottom, list(zip(c0s, split, layouts, strict=True)))

    def _accept(self, band: Band) -> None:
        """Put the band's blocks, paint and module rules on the sheet."""
        self._claim(band.grid, band.top, band.bottom)
        rule = self.style.rule
        for i, (c0, _, lay) in enumerate(band.modules):
            if i:
                x = band.grid.col_x(c0) - band.grid.gutter / 2 - rule / 2
                self.sheet.rects.append(Rect((x, band.top, x + rule, band.bottom)))
            self.sheet.blocks += lay.blocks
            self.sheet.rects += lay.rects
            self.sheet.photos += lay.photos
            self.sheet.articles.append(lay)
        used = {lay.text.id for _, _, lay in band.modules}
        self.queue = [a for a in self.queue if a.id not in used]

    def _ads(self, top: float) -> None:
        """Fill the rest of the page with one or two boxed ads."""
        grid = self.grid or self._grid_for(self.spec.grids[0])
        ads = [self.corpus.ads[a] for a in self.spec.ads]
        count = 2 if len(ads) >= 2 and grid.n >= 6 else 1
        for (c0, k, box), ad in zip(ad_boxes(grid, top, self.bottom, count, self.rng), ads[:count], strict=True):
            block, rects = advertisement(ad, box, self.style, self.rng, grid.ids(c0, k))
            self.sheet.blocks.append(block)
            self.sheet.rects += rects
        self._claim(grid, top, self.bottom)


def layout_page(spec: PageSpec, corpus: Corpus) -> Sheet:
    """Lay out one page."""
    return PageBuilder(spec, corpus).build()

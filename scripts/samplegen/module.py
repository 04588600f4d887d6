"""Assemble an article module: heading, optional photo with caption, body columns."""

from __future__ import annotations

from dataclasses import dataclass

from samplegen.article import ModulePlan, Placement, flow_items, header_blocks, min_bottom, pour
from samplegen.corpus import ArticleText
from samplegen.model import ArticleLayout, Grid, LaidBlock, Photo, Rect, Style, text_block
from samplegen.typeset import break_lines, set_line, tokens


@dataclass(frozen=True)
class PhotoArea:
    """A photo at the top of the body area, its caption and the columns it covers."""

    photo: Photo
    image: LaidBlock
    caption: LaidBlock
    cols: range
    bottom: float


class ArticleComposer:
    """Lays out one article in columns ``c0 .. c0+k-1`` of ``grid`` from ``top``."""

    def __init__(self, art: ArticleText, grid: Grid, c0: int, k: int, top: float, style: Style, plan: ModulePlan):
        self.art, self.grid, self.c0, self.k, self.style, self.plan = art, grid, c0, k, style, plan
        self.cols = grid.ids(c0, k)
        x0, x1 = grid.span(c0, k)
        self.header, self.body_top = header_blocks(art, x0, x1, top, style, plan, self.cols)
        self.items = flow_items(art, grid.col_w, style, plan)

    @property
    def photo_cols(self) -> int:
        """Columns the photo spans (0 without a photo; never all of a wide module)."""
        if not self.art.captions or self.plan.photo_cols <= 0:
            return 0
        p = min(self.plan.photo_cols, self.k)
        return p - 1 if p == self.k and self.k > 3 else p

    @property
    def photo_width(self) -> float:
        """Width of the photo in pixels."""
        x0, x1 = self.grid.span(0, max(1, self.photo_cols))
        return x1 - x0

    def default_photo_h(self) -> float:
        """Photo height from the plan's aspect ratio."""
        return self.photo_width * self.plan.photo_ratio if self.photo_cols else 0.0

    def photo_area(self, height: float) -> PhotoArea:
        """Place the photo and its caption at the top of the body."""
        p, style = self.photo_cols, self.style
        pc0 = self.c0 if self.plan.photo_side == "left" else self.c0 + self.k - p
        px0, px1 = self.grid.span(pc0, p)
        top = self.body_top
        box = (px0, top, px1, top + height)
        cols = self.grid.ids(pc0, p)
        size = round(style.body * 0.85)
        rows = break_lines(tokens(self.art.captions[0], style.caption_face, size), px1 - px0)
        y = top + height + 0.35 * style.leading
        pitch = size * 1.35
        lines = [
            set_line(r, px0, y + i * pitch, px1 - px0, "left" if i == len(rows) - 1 else "justify")
            for i, r in enumerate(rows)
        ]
        caption = text_block("caption", lines, cols)
        local = range(pc0 - self.c0, pc0 - self.c0 + p)
        bottom = caption.box[3] + 0.7 * style.leading
        return PhotoArea(Photo(box, self.plan.photo_seed), LaidBlock("image", box, [], cols), caption, local, bottom)

    def _place(self, photo_h: float | None) -> tuple[PhotoArea | None, list[float], list[Placement]]:
        """Photo area, column tops and item placements at the smallest height."""
        h = self.default_photo_h() if photo_h is None else photo_h
        area = self.photo_area(h) if self.photo_cols and h > 0 else None
        tops = [area.bottom if area and c in area.cols else self.body_top for c in range(self.k)]
        bottom = min_bottom(self.items, list(enumerate(tops)))
        if area and self.photo_cols < self.k and bottom - area.bottom < 3 * self.style.leading:
            area, bottom = self._photo_to_foot(area)
            tops = [area.bottom if c in area.cols else self.body_top for c in range(self.k)]
        placed = pour(self.items, list(enumerate(tops)), bottom)
        assert placed is not None
        return area, tops, placed

    def extent(self, photo_h: float | None = None) -> float:
        """Bottom y of the laid-out article (cheaper than ``layout().bottom``)."""
        area, _, placed = self._place(photo_h)
        ends = [b.box[3] for b in self.header] + [area.caption.box[3]] if area else [b.box[3] for b in self.header]
        ends += [y + max(ln.box[3] for ln in item.lines) for item, _, y in placed]
        return max(ends)

    def layout(self, photo_h: float | None = None) -> ArticleLayout:
        """The article at its smallest height, with a photo of ``photo_h`` pixels."""
        area, tops, placed = self._place(photo_h)
        blocks = self.header + self._emit(placed)
        photos = []
        if area:
            blocks += [area.image, area.caption]
            photos.append(area.photo)
        used = max(b.box[3] for b in blocks)
        rects = self._column_rules(placed, tops, used) if self.style.column_rules else []
        return ArticleLayout(self.art, blocks, self.cols, used, rects, photos)

    def _photo_to_foot(self, area: PhotoArea) -> tuple[PhotoArea, float]:
        """Give the photo's columns to the photo alone when only a line or two would fit under it.

        The text then flows in the other columns; the photo grows (within reason)
        so that its caption ends with the text.
        """
        text_cols = [(c, self.body_top) for c in range(self.k) if c not in area.cols]
        bottom = max(min_bottom(self.items, text_cols), area.bottom)
        below = area.bottom - area.photo.box[3]
        height = min(bottom - below - self.body_top, 1.6 * self.photo_width)
        grown = self.photo_area(max(height, area.photo.box[3] - area.photo.box[1]))
        return grown, max(bottom, grown.bottom)

    def _emit(self, placed: list[Placement]) -> list[LaidBlock]:
        """Group placed items into body blocks (one per column run), subheads and bylines."""
        out: list[LaidBlock] = []
        run: list = []
        run_col = -1

        def close() -> None:
            if run:
                out.append(text_block("body", list(run), [self.cols[run_col]]))
                run.clear()

        for item, col, y in placed:
            x = self.grid.col_x(self.c0 + col)
            if item.kind != "body" or col != run_col:
                close()
            run_col = col
            moved = [ln.shifted(x, y) for ln in item.lines]
            if item.kind == "body":
                run.extend(moved)
                if item.side:
                    close()
                    out.append(text_block("byline", [ln.shifted(x, y) for ln in item.side], [self.cols[col]]))
            else:
                out.append(text_block(item.kind, moved, [self.cols[col]]))
        close()
        return out

    def _column_rules(self, placed: list[Placement], tops: list[float], bottom: float) -> list[Rect]:
        """Thin vertical rules in the gutters between used body columns."""
        used = {col for _, col, _ in placed}
        rule = self.style.rule
        out = []
        for j in range(self.k - 1):
            if j in used and j + 1 in used:
                x = self.grid.col_x(self.c0 + j) + self.grid.col_w + self.grid.gutter / 2 - rule / 2
                out.append(Rect((x, max(tops[j], tops[j + 1]), x + rule, bottom)))
        return out

    def fit_to(self, target: float) -> ArticleLayout:
        """Grow the photo (if any) so the module ends as close above ``target`` as it can."""
        if not self.photo_cols or self.extent() >= target - self.style.leading:
            return self.layout()
        lo, hi = self.default_photo_h(), self.photo_width * 1.5
        best: float | None = None
        for _ in range(14):
            mid = (lo + hi) / 2
            if self.extent(mid) <= target:
                best, lo = mid, mid
            else:
                hi = mid
        return self.layout(best)

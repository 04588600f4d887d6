"""Typesetting small newspaper pages by hand, one decision at a time, for layout tests.

Nothing here comes from the sample generator: each test places every headline, column,
rule, frame and photo itself, in the way a compositor lays out a page, so the pipeline
is judged on set-ups its own generator never makes.

Type is set on the em grid, as Chinese type is: every ideograph and full-width mark
takes one em, Latin letters and figures their own advance. Body text flows into column
segments (so an L-shaped text area is just a list of segments); a paragraph opens with
a two-em indent, and marks that may not start a line (，。、 etc.) hang at the end of
the line before.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

FONT_FILES: dict[str, tuple[str, int]] = {
    "song": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    "song_bold": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
    "hei": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    "hei_light": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    "kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
}
"""Face -> (file, index): Song body, bold Hei headlines, Kai kickers and captions (UKai CN)."""

NO_START = "，。、；：？！”’）》」"
"""Marks a line may not start with; they hang at the end of the line before."""

EM_ASCENT = 0.88
"""Baseline below the top of the ideographic em box, as a fraction of the em (CJK faces)."""
INK = 12
PAPER = 248


@lru_cache(maxsize=64)
def face(name: str, size: int) -> ImageFont.FreeTypeFont:
    """``name`` at ``size`` pixels; skips the test when the font package is missing."""
    path, index = FONT_FILES[name]
    if not Path(path).exists():
        pytest.skip(f"font missing: {path} (scripts/system_deps.sh installs it)", allow_module_level=True)
    return ImageFont.truetype(path, size, index=index)


def advance(ch: str, size: int, name: str = "song") -> float:
    """Width of ``ch``: one em for ideographs and full-width marks, else the glyph's own."""
    if unicodedata.east_asian_width(ch) in "WF" or ch in "“”‘’":
        return float(size)
    return float(face(name, size).getlength(ch))


def measure(text: str, size: int, name: str = "song") -> float:
    """Set width of ``text``."""
    return sum(advance(ch, size, name) for ch in text)


@dataclass
class Segment:
    """A stretch of column the body may fill: left edge, top, bottom, measure in pixels."""

    x: int
    top: int
    bottom: int
    width: int


@dataclass
class Flowed:
    """Where flowed text ended: the segment index, the box of the last line, all the text set."""

    segment: int
    last_box: tuple[int, int, int, int]
    text: str


@dataclass
class Sheet:
    """A page being typeset: a grey paper image and the ink put on it."""

    width: int
    height: int
    body: int = 24
    leading: float = 1.5
    img: Image.Image = field(init=False)
    draw: ImageDraw.ImageDraw = field(init=False)

    def __post_init__(self) -> None:
        self.img = Image.new("L", (self.width, self.height), PAPER)
        self.draw = ImageDraw.Draw(self.img)

    @property
    def pitch(self) -> int:
        """Body line pitch (baseline to baseline)."""
        return round(self.body * self.leading)

    def text(self, x: float, y: float, text: str, size: int, name: str = "song", fill: int = INK) -> tuple:
        """Set one line with its em box top at ``y``; return the line's box (x0, y0, x1, y1)."""
        font = face(name, size)
        cx = x
        baseline = y + EM_ASCENT * size
        for ch in text:
            self.draw.text((cx, baseline), ch, font=font, fill=fill, anchor="ls")
            cx += advance(ch, size, name)
        return (round(x), round(y), round(cx), round(y + size))

    def right(self, x1: float, y: float, text: str, size: int, name: str = "song") -> tuple:
        """Set one line flush right against ``x1``."""
        return self.text(x1 - measure(text, size, name), y, text, size, name)

    def centre(self, x0: float, x1: float, y: float, text: str, size: int, name: str = "song") -> tuple:
        """Set one line centred between ``x0`` and ``x1``."""
        return self.text((x0 + x1 - measure(text, size, name)) / 2, y, text, size, name)

    def flow(
        self,
        paragraphs: list[str],
        segments: list[Segment],
        size: int | None = None,
        name: str = "song",
        under_way: bool = False,
    ) -> Flowed:
        """Fill ``segments`` in order with ``paragraphs``; fail loudly if they do not fit.

        ``under_way``: the first paragraph was begun on an earlier line (after a dateline), so
        its next line takes no indent.
        """
        size = size or self.body
        pitch = round(size * self.leading)
        seg, y = 0, segments[0].top
        box = (0, 0, 0, 0)
        for k, para in enumerate(paragraphs):
            rest, indent = para, 0 if under_way and k == 0 else 2
            while rest:
                if y + size > segments[seg].bottom:
                    seg += 1
                    if seg == len(segments):
                        raise ValueError(f"text does not fit: {rest[:20]!r} left over")
                    y = segments[seg].top
                n = _fit(rest, segments[seg].width - indent * size, size, name)
                box = self.text(segments[seg].x + indent * size, y, rest[:n], size, name)
                rest, indent, y = rest[n:], 0, y + pitch
        return Flowed(seg, box, "".join(paragraphs))

    def byline_after(self, flowed: Flowed, segments: list[Segment], text: str, size: int | None = None) -> tuple:
        """Set a closing byline in bold Hei flush right: on the last line when it fits, else below."""
        size = size or self.body
        seg = segments[flowed.segment]
        x1 = seg.x + seg.width
        if flowed.last_box[2] + 2 * size + measure(text, size, "hei") <= x1:
            return self.right(x1, flowed.last_box[1], text, size, "hei")
        return self.right(x1, flowed.last_box[1] + self.pitch, text, size, "hei")

    def rule(self, x0: float, y0: float, x1: float, y1: float, fill: int = INK) -> None:
        """A solid rule (a hairline when one side is a pixel or two)."""
        self.draw.rectangle((round(x0), round(y0), round(x1), round(y1)), fill=fill)

    def frame(self, box: tuple, width: int = 2) -> None:
        """An open box drawn around ``box``."""
        self.draw.rectangle(tuple(round(v) for v in box), outline=INK, width=width)

    def reversed_label(self, x: float, y: float, text: str, size: int) -> tuple:
        """White type on a black panel, as section labels are set; returns the panel."""
        pad = size // 4
        w = measure(text, size, "hei")
        panel = (round(x), round(y), round(x + w + 2 * pad), round(y + size + 2 * pad))
        self.draw.rectangle(panel, fill=INK)
        self.text(x + pad, y + pad, text, size, "hei", fill=PAPER)
        return panel

    def photo(self, box: tuple, seed: int) -> None:
        """A halftone-like picture: a lit background, a few dark shapes, grain."""
        x0, y0, x1, y1 = (round(v) for v in box)
        w, h = x1 - x0, y1 - y0
        rng = np.random.default_rng(seed)
        yy, xx = np.mgrid[0:h, 0:w]
        pic = 170 + 50 * np.sin(xx / (w / 3.1) + rng.uniform(0, 6)) * np.cos(yy / (h / 2.3))
        for _ in range(7):
            cx, cy = rng.uniform(0, w), rng.uniform(h * 0.3, h)
            rx, ry = rng.uniform(w * 0.05, w * 0.2), rng.uniform(h * 0.1, h * 0.35)
            pic[((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 < 1] = rng.uniform(40, 120)
        pic += rng.normal(0, 14, pic.shape)
        self.img.paste(Image.fromarray(np.clip(pic, 20, 215).astype(np.uint8)), (x0, y0))

    def save(self, path: Path, dpi: int = 200) -> Path:
        """Write the page as PNG with its resolution (body 24 px at 200 dpi is 8.6 pt)."""
        self.img.save(path, dpi=(dpi, dpi))
        return path


def lines_needed(paragraphs: list[str], width: int, size: int = 24, name: str = "song") -> int:
    """How many lines ``paragraphs`` take in a column ``width`` pixels wide."""
    count = 0
    for para in paragraphs:
        rest, indent = para, 2
        while rest:
            n = _fit(rest, width - indent * size, size, name)
            rest, indent, count = rest[n:], 0, count + 1
    return count


@dataclass(frozen=True)
class Grid:
    """The page's column grid: left margin, column measure in ems, gutter, column count."""

    left: int = 40
    chars: int = 11
    gutter: int = 24
    count: int = 4
    em: int = 24

    @property
    def measure(self) -> int:
        """Column width in pixels."""
        return self.chars * self.em

    def x0(self, col: int) -> int:
        return self.left + col * (self.measure + self.gutter)

    def x1(self, col: int) -> int:
        return self.x0(col) + self.measure

    def gutter_mid(self, col: int) -> int:
        """Middle of the gutter right of column ``col`` (where a column rule stands)."""
        return self.x1(col) + self.gutter // 2


def balanced(sheet: Sheet, grid: Grid, cols: list[int], top: int, paragraphs: list[str]) -> list[Segment]:
    """Segments of ``cols`` from ``top``, as deep as needed to share the text out evenly."""
    per_col = -(-lines_needed(paragraphs, grid.measure, sheet.body) // len(cols))
    bottom = top + per_col * sheet.pitch
    return [Segment(grid.x0(c), top, bottom, grid.measure) for c in cols]


def headline(
    sheet: Sheet, x0: int, x1: int, top: int, lines: list[str], size: int, name: str = "hei", align: str = "centre"
) -> int:
    """Set headline lines over ``x0..x1`` (centred, left, right or staggered); return the bottom."""
    y = top
    for k, text in enumerate(lines):
        how = align if align != "staggered" else ("left" if k == 0 else "right")
        if how == "centre":
            sheet.centre(x0, x1, y, text, size, name)
        elif how == "left":
            sheet.text(x0, y, text, size, name)
        else:
            sheet.right(x1, y, text, size, name)
        y += round(size * 1.25)
    return y


def module(
    sheet: Sheet,
    grid: Grid,
    item: dict,
    cols: list[int],
    top: int,
    head_size: int,
    head_face: str = "hei",
    align: str = "centre",
    kicker: tuple[int, str] | None = None,
) -> tuple[Expected, int]:
    """A whole module: optional kicker (size, face), headline, balanced body, closing byline.

    Returns what the pipeline should find and the module's bottom edge.
    """
    x0, x1 = grid.x0(cols[0]), grid.x1(cols[-1])
    y = top
    if kicker:
        sheet.centre(x0, x1, y, item["kicker"], kicker[0], kicker[1])
        y += round(kicker[0] * 1.5)
    y = headline(sheet, x0, x1, y, item["headline"], head_size, head_face, align) + sheet.body // 2
    segments = balanced(sheet, grid, cols, y, item["body"])
    flowed = sheet.flow(item["body"], segments)
    box = sheet.byline_after(flowed, segments, item["byline"])
    kick = item.get("kicker") if kicker else None
    expected = Expected("".join(item["headline"]), flowed.text, kick, item["byline"], item.get("name", ""))
    return expected, max(segments[0].bottom, box[3])


def _fit(rest: str, room: float, size: int, name: str) -> int:
    """How many characters of ``rest`` go on a line ``room`` pixels wide (hanging marks included)."""
    n, used = 0, 0.0
    while n < len(rest) and used + advance(rest[n], size, name) <= room + 0.5:
        used += advance(rest[n], size, name)
        n += 1
    while n < len(rest) and rest[n] in NO_START:
        n += 1
    return n


@dataclass(frozen=True)
class Expected:
    """One article as typeset: what the pipeline should give back."""

    headline: str
    body: str
    kicker: str | None = None
    byline: str | None = None
    name: str = ""

    @property
    def body_start(self) -> str:
        return self.body[:10]

    @property
    def body_end(self) -> str:
        return self.body[-10:]


@dataclass
class Typeset:
    """A finished test page: the sheet, its articles, and the text that belongs to none."""

    sheet: Sheet
    articles: list[Expected] = field(default_factory=list)
    foreign: dict[str, str] = field(default_factory=dict)
    """name -> text that belongs to no article (ads, classifieds, photo news and its credit)."""
    body_only: dict[str, str] = field(default_factory=dict)
    """name -> text that may sit in an article but never in its body (an article photo's caption)."""

    def read(self, pipe, folder: Path, name: str = "page"):
        """The page as ``pipe`` reads it, the sheet saved as ``folder/name.png`` first."""
        (page,) = list(pipe.run_file(self.sheet.save(folder / f"{name}.png")))
        return page

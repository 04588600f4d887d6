"""Short items on a vertical page: a title in the subhead's size opens an article of its own.

A paper set vertically fills each band (段) with articles side by side, read from the
right; a short item (a news brief of a few columns) is titled in a column of type a
little larger or bolder than the body, the size a long article uses for its subheads.
What tells the two apart is where the title stands: a subhead is set inside its
article, so the article's headline stands before it in the same band (to its right on
the page, above it in the turned frame), with no rule between them; a title that no
headline precedes in its band opens an article, the next item after the one that ends
there. Text set before it in the band runs on from an article of the band above.

A subhead is also set smaller than its article's headline: a title set in the size of the
headline before it, or larger, is no subhead of that article but its peer, the title of
the next item (short items follow each other down a band with no rule between them, each
titled alike; the last one's text ends where the next title begins).

The rules are read in the turned frame (:mod:`pipeline.layout.turn`): a band of the page
is a column there, bounded left and right by the page's horizontal rules (walls), and a
page's vertical rule between two items is a horizontal rule there.
"""

from __future__ import annotations

from pipeline.geometry import Box, overlap_1d
from pipeline.layout.direction import ideographs
from pipeline.layout.units import scale_of
from pipeline.state import WorkBlock

OPENER_TYPES = ("subhead",)
"""Display lines that may be the title of a short item."""
MIN_SIZE = 1.0
"""A title is set in the body's size or larger (in body sizes); a column read smaller is a body column."""
MIN_CHARS = 3
"""A title names its item in three characters or more; a lone character or two is a fragment."""
REACH = 0.0
"""A headline counts as before the title when they share more than this share of the title's band width
(any: a headline across the band's top stands before every column under it)."""
PEER = 0.9
"""A title this share of the headline's size or more is set in the headline's size (detected boxes
of one size differ by a tenth): the next item's title, not a subhead."""


def _wall_between(head: Box, title: Box, walls: list[Box]) -> bool:
    """A wall (a band rule, vertical in the turned frame) between the x-centres of ``head`` and ``title``,
    running alongside the title (a rule set under a horizontal headline stops at the headline's ends)."""
    lo, hi = sorted(((head[0] + head[2]) / 2, (title[0] + title[2]) / 2))
    return any(lo < (w[0] + w[2]) / 2 < hi and overlap_1d(w[1], w[3], title[1], title[3]) > 0 for w in walls)


def _rule_between(upper: Box, lower: Box, rules: list[Box]) -> bool:
    """A rule (a page's vertical rule, horizontal in the turned frame) set between them across the title."""
    return any(
        upper[3] <= (r[1] + r[3]) / 2 <= lower[1]
        and overlap_1d(r[0], r[2], lower[0], lower[2]) > 0.5 * (lower[2] - lower[0])
        for r in rules
    )


def type_size(block: WorkBlock) -> float:
    """A block's type size in the turned frame: its tallest line's height (a column's width on the page)."""
    return max((ln.box[3] - ln.box[1] for ln in block.lines), default=block.box[3] - block.box[1])


def headed_before(
    title: Box,
    heads: list[Box],
    rules: list[Box],
    walls: list[Box],
    sizes: list[float] | None = None,
    size: float = 0.0,
) -> bool:
    """Whether a headline stands before ``title`` in its band, with no rule or wall between them.

    With ``sizes`` (each headline's type size) and ``size`` (the title's), the nearest such
    headline, whose article the title would lie in, must be set larger than the title
    (:data:`PEER`): a title in its headline's size heads the next item. A headline level with
    the title (overlapping it down the band) is another line of the same title.
    """
    width = title[2] - title[0]
    nearest: int | None = None
    for k, h in enumerate(heads):
        if h[1] >= title[1] or overlap_1d(h[0], h[2], title[0], title[2]) <= REACH * width:
            continue
        shut = _rule_between(h, title, rules) or _wall_between(h, title, walls)
        if not shut and (nearest is None or h[3] > heads[nearest][3]):
            nearest = k
    if nearest is None:
        return False
    level = heads[nearest][3] > title[1]
    return sizes is None or level or size < PEER * sizes[nearest]


def is_title(block: WorkBlock, size: float) -> bool:
    """Set like a short item's title: a subhead of three characters or more, no smaller than the body.

    In the turned frame a column's type size is its line's height.
    """
    if block.type not in OPENER_TYPES or not block.lines or len(ideographs(block.text)) < MIN_CHARS:
        return False
    return max(ln.box[3] - ln.box[1] for ln in block.lines) >= MIN_SIZE * size


STRIP = 3
"""Columns set alike in a row, this many or more, are the text of a shallow band, not bylines."""
ALIGN = 0.5
"""Columns of one band start and end within this many ems of each other."""


def _alike(a: Box, b: Box, em: float) -> bool:
    """Two lines (columns on the page) of the same band: same top and foot, set next to each other."""
    ends = abs(a[0] - b[0]) <= ALIGN * em and abs(a[2] - b[2]) <= ALIGN * em
    upper, lower = (a, b) if a[1] <= b[1] else (b, a)
    return ends and lower[1] - upper[3] <= ALIGN * em and lower[1] > upper[1]


def strip_columns(blocks: list[WorkBlock], size: float) -> list[str]:
    """Make bylines that are columns of a shallow band body text; returns their ids.

    A byline is a lone short column at the foot of its article's text. Where a band is
    shallow (a strip of text under a picture or a map), every column of it is as short,
    and they follow each other at the line pitch with their tops and feet level: a short
    column in a row of :data:`STRIP` or more such columns is a line of that text.
    In the turned frame a column is a line: its top and foot are its left and right ends.
    """
    em = scale_of(size, None).em
    lines = [(b, ln.box) for b in blocks if b.type in ("body", "byline") for ln in b.lines]
    made = []
    for block in (b for b in blocks if b.type == "byline"):
        for box in (ln.box for ln in block.lines):
            row, grew = [box], True
            while grew and len(row) < STRIP:
                grew = False
                for _, other in lines:
                    if other not in row and any(_alike(r, other, em) for r in row):
                        row.append(other)
                        grew = True
            if len(row) >= STRIP:
                block.type = "body"
                made.append(block.id)
                break
    return made


def promote_openers(blocks: list[WorkBlock], rules: list[Box], walls: list[Box], size: float) -> list[str]:
    """Make each title that no headline precedes in its band a headline; returns their ids.

    ``blocks``, ``rules`` (horizontal) and ``walls`` (vertical rules) are in the turned frame;
    ``size`` is the body size. Bylines that are columns of a shallow band become body text first
    (:func:`strip_columns`).
    """
    strip_columns(blocks, size)
    heads = [b.box for b in blocks if b.type == "headline"]
    sizes = [type_size(b) for b in blocks if b.type == "headline"]
    promoted = []
    for block in sorted(blocks, key=lambda b: b.box[1]):
        own = type_size(block) if block.lines else 0.0
        if is_title(block, size) and not headed_before(block.box, heads, rules, walls, sizes, own):
            block.type = "headline"
            block.group = block.group or f"o{len(promoted) + 1}"
            heads.append(block.box)
            sizes.append(own)
            promoted.append(block.id)
    return promoted

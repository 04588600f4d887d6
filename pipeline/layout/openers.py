"""Short items on a vertical page: a title in the subhead's size opens an article of its own.

A paper set vertically fills each band (段) with articles side by side, read from the
right; a short item (a news brief of a few columns) is titled in a column of type a
little larger or bolder than the body, the size a long article uses for its subheads.
What tells the two apart is where the title stands: a subhead is set inside its
article, so the article's headline stands before it in the same band (to its right on
the page, above it in the turned frame), with no rule between them; a title that no
headline precedes in its band opens an article, the next item after the one that ends
there. Text set before it in the band runs on from an article of the band above.

The rules are read in the turned frame (:mod:`pipeline.layout.turn`): a band of the page
is a column there, bounded left and right by the page's horizontal rules (walls), and a
page's vertical rule between two items is a horizontal rule there.
"""

from __future__ import annotations

from pipeline.geometry import Box, overlap_1d
from pipeline.layout.direction import ideographs
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


def headed_before(title: Box, heads: list[Box], rules: list[Box], walls: list[Box]) -> bool:
    """Whether a headline stands before ``title`` in its band, with no rule or wall between them."""
    width = title[2] - title[0]
    for h in heads:
        if h[1] >= title[1] or overlap_1d(h[0], h[2], title[0], title[2]) <= REACH * width:
            continue
        if not _rule_between(h, title, rules) and not _wall_between(h, title, walls):
            return True
    return False


def is_title(block: WorkBlock, size: float) -> bool:
    """Set like a short item's title: a subhead of three characters or more, no smaller than the body.

    In the turned frame a column's type size is its line's height.
    """
    if block.type not in OPENER_TYPES or not block.lines or len(ideographs(block.text)) < MIN_CHARS:
        return False
    return max(ln.box[3] - ln.box[1] for ln in block.lines) >= MIN_SIZE * size


def promote_openers(blocks: list[WorkBlock], rules: list[Box], walls: list[Box], size: float) -> list[str]:
    """Make each title that no headline precedes in its band a headline; returns their ids.

    ``blocks``, ``rules`` (horizontal) and ``walls`` (vertical rules) are in the turned frame;
    ``size`` is the body size.
    """
    heads = [b.box for b in blocks if b.type == "headline"]
    promoted = []
    for block in sorted(blocks, key=lambda b: b.box[1]):
        if is_title(block, size) and not headed_before(block.box, heads, rules, walls):
            block.type = "headline"
            block.group = block.group or f"o{len(promoted) + 1}"
            heads.append(block.box)
            promoted.append(block.id)
    return promoted

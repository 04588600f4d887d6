"""Module bounds drawn by white space: where a column's text stops belonging to the headline above.

A page is built of modules stacked in bands. Inside a module, text, pictures, captions and
subheads follow each other down a column with about a line pitch of white between them;
between bands the white is wider, and the next band's headlines stand in it. So text set
below such a gap, with a headline of its own in the gap beside it, starts that headline's
module, even when the headline of the band above reaches over its column and no rule parts
the two: modules parted by white space only are as separate as modules parted by rules.
"""

from __future__ import annotations

from pipeline.geometry import Box, area, contains_point, overlap_1d
from pipeline.state import TypeScale, WorkBlock

BAND_BREAK = 2.5
"""Least white (in line pitches) down a column that parts two modules: within one, text,
pictures and subheads follow each other at a line pitch or so."""
MEASURE_EMS = 12.0
"""A column's measure in ems where the page's measure is unknown."""
MODULE_COLUMNS = 3.0
"""How far to the side (in column measures) a module's headline may stand from its text: a
headline set flush right over a four-column module leaves three columns uncovered."""
MOVABLE = ("body", "subhead", "byline", "dateline", "image", "caption")
"""What a band break moves: a module's text and its pictures alike."""


def container(box: Box, frames: list[Box]) -> int:
    """Index of the smallest frame holding the centre of ``box`` (-1: the open page)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    inside = [k for k, f in enumerate(frames) if contains_point(f, cx, cy)]
    return min(inside, key=lambda k: area(frames[k]), default=-1)


def column_above(block: WorkBlock, blocks: list[WorkBlock], scale: TypeScale) -> WorkBlock | None:
    """The nearest block above ``block`` in its column (sharing half the narrower width)."""
    b = block.box
    near = [
        o
        for o in blocks
        if o is not block
        and o.type != "page_header"
        and o.box[1] < b[1]
        and o.box[3] <= b[1] + 0.3 * scale.line_pitch
        and overlap_1d(o.box[0], o.box[2], b[0], b[2]) >= 0.5 * min(o.box[2] - o.box[0], b[2] - b[0])
    ]
    return max(near, key=lambda o: o.box[3], default=None)


RULE_ACROSS = 0.8
"""A rule parts two blocks of a column when it runs across most of the lower one's width."""


def run_on(
    block: WorkBlock, blocks: list[WorkBlock], owners: dict[str, str], rules: list[Box], scale: TypeScale
) -> str | None:
    """The owner of what stands just above ``block`` in its column, when the block runs on from it.

    Inside a module a column's text, pictures and captions follow each other with about a
    line pitch of white; so text set under a picture or a caption (or under more text) of a
    module, with less than a band's white between and no rule or headline across, is that
    module's, whichever headline stands nearest above: an L-shaped module's column under
    its own photo keeps its headline though a neighbour's headline stands lower.
    """
    above = column_above(block, blocks, scale)
    if above is None or above.type not in MOVABLE or above.id not in owners:
        return None
    b, a = block.box, above.box
    if b[1] - a[3] >= BAND_BREAK * scale.line_pitch:
        return None
    if _rule_across(a, b, rules, scale) or _headline_across(a, b, blocks, scale):
        return None
    return owners[above.id]


def _rule_across(upper: Box, lower: Box, rules: list[Box], scale: TypeScale) -> bool:
    """A rule set between two blocks of a column, across most of the lower one."""
    width = lower[2] - lower[0]
    return any(
        upper[3] - 0.3 * scale.line_pitch < (r[1] + r[3]) / 2 < lower[1]
        and overlap_1d(r[0], r[2], lower[0], lower[2]) > RULE_ACROSS * width
        for r in rules
    )


def _headline_across(upper: Box, lower: Box, blocks: list[WorkBlock], scale: TypeScale) -> bool:
    """A headline set between two blocks of a column, over part of the lower one."""
    return any(
        h.type == "headline"
        and upper[3] <= h.box[1]
        and h.box[3] <= lower[1] + 0.3 * scale.line_pitch
        and overlap_1d(h.box[0], h.box[2], lower[0], lower[2]) > 0.25 * min(lower[2] - lower[0], h.box[2] - h.box[0])
        for h in blocks
    )


def _gap_x(a: Box, b: Box) -> float:
    return max(0.0, a[0] - b[2], b[0] - a[2])


def _head_in_gap(
    block: WorkBlock, above: WorkBlock, heads: list[WorkBlock], frames: list[Box], scale: TypeScale, owner: str
) -> str | None:
    """The headline standing in the white between ``above`` and ``block``, nearest beside it.

    It starts below ``above`` and ends by the block's first line, within ``MODULE_COLUMNS``
    measures of it to the side.
    """
    b, reach = block.box, MODULE_COLUMNS * (scale.measure or MEASURE_EMS * scale.em)
    home = container(b, frames)
    found = [
        h
        for h in heads
        if h.id != owner
        and above.box[3] - 0.3 * scale.line_pitch <= h.box[1] < b[1]
        and h.box[3] <= b[1] + scale.line_pitch  # a byline may stand level with the headline's last line
        and _gap_x(h.box, b) <= reach
        and container(h.box, frames) == home
    ]
    best = min(found, key=lambda h: (_gap_x(h.box, b), -h.box[3]), default=None)
    return best.id if best else None


def band_breaks(blocks: list[WorkBlock], owners: dict[str, str], frames: list[Box], scale: TypeScale) -> None:
    """Give text cut off from its headline's text by a band's white to the headline set in that white.

    Blocks are taken top to bottom, so a column's text below a moved block follows it.
    """
    heads = [b for b in blocks if b.type == "headline"]
    moved: dict[str, tuple[str, str]] = {}  # block id -> (old owner, new owner)
    for block in sorted(blocks, key=lambda b: b.box[1]):
        owner = owners.get(block.id)
        if block.type not in MOVABLE or owner is None:
            continue
        above = column_above(block, blocks, scale)
        if above is None:
            continue
        if above.id in moved and moved[above.id][0] == owner:
            owners[block.id] = moved[above.id][1]
            moved[block.id] = (owner, owners[block.id])
            continue
        if owners.get(above.id) != owner or block.box[1] - above.box[3] < BAND_BREAK * scale.line_pitch:
            continue  # under the headline itself the white is the title's own (subheadline, byline)
        head = _head_in_gap(block, above, heads, frames, scale, owner)
        if head is not None:
            owners[block.id] = head
            moved[block.id] = (owner, head)


TEXT = ("body", "subhead", "byline", "dateline")
"""What an article's text is set in, column by column."""
OPENERS = ("byline", "dateline")
"""Lines set at the head of a module's first column, over its text: text below one is not a run-on."""


def _beside_right(block: WorkBlock, blocks: list[WorkBlock], owners: dict[str, str], owner: str) -> WorkBlock | None:
    """The nearest text to the right of ``block``, level with it, owned by another headline."""
    b = block.box
    level = [
        o
        for o in blocks
        if o.type in TEXT
        and owners.get(o.id, owner) != owner
        and o.box[0] >= b[2] - 1
        and overlap_1d(o.box[1], o.box[3], b[1], b[3]) > 0
    ]
    return min(level, key=lambda o: o.box[0], default=None)


def after_close(
    blocks: list[WorkBlock], owners: dict[str, str], closes: list[tuple[WorkBlock, WorkBlock]], scale: TypeScale
) -> None:
    """Text set in the band to the right of an article's closing byline is the next module's.

    An article's text fills its columns in order, left to right, and closes with a byline
    at the foot of its last column. So a column to the right of that byline, level with
    the column it closes and not under the article's own headline, opens or continues the
    module beside it: it goes to the headline owning the text next to it on the right
    (modules side by side in a band, parted by white space only). A byline or dateline
    heading such a column goes with the text under it.
    """
    heads = {b.id: b for b in blocks if b.type == "headline"}
    for byline, closed in closes:
        owner = owners.get(byline.id)
        head = heads.get(owner or "")
        if head is None:
            continue
        right = max(byline.box[2], closed.box[2])
        h = head.box
        later = [
            b
            for b in blocks
            if owners.get(b.id) == owner
            and b.type in TEXT
            and b.box[0] >= right - 0.5 * scale.em
            and overlap_1d(b.box[1], b.box[3], closed.box[1], byline.box[3]) > 0
            and overlap_1d(h[0], h[2], b.box[0], b.box[2]) < 0.5 * (b.box[2] - b.box[0])
        ]
        for block in sorted((b for b in later if b.type not in OPENERS), key=lambda b: -b.box[0]):
            nxt = _beside_right(block, blocks, owners, owner or "")
            new = heads.get(owners[nxt.id]) if nxt is not None else None
            if new is not None and new.box[3] <= block.box[1] + 0.5 * scale.size:
                owners[block.id] = new.id
        for opener in (b for b in later if b.type in OPENERS):
            under = [
                b
                for b in later
                if b.type not in OPENERS
                and 0 <= b.box[1] - opener.box[3] <= scale.line_pitch
                and overlap_1d(b.box[0], b.box[2], opener.box[0], opener.box[2]) > 0
            ]
            if under:
                owners[opener.id] = owners[under[0].id]


def walled_apart(a: Box, b: Box, walls: list[Box]) -> bool:
    """A vertical rule standing between two boxes side by side, level with them both.

    A rule that bounds a module runs down from the module's top past its title; the type
    on its two sides belongs to two modules.
    """
    lo, hi = (a[2], b[0]) if a[2] <= b[0] else (b[2], a[0])
    return any(lo <= (w[0] + w[2]) / 2 <= hi and w[1] <= max(a[1], b[1]) and w[3] >= min(a[3], b[3]) for w in walls)


LABEL_OVER_TEXT = 1.0
"""Most white (in line pitches) between a title and the column text set right under it."""


def lone_titles(blocks: list[WorkBlock], labels: dict[str, str], scale: TypeScale) -> list[str]:
    """A kicker that no headline takes, set right over a column's text, is that text's headline.

    A kicker stands over its headline and a section label at its headline's top corner; a
    title with neither, with the text of a column starting under it (a line's white or less
    between, over the middle of its width) and no headline between, heads that text: it is
    the module's headline, set small. Returns the ids retyped.
    """
    grouped = {b.group for b in blocks if b.type == "headline" and b.group}
    heads = [b for b in blocks if b.type == "headline"]
    out = []
    for kicker in (b for b in blocks if b.type == "kicker" and b.id not in labels and b.group not in grouped):
        k = kicker.box
        under = [
            b
            for b in blocks
            if b.type == "body"
            and -0.3 * scale.line_pitch <= b.box[1] - k[3] <= LABEL_OVER_TEXT * scale.line_pitch
            and b.box[0] <= (k[0] + k[2]) / 2 <= b.box[2]
        ]
        if under and not any(_parts(k, under[0].box, h.box) for h in heads):
            kicker.type = "headline"
            kicker.group = kicker.group or f"l{len(out) + 1}"
            out.append(kicker.id)
    return out


def _parts(upper: Box, lower: Box, other: Box) -> bool:
    return (
        other[1] >= upper[3] - 1 and other[3] <= lower[1] + 1 and overlap_1d(other[0], other[2], upper[0], upper[2]) > 0
    )


SUB_GAP = 1.0
"""Most white (in line pitches) between a headline and the smaller title set under it as its subheadline."""
SUB_SMALLER = 0.85
"""A subheadline's lines are at most this fraction of the headline's line height (set smaller)."""


def _line_height(block: WorkBlock) -> float:
    heights = sorted(ln.height for ln in block.lines)
    return heights[len(heights) // 2] if heights else block.box[3] - block.box[1]


def _subheadline_of(upper: WorkBlock, lower: WorkBlock, scale: TypeScale) -> bool:
    u, low = upper.box, lower.box
    return (
        -0.3 * scale.line_pitch <= low[1] - u[3] <= SUB_GAP * scale.line_pitch
        and low[0] >= u[0] - scale.em
        and low[2] <= u[2] + scale.em
        and _line_height(lower) <= SUB_SMALLER * _line_height(upper)
    )


def stacked_subheadlines(blocks: list[WorkBlock], scale: TypeScale) -> None:
    """A smaller title set tight under a headline, inside its width, is its subheadline (副题).

    A module's text starts under its own headline; a second, smaller title directly
    under the first, with no text between and no other title beside it, belongs to the
    same title (a band title over several modules has several headlines under it, side
    by side). It is retyped as the headline's subheadline, in the headline's group.
    """
    heads = [b for b in blocks if b.type == "headline"]
    for upper in heads:
        under = [h for h in heads if h is not upper and h.type == "headline" and _subheadline_of(upper, h, scale)]
        if len(under) != 1:
            continue
        lower = under[0]
        beside = [
            h
            for h in heads
            if h is not upper
            and h is not lower
            and overlap_1d(h.box[1], h.box[3], lower.box[1], lower.box[3]) > 0
            and overlap_1d(h.box[0], h.box[2], upper.box[0], upper.box[2]) > 0
        ]
        if not beside and upper.group:
            lower.type, lower.group = "subheadline", upper.group

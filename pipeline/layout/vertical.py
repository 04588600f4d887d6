"""Vertical display type beside horizontal text: the 竖题 (vertical headline).

A vertical headline stands in one or more columns of display type at the side of
its article, usually the right, its top level with the article's first line;
the article's body runs horizontally beside it, in the columns up to the next
vertical rule or headline, down to the rule or headline that closes the module.
Its columns read from the right, like any vertical text; a smaller column on the
right is a kicker (read first), one on the left a subheadline.

On a page set vertically and read in the turned frame (:mod:`pipeline.layout.turn`),
a horizontal headline is a vertical one there, and the same rules apply.
"""

from __future__ import annotations

from pipeline.geometry import Box, overlap_1d
from pipeline.layout.articles import FLOW_TYPES
from pipeline.layout.display import Row, Stack, assign_roles
from pipeline.layout.features import LineInfo, is_vertical
from pipeline.state import WorkBlock

REACH = 4.0
"""Text this many body sizes beside a vertical headline (or nearer) is set beside it."""


def _walled(x0: float, x1: float, span: tuple[float, float], walls: list[Box]) -> bool:
    """A vertical rule between x0 and x1 alongside ``span`` (a y-range)."""
    return any(x0 < (w[0] + w[2]) / 2 < x1 and overlap_1d(w[1], w[3], *span) > 0 for w in walls)


def _beside(upper: LineInfo, line: LineInfo, walls: list[Box]) -> bool:
    """Whether ``line`` is the next column of display type left of ``upper``, both starting at about one top."""
    size = min(upper.size, line.size)
    gap = upper.x0 - line.x1
    tops = abs(upper.y0 - line.y0) <= 1.5 * max(upper.size, line.size)
    return -0.3 * size <= gap <= 1.0 * size and tops and not _walled(line.x1, upper.x0, (line.y0, line.y1), walls)


def vertical_stacks(lines: list[LineInfo], walls: list[Box]) -> list[Stack]:
    """Stacks of vertical display columns set side by side, each column one row, right to left."""
    groups: list[list[LineInfo]] = []
    for line in sorted(lines, key=lambda i: -i.x1):
        home = next((g for g in groups if _beside(g[-1], line, walls)), None)
        if home is None:
            groups.append([line])
        else:
            home.append(line)
    stacks = [Stack([Row([i]) for i in g]) for g in groups]
    for stack in stacks:
        stack.roles = assign_roles([r.size for r in stack.rows])
    return stacks


def is_vertical_head(block: WorkBlock) -> bool:
    """A headline block set in vertical columns (in the frame being read)."""
    return block.type == "headline" and bool(block.lines) and all(is_vertical(ln.box, ln.text) for ln in block.lines)


def _side(head: Box, flow: list[WorkBlock], walls: list[Box], size: float) -> int:
    """-1 when the article's text is left of the headline, 1 when right, 0 when neither."""
    span = (head[1], head[3])
    for side in (-1, 1):
        for block in flow:
            b = block.box
            gap = head[0] - b[2] if side < 0 else b[0] - head[2]
            near = -0.5 * size <= gap <= REACH * size and b[1] >= head[1] - 1.5 * size
            lo, hi = (b[2], head[0]) if side < 0 else (head[2], b[0])
            if near and overlap_1d(b[1], b[3], *span) > 0 and not _walled(lo, hi, span, walls):
                return side
    return 0


def _module(head: Box, side: int, blocks: list[WorkBlock], rules: list[Box], walls: list[Box], size: float) -> Box:
    """The area beside a vertical headline that its article fills."""
    span = (head[1], head[3])
    heads = [b.box for b in blocks if b.type == "headline" and b.box != head]
    edge = (min(b.box[0] for b in blocks), max(b.box[2] for b in blocks))  # the printed area
    if side < 0:
        stops = [w[2] for w in walls if w[2] <= head[0] and overlap_1d(w[1], w[3], *span) > 0]
        stops += [h[2] for h in heads if h[2] <= head[0] and overlap_1d(h[1], h[3], *span) > 0]
        x0, x1 = max(stops, default=edge[0]), head[0]
    else:
        stops = [w[0] for w in walls if w[0] >= head[2] and overlap_1d(w[1], w[3], *span) > 0]
        stops += [h[0] for h in heads if h[0] >= head[2] and overlap_1d(h[1], h[3], *span) > 0]
        x0, x1 = head[2], min(stops, default=edge[1])
    below = [r[1] for r in rules if r[1] > head[1] + size and overlap_1d(r[0], r[2], x0, x1) > 0.5 * (x1 - x0)]
    below += [h[1] for h in heads if h[1] > head[1] + size and overlap_1d(h[0], h[2], x0, x1) > 0]
    return x0, head[1] - 1.5 * size, x1, min(below, default=float("inf"))


def side_owners(blocks: list[WorkBlock], rules: list[Box], walls: list[Box], size: float) -> dict[str, str]:
    """Flow block id -> id of the vertical headline beside whose article area the block lies."""
    flow = [b for b in blocks if b.type in FLOW_TYPES]
    owners: dict[str, str] = {}
    for head in (b for b in blocks if is_vertical_head(b)):
        side = _side(head.box, flow, walls, size)
        if not side:
            continue
        x0, y0, x1, y1 = _module(head.box, side, blocks, rules, walls, size)
        for block in flow:
            b = block.box
            if x0 <= (b[0] + b[2]) / 2 <= x1 and y0 <= (b[1] + b[3]) / 2 <= y1:
                owners.setdefault(block.id, head.id)
    return owners

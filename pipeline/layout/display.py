"""Display type: headlines with their kickers (引题) and subheadlines (副题).

A headline is the largest type of its stack; a kicker is a smaller display line
set directly above it and a subheadline one set directly below, both within the
headline's width. Lines of one printed row (a headline broken at a wide space)
are joined first; rows then stack into groups when the gap between them is less
than the smaller row's type size (the gap between two articles is larger).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pipeline.geometry import Box, overlap_1d, union
from pipeline.layout.features import LineInfo

Role = Literal["kicker", "headline", "subheadline"]
HEADLINE_SHARE = 0.8
"""Rows at least this share of the largest size in their stack are headline rows."""


@dataclass
class Row:
    """Display lines printed on one row, left to right."""

    items: list[LineInfo]

    @property
    def box(self) -> Box:
        return union(i.box for i in self.items)

    @property
    def size(self) -> float:
        return max(i.size for i in self.items)

    @property
    def text(self) -> str:
        return "".join(i.text for i in sorted(self.items, key=lambda i: i.x0))


@dataclass
class Stack:
    """Display rows stacked top to bottom, each with its role."""

    rows: list[Row] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    @property
    def box(self) -> Box:
        return union(r.box for r in self.rows)

    def role_rows(self, role: Role) -> list[Row]:
        return [r for r, k in zip(self.rows, self.roles, strict=True) if k == role]


def _same_row(a: Box, b: Box, size: float, verticals: list[Box]) -> bool:
    """Two pieces of one printed row: same height band, a word space apart, no rule between."""
    h = min(a[3] - a[1], b[3] - b[1])
    if overlap_1d(a[1], a[3], b[1], b[3]) < 0.7 * h or h < 0.6 * max(a[3] - a[1], b[3] - b[1]):
        return False
    gap_lo, gap_hi = min(a[2], b[2]), max(a[0], b[0])
    if gap_hi - gap_lo > 0.8 * size:
        return False
    lo, hi = gap_lo - 0.5 * size, gap_hi + 0.5 * size
    return not any(lo <= (v[0] + v[2]) / 2 <= hi and overlap_1d(v[1], v[3], a[1], a[3]) > 0 for v in verticals)


def make_rows(lines: list[LineInfo], verticals: list[Box]) -> list[Row]:
    """Join display lines printed side by side on one row."""
    rows: list[Row] = []
    for line in sorted(lines, key=lambda i: i.x0):
        home = next((r for r in rows if _same_row(r.box, line.box, max(r.size, line.size), verticals)), None)
        if home is None:
            rows.append(Row([line]))
        else:
            home.items.append(line)
    return sorted(rows, key=lambda r: (r.box[1], r.box[0]))


def _stacks_on(upper: Row, lower: Row) -> bool:
    a, b = upper.box, lower.box
    gap = b[1] - a[3]
    smaller = min(upper.size, lower.size)
    # detector boxes of display type overlap a good part of their height
    return -0.8 * smaller <= gap <= 1.0 * smaller and overlap_1d(a[0], a[2], b[0], b[2]) > 0


def make_stacks(rows: list[Row]) -> list[Stack]:
    """Stack rows into headline groups and name each row's role."""
    stacks: list[Stack] = []
    for row in rows:
        home = next((s for s in stacks if _stacks_on(s.rows[-1], row)), None)
        if home is None:
            stacks.append(Stack([row]))
        else:
            home.rows.append(row)
    for stack in stacks:
        stack.roles = assign_roles([r.size for r in stack.rows])
    return stacks


def assign_roles(sizes: list[float]) -> list[Role]:
    """Kicker above, headline (the largest rows), subheadline below.

    >>> assign_roles([30, 60, 58, 28])
    ['kicker', 'headline', 'headline', 'subheadline']
    """
    top = max(sizes)
    big = [i for i, s in enumerate(sizes) if s >= HEADLINE_SHARE * top]
    first, last = big[0], big[-1]
    return ["kicker" if i < first else "subheadline" if i > last else "headline" for i in range(len(sizes))]


def attach(stack: Stack, line: LineInfo) -> bool:
    """Add a smaller line set tight above (kicker) or below (subheadline) the stack.

    Returns whether the line was taken.
    """
    box = stack.box
    if overlap_1d(box[0], box[2], line.x0, line.x1) < 0.8 * line.width:
        return False
    gap_below = line.y0 - box[3]
    gap_above = box[1] - line.y1
    reach = 1.0 * line.size
    # detector boxes of display type reach well into the neighbouring line's box
    if -0.5 * line.size <= gap_below <= reach:
        stack.rows.append(Row([line]))
        stack.roles.append("subheadline")
        return True
    if -0.5 * line.size <= gap_above <= reach:
        stack.rows.insert(0, Row([line]))
        stack.roles.insert(0, "kicker")
        return True
    return False

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
from pipeline.state import TextLine

Role = Literal["kicker", "headline", "subheadline"]
HEADLINE_SHARE = 0.8
"""Rows at least this share of the largest size in their stack are headline rows."""
LABEL_RATIO = 1.6
"""A headline beside a section label is set at least this many times the label's size."""


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

    def lines(self) -> list[TextLine]:
        """The row's lines left to right; a character read twice where two boxes overlap is kept once."""
        out: list[TextLine] = []
        prev: LineInfo | None = None
        for item in sorted(self.items, key=lambda i: i.x0):
            line = item.line
            twice = prev is not None and item.x0 < prev.x1 - 0.3 * item.size
            if twice and out and out[-1].text and line.text[:1] == out[-1].text[-1]:
                line = TextLine(line.id, line.quad, line.text[1:], line.confidence)
            out.append(line)
            prev = item
        return out

    @property
    def text(self) -> str:
        return "".join(ln.text for ln in self.lines())


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


SOLID = 0.25
"""Characters of one line are set solid, so where the detector breaks a printed line (at a quote
mark, say) its pieces stand under this share of the smaller piece's size apart; titles of two
modules stand at least a gutter apart."""


def _one_size(row: Row, line: LineInfo) -> bool:
    """Whether ``line`` continues a piece of ``row``: set solid against it, or in its type size
    (pieces of one printed line are); a piece of one or two characters says too little about its size to tell.
    A quote mark widens a piece's box and narrows its advance, so sizes alone would part such pieces."""
    return any(
        i.units < 3 or line.units < 3 or line.x0 - i.x1 <= SOLID * min(i.size, line.size) or same_size(i, line)
        for i in row.items
    )


def make_rows(lines: list[LineInfo], verticals: list[Box]) -> list[Row]:
    """Join display lines printed side by side on one row, in one type size.

    Two titles of different sizes may stand level a word space apart (a staggered
    line beside the neighbouring module's headline); the pieces of one line share its size.
    """
    rows: list[Row] = []
    for line in sorted(lines, key=lambda i: i.x0):
        home = next(
            (r for r in rows if _same_row(r.box, line.box, max(r.size, line.size), verticals) and _one_size(r, line)),
            None,
        )
        if home is None:
            rows.append(Row([line]))
        else:
            home.items.append(line)
    return sorted(rows, key=lambda r: (r.box[1], r.box[0]))


def _stacks_on(upper: Row, lower: Row) -> bool:
    """Rows of one stack: tight one above the other and sharing an axis or an edge.

    The lines of a headline group are centred on one another or set flush; a
    smaller line that merely overlaps a corner of a headline is set apart (a
    section label at the module's corner).
    """
    a, b = upper.box, lower.box
    gap = b[1] - a[3]
    small, large = sorted((upper, lower), key=lambda r: r.size)
    # detector boxes of display type overlap a good part of their height
    if not (-0.8 * small.size <= gap <= 1.0 * small.size and overlap_1d(a[0], a[2], b[0], b[2]) > 0):
        return False
    return small.size >= HEADLINE_SHARE * large.size or any(aligned(large.box, i) for i in small.items)


def make_stacks(rows: list[Row]) -> list[Stack]:
    """Stack rows into headline groups and name each row's role (each row a title of its own)."""
    return stack_groups([[r] for r in rows])


def stack_groups(groups: list[list[Row]]) -> list[Stack]:
    """Stack title groups (rows of one title, see :mod:`pipeline.layout.titles`) and name each row's role.

    A group stays whole: all its rows take one role, the role of the group's size
    in its stack (:func:`assign_roles`).
    """
    stacks: list[Stack] = []
    parts: list[list[list[Row]]] = []
    for group in sorted(groups, key=lambda g: (g[0].box[1], g[0].box[0])):
        home = next((k for k, s in enumerate(stacks) if _stacks_on(s.rows[-1], group[0])), None)
        if home is None:
            stacks.append(Stack(list(group)))
            parts.append([group])
        else:
            stacks[home].rows.extend(group)
            parts[home].append(group)
    for stack, members in zip(stacks, parts, strict=True):
        roles = assign_roles([max(r.size for r in g) for g in members], [_weight(g) for g in members])
        stack.roles = [role for g, role in zip(members, roles, strict=True) for _ in g]
    for stack in stacks:
        alone = len(stack.rows) == 1
        if alone and any(is_side_label(stack.box, stack.rows[0].size, other) for other in stacks if other is not stack):
            stack.roles = ["kicker"]
    return stacks


def at_top_corner(label: Box, head: Box, reach: float) -> bool:
    """Whether ``label`` sits at ``head``'s top corner: level with its top or just above it,
    and at most ``reach`` to its side. That is where a section label (栏目名) is set."""
    level = label[1] <= head[1] <= label[3] + (label[3] - label[1])
    return level and max(head[0] - label[2], label[0] - head[2]) <= reach


def is_side_label(box: Box, size: float, other: Stack) -> bool:
    """Whether display type at ``box`` is a section label (栏目名) set beside ``other``'s headline.

    A headline is the largest type of its module; a line in much smaller display
    type at its top corner (not aligned with it, see :func:`_stacks_on`) names
    the section, not an article of its own.
    """
    return any(
        role == "headline" and row.size >= LABEL_RATIO * size and at_top_corner(box, row.box, 2 * row.size)
        for row, role in zip(other.rows, other.roles, strict=True)
    )


LIGHTER = 0.8
"""A title group whose stroke weight is under this share of the largest group's is set in a lighter
face (Song or Kai beside a bold Hei headline): it is a kicker or subheadline, whatever its size.
Lines of one face scatter by less (``SAME_WEIGHT``, a fifth, between two single lines)."""


def _weight(rows: list[Row]) -> float:
    inks = sorted(i.ink for r in rows for i in r.items)
    return inks[len(inks) // 2] if inks else 0.0


FACE = 0.6
"""A row of headline size under this share of another's stroke weight is set in another face: a light
Song or Kai line beside a bold Hei one. Weights of one face, even at two sizes, stay well above it."""


def headline_weight(sizes: list[float], weights: list[float]) -> float:
    """The stroke weight of the headline's face among the rows of headline size.

    The headline is set in the heaviest face of its group: where a row of headline size
    is set in a face under ``FACE`` of the heaviest one's weight (a light Song or Kai
    kicker or subheadline set larger than a bold Hei headline), the headline is the
    heaviest row; where all rows of headline size share a face, it is the largest row's.

    >>> headline_weight([60, 52], [0.05, 0.11])  # a light kicker larger than the bold headline
    0.11
    >>> headline_weight([60, 52], [0.09, 0.11])  # one face: the largest row's weight
    0.09
    """
    top = max(sizes)
    big = [w for s, w in zip(sizes, weights, strict=True) if s >= HEADLINE_SHARE * top]
    heaviest = max(big)
    if any(w < FACE * heaviest for w in big):
        return heaviest
    return weights[sizes.index(top)]


def assign_roles(sizes: list[float], weights: list[float] | None = None) -> list[Role]:
    """Kicker above, headline (the largest rows in the headline's weight), subheadline below.

    >>> assign_roles([30, 60, 58, 28])
    ['kicker', 'headline', 'headline', 'subheadline']
    >>> assign_roles([55, 56, 58], [0.05, 0.11, 0.1])
    ['kicker', 'headline', 'headline']
    >>> assign_roles([42, 40], [0.117, 0.08])  # a Song subheadline nearly as large as the bold headline
    ['headline', 'subheadline']
    >>> assign_roles([60, 52, 30], [0.05, 0.11, 0.06])  # a light Kai kicker set larger than the bold headline
    ['kicker', 'headline', 'subheadline']
    """
    top = max(sizes)
    heavy = headline_weight(sizes, weights) if weights else 0.0
    big = [
        i for i, s in enumerate(sizes) if s >= HEADLINE_SHARE * top and (not weights or weights[i] >= LIGHTER * heavy)
    ]
    first, last = big[0], big[-1]
    return ["kicker" if i < first else "subheadline" if i > last else "headline" for i in range(len(sizes))]


FLUSH_REACH = 2.0
"""A line set flush left with a title group may be up to this many times its width: a headline
broken into two short lines over a long one-line subheadline."""


def aligned(box: Box, line: LineInfo, within: bool = True) -> bool:
    """Whether a line is centred on a stack or flush left with it (or, if ``within``, inside its width).

    >>> from pipeline.state import TextLine
    >>> def line(x0, x1):
    ...     quad = [(x0, 0), (x1, 0), (x1, 40), (x0, 40)]
    ...     return LineInfo(TextLine("l", quad, "副题", 1.0), (x0, 0, x1, 40), 40, 0.07, False)
    >>> head = (100, 0, 500, 160)  # a headline broken into two short lines
    >>> aligned(head, line(102, 900)), aligned(head, line(-100, 700)), aligned(head, line(102, 1400))
    (True, False, False)
    """
    if within and overlap_1d(box[0], box[2], line.x0, line.x1) >= 0.8 * line.width:
        return True
    width = box[2] - box[0]
    centred = abs((line.x0 + line.x1) / 2 - (box[0] + box[2]) / 2) <= 0.15 * width
    flush = abs(line.x0 - box[0]) <= line.size
    # a headline broken into short lines may have a subheadline set flush with it that runs on past it
    return (centred and line.width <= 1.6 * width) or (flush and line.width <= FLUSH_REACH * width)


SAME_SIZE = 0.1
"""Lines of one headline share their size within this share (detector boxes scatter a little)."""
SAME_WEIGHT = 0.2
"""... and their weight (stroke width over size) within this share."""


SAME_ADVANCE = 0.06
"""... or their advance per character within this share: the advance is the type's size whatever
characters the line holds, where box heights scatter with the glyphs (稻谷进仓 boxes taller than 农民心里踏实)."""
LOOSE_SIZE = 0.2
"""Box heights of lines of one size and advance differ by at most this share."""


def same_size(a: LineInfo, b: LineInfo) -> bool:
    """Whether two lines are set in one type size: box heights agree, or advances agree and heights nearly."""
    if abs(a.size - b.size) <= SAME_SIZE * a.size:
        return True
    if a.units < 3 or b.units < 3 or a.vertical or b.vertical:
        return False
    close = abs(a.size - b.size) <= LOOSE_SIZE * max(a.size, b.size)
    return close and abs(a.pitch - b.pitch) <= SAME_ADVANCE * max(a.pitch, b.pitch)


def same_type(row: Row, line: LineInfo) -> bool:
    """Whether ``line`` is set in the size and weight of ``row``: another line of the same headline."""
    return any(same_size(i, line) and abs(i.ink - line.ink) <= SAME_WEIGHT * max(i.ink, line.ink) for i in row.items)


def attach(stack: Stack, line: LineInfo) -> bool:
    """Add a line set tight above (kicker) or below (subheadline) the stack.

    A line in the size and weight of the headline row it touches continues that
    headline (a small headline read as medium type line by line), whatever its
    place. Returns whether the line was taken.
    """
    box = stack.box
    if line.units < 2 or not aligned(box, line):
        return False  # a lone mark (□, an ornament) leads into no headline
    gap_below = line.y0 - box[3]
    gap_above = box[1] - line.y1
    reach = 1.0 * line.size
    # detector boxes of display type reach well into the neighbouring line's box
    if -0.8 * line.size <= gap_below <= reach:
        same = stack.roles[-1] == "headline" and same_type(stack.rows[-1], line)
        stack.rows.append(Row([line]))
        stack.roles.append("headline" if same else "subheadline")
        return True
    if -0.8 * line.size <= gap_above <= reach:
        same = stack.roles[0] == "headline" and same_type(stack.rows[0], line)
        stack.rows.insert(0, Row([line]))
        stack.roles.insert(0, "headline" if same else "kicker")
        return True
    return False

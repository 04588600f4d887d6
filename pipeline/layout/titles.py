"""Lines of one title, grouped before any role is named; then whether a group is a title.

A headline set on two or three lines keeps one face, one size and one weight on
every line, and its lines follow one another at the title's own tight leading:
centred or flush on one another, or staggered (错落: the first line set left, the
next one set right, starting about where the first one ends). So rows of display
and medium type are first grouped by shared type and adjacency; only then is each
group read as a title (headline, kicker, subheadline) or as type inside running
text (a subhead), from what it is and where it stands.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from pipeline.geometry import Box, overlap_1d, union
from pipeline.layout.columns import Run
from pipeline.layout.display import Row, same_type
from pipeline.layout.features import LineInfo
from pipeline.layout.roles import relative_size
from pipeline.layout.subheads import run_above, run_below
from pipeline.state import TypeScale

LEADING = 0.7
"""Most white space between two lines of one title, in the title's own size.

Titles are set solid or with a quarter to a half of their size as leading;
detector boxes pad each line, so the measured gap is smaller still."""
STAGGER_REACH = 1.0
"""A staggered second line starts at most this many column measures right of where the first ends:
each line is set flush to one edge of the module, so the white space between them can be wide."""
WIDE = 1.15
"""A group wider than this many column measures spans columns: no subhead is wider than its column."""
FOLLOW = 1.6
"""A byline or dateline this many body line pitches below a group follows it: it opens an article."""
LEVEL = 1.0
"""Body text whose top is within this many line pitches of a line's top stands level with it."""


GUTTER_REACH = 6.0
"""How far below a title (in body line pitches) the columns it heads are looked for."""


def _covered(x: float, lines: list[LineInfo]) -> bool:
    return any(i.x0 <= x <= i.x1 for i in lines)


def over_gutter(left: LineInfo, right: LineInfo, below: list[LineInfo], em: float) -> bool:
    """Whether the space between two pieces of a row lies over a gutter of the columns below.

    A headline broken at a wide space stands over running text; two modules'
    titles set level, a gutter apart, each stand over their own columns, and the
    space between them continues the white of the gutter.
    """
    if right.x0 - left.x1 < GUTTER * em:
        return False  # pieces that touch are one line the detector broke, not two titles
    mid = (left.x1 + right.x0) / 2
    under_left = [i for i in below if i.x1 <= mid]
    under_right = [i for i in below if i.x0 >= mid]
    return bool(under_left) and bool(under_right) and not _covered(mid, below)


GUTTER = 0.75
"""The narrowest gutter, in body ems: titles of two modules side by side stand at least this far apart
(a column gutter is about one body em); a narrower space inside a row is a space inside one title."""
NEAR = 1.5
"""Lines set directly beneath a row start within this many body line pitches of its foot."""


def _under(box: Box, lines: list[LineInfo], reach: float) -> list[LineInfo]:
    return [i for i in lines if -0.3 * i.size <= i.y0 - box[3] <= reach and overlap_1d(i.x0, i.x1, box[0], box[2]) > 0]


def _apart(left: LineInfo, right: LineInfo, near: list[LineInfo], far: list[LineInfo], em: float) -> bool:
    """Two pieces of a row a gutter apart that are titles of their own: set in different type, or with
    nothing beneath bridging the space between them."""
    if right.x0 - left.x1 < GUTTER * em:
        return False
    if not same_type(Row([left]), right):
        return True
    return over_gutter(left, right, near, em) or over_gutter(left, right, far, em)


def split_at_gutters(rows: list[Row], body: list[LineInfo], scale: TypeScale) -> list[Row]:
    """Rows cut between pieces that are titles of their own (see :func:`over_gutter`).

    A headline broken at a wide space keeps its type on both sides of it, and the
    lines set directly beneath it (its second line, or the text) run under the space; where each piece has its own line
    beneath it instead, the pieces are titles of modules side by side. Failing
    lines directly beneath, the columns further down decide.
    """
    pitch = scale.line_pitch or 1.3 * scale.size
    lines = body + [i for r in rows for i in r.items]
    out: list[Row] = []
    for row in rows:
        box = row.box
        near = [i for i in _under(box, lines, NEAR * pitch) if i not in row.items]
        far = _under(box, body, GUTTER_REACH * pitch)
        items = sorted(row.items, key=lambda i: i.x0)
        piece = [items[0]]
        for prev, item in itertools.pairwise(items):
            if _apart(prev, item, near, far, scale.em):
                out.append(Row(piece))
                piece = []
            piece.append(item)
        out.append(Row(piece))
    return sorted(out, key=lambda r: (r.box[1], r.box[0]))


@dataclass
class Group:
    """Rows of one title: shared size and weight, set one under another."""

    rows: list[Row] = field(default_factory=list)

    @property
    def box(self) -> Box:
        return union(r.box for r in self.rows)

    @property
    def size(self) -> float:
        return max(r.size for r in self.rows)

    @property
    def items(self) -> list[LineInfo]:
        return [i for r in self.rows for i in r.items]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.rows)


def _walled(a: Box, b: Box, walls: list[Box]) -> bool:
    """A vertical rule between two boxes side by side (it bounds two modules)."""
    lo, hi = min(a[2], b[2]), max(a[0], b[0])
    top, bottom = min(a[1], b[1]), max(a[3], b[3])
    return any(lo - 2 <= (w[0] + w[2]) / 2 <= hi + 2 and overlap_1d(w[1], w[3], top, bottom) > 0 for w in walls)


def _clear(area: Box, boxes: list[Box], margin: float) -> bool:
    """Whether no box reaches more than ``margin`` into ``area`` (white paper there)."""
    x0, y0, x1, y1 = area[0] + margin, area[1] + margin, area[2] - margin, area[3] - margin
    return x0 < x1 and y0 < y1 and not any(b[0] < x1 and b[2] > x0 and b[1] < y1 and b[3] > y0 for b in boxes)


STAGGER_FILL = 1 / 3
"""The lines of a headline staggered across a wide module fill at least this share of its width."""


def wide_stagger(upper: Row, lower: Row, others: list[Box]) -> bool:
    """Whether ``lower`` is the second line of a headline staggered across a wide module.

    Set flush left and flush right over several columns, the two lines stand far apart,
    but only white paper lies beside them: between the first line's end and the second
    line's start, above the second line level with the first, and under the first
    level with the second. (Two modules' titles have their own text or type there.)
    The two lines fill at least ``STAGGER_FILL`` of the width they span.
    """
    a, b = upper.box, lower.box
    if b[0] <= a[2] or (a[2] - a[0]) + (b[2] - b[0]) < STAGGER_FILL * (b[2] - a[0]):
        return False
    margin = 0.2 * min(upper.size, lower.size)
    areas = ((a[2], a[1], b[0], b[3]), (b[0], a[1], b[2], b[1]), (a[0], a[3], a[2], b[3]))
    return all(_clear(area, others, margin) for area in areas if area[3] - area[1] > 2 * margin)


def follows(upper: Row, lower: Row, walls: list[Box], reach: float, others: list[Box] | None = None) -> int:
    """How ``lower`` continues the title line ``upper``: 2 set under it, 1 staggered, 0 not at all.

    Both must share size and weight and stand one title-leading apart. A line set
    under the other overlaps it across; a staggered line starts right of the first
    line's start, at most ``reach`` (px) beyond its end (or further, with white paper
    round both, see :func:`wide_stagger`, when ``others`` gives the page's other lines),
    with no rule between.
    """
    size = min(upper.size, lower.size)
    a, b = upper.box, lower.box
    gap = b[1] - a[3]
    # detector boxes of display type reach well into the neighbouring line's box
    if not (-0.8 * size <= gap <= LEADING * size) or not any(same_type(upper, i) for i in lower.items):
        return 0
    if overlap_1d(a[0], a[2], b[0], b[2]) > 0:
        return 2
    staggered = a[0] < b[0] and (b[0] - a[2] <= reach or (others is not None and wide_stagger(upper, lower, others)))
    return 1 if staggered and not _walled(a, b, walls) else 0


def _beside(row: Row, upper: Row, rows: list[Row]) -> bool:
    """Whether another row stands level with ``row`` between it and ``upper``'s start: ``row`` is set beside
    that one (another module's title), not staggered under ``upper``."""
    b = row.box
    return any(
        r is not row
        and r is not upper
        and overlap_1d(r.box[1], r.box[3], b[1], b[3]) > 0
        and upper.box[0] - 1 <= r.box[2] <= b[0] + 1
        for r in rows
    )


def group_rows(
    rows: list[Row], walls: list[Box], measure: float = 0.0, others: list[LineInfo] | None = None
) -> list[Group]:
    """Group rows (top to bottom) into titles: each row continues the group it follows best.

    ``measure``: the column measure (px), which bounds how far apart staggered lines stand
    unless ``others`` (the page's lines outside the rows) leave white paper round them.
    """
    reach = STAGGER_REACH * measure if measure > 0 else 4 * max((r.size for r in rows), default=0.0)
    groups: list[Group] = []
    for row in sorted(rows, key=lambda r: (r.box[1], r.box[0])):
        boxes = None if others is None else [i.box for i in others] + [r.box for r in rows if r is not row]
        scored = [(follows(g.rows[-1], row, walls, reach, _without_row(boxes, g.rows[-1])), g) for g in groups]
        scored = [(s, g) for s, g in scored if s == 2 or (s == 1 and not _beside(row, g.rows[-1], rows))]
        if scored:
            best = max(scored, key=lambda sg: (sg[0], sg[1].rows[-1].box[3]))[1]
            best.rows.append(row)
        else:
            groups.append(Group([row]))
    return groups


def _without_row(boxes: list[Box] | None, row: Row) -> list[Box] | None:
    return None if boxes is None else [b for b in boxes if b != row.box]


@dataclass(frozen=True)
class Setting:
    """Where a group stands: the body runs, rules and lines around it, and the page's type scale."""

    scale: TypeScale
    runs: list[Run]
    rules: list[Box]
    body: list[LineInfo]
    openers: list[LineInfo]  # bylines and datelines: lines that open (or close) an article


def _same_column(upper: Run, lower: Run, em: float) -> bool:
    (a0, a1), (b0, b1) = upper.edges, lower.edges
    return abs(a0 - b0) <= 1.5 * em and abs(a1 - b1) <= 1.5 * em


def inside_text(box: Box, where: Setting) -> bool:
    """Whether a line stands inside a run of body text: body of the same column just above and below.

    That is where a subhead (小标题) is set: between two paragraphs of one
    column, no rule between it and the text above.
    """
    size = where.scale.size
    above = run_above(box, where.runs, where.rules, size)
    below = run_below(box, where.runs, size)
    if above is None or below is None or not _same_column(above, below, where.scale.em):
        return False
    return not _closed(above.box, box, where.openers)


def _closed(upper: Box, box: Box, openers: list[LineInfo]) -> bool:
    """Whether a byline stands between the text above and the line: the article above ended there."""
    return any(upper[3] - 1 <= i.cy <= box[1] + 1 and overlap_1d(i.x0, i.x1, box[0], box[2]) > 0 for i in openers)


def continues_column(box: Box, where: Setting) -> bool:
    """Whether body text stands level with the line's top in the column just to its left.

    The columns of one article start level under its headline, so a line at the
    top of such a column tops running text that ended in the column before (a
    subhead), not a module of its own.
    """
    em, pitch = where.scale.em, where.scale.line_pitch or 1.3 * where.scale.size
    return any(0 <= box[0] - i.x1 <= 2.5 * em and abs(i.y0 - box[1]) <= LEVEL * pitch for i in where.body)


def opens_article(box: Box, where: Setting) -> bool:
    """Whether a byline or dateline is set just below the line, within its width: an article starts here."""
    reach = FOLLOW * (where.scale.line_pitch or 1.3 * where.scale.size)
    return any(
        -0.3 * i.size <= i.y0 - box[3] <= reach and overlap_1d(i.x0, i.x1, box[0], box[2]) > 0.5 * i.width
        for i in where.openers
    )


def title_evidence(group: Group, where: Setting) -> list[str]:
    """The typesetting facts that make a group of medium type a title rather than a subhead."""
    box = group.box
    facts = []
    if len(group.rows) >= 2:
        facts.append("lines")  # a title broken over lines of one type; a subhead is one short line
    if where.scale.measure > 0 and box[2] - box[0] > WIDE * where.scale.measure:
        facts.append("wide")  # set across columns
    if opens_article(box, where):
        facts.append("opens")
    size = where.scale.size
    heads_run = run_below(box, where.runs, size) is not None or "opens" in facts
    if heads_run and run_above(box, where.runs, where.rules, size) is None and not continues_column(box, where):
        facts.append("top")  # heads a column run of its own
    return facts


def relative(group: Group, scale: TypeScale) -> float:
    """The group's type size in body sizes (by height and advance, see :func:`roles.relative_size`)."""
    return max(relative_size(i, scale.size, scale.em) for i in group.items)


def is_title(group: Group, where: Setting, larger: float) -> bool:
    """Whether a group of medium type (above body size or bold, below display size) is a title.

    A subhead sits inside a run of body text with body above and below it in the
    same column, on one line no wider than the column. Medium type anywhere else
    (at the top of a column run, over a byline or dateline, across columns, on
    two or more lines of one type) is a small headline or part of a title. Bold
    type at body size (below ``larger`` body sizes) is how subheads are set: it
    heads an article only where a byline or dateline follows it or it spans columns.
    """
    facts = title_evidence(group, where)
    if "opens" in facts:
        return True  # a byline or dateline follows: no subhead is set over one
    single = len(group.rows) == 1
    narrow = where.scale.measure <= 0 or group.box[2] - group.box[0] <= WIDE * where.scale.measure
    if single and narrow and inside_text(group.box, where):
        return False
    if relative(group, where.scale) < larger:
        return "opens" in facts or "wide" in facts
    return bool(facts)

"""Kickers (引题) set in type close to body size: a short line tight above a headline.

A kicker leads into the headline: one line, often in Kai or Song at 1.1-1.3x the
body, so its size alone does not set it apart. Its place does: it stands just
above the headline, closer to it than any line of running text stands to a
headline, centred on it or flush with it (or centred over the module's columns
when the headline is set flush left in them), and it is no line of a column of text
(no body line sits a line pitch above it in its column). It ends without a
sentence-final stop.
"""

from __future__ import annotations

from pipeline.geometry import Box, overlap_1d, union
from pipeline.layout.display import Row, Stack
from pipeline.layout.features import LineInfo
from pipeline.state import TypeScale

TIGHT = 0.8
"""Most white space between a kicker and its headline, in the kicker's size (boxes are padded)."""
CENTRED = 1.5
"""A centred kicker's centre lies within this many body ems of the headline's centre."""
FLUSH = 1.0
"""A flush kicker starts (or ends) within this many body ems of the headline's edge."""
PADDED = 0.5
"""Detected boxes are padded, so the boxes of lines set tight one over the other may overlap by
up to this share of the smaller line's size."""
STOPS = "。！？；…"
"""Sentence-final marks: running text ends on them, titles do not."""


def _set_with(line: LineInfo, box: Box, em: float) -> bool:
    """Whether ``line`` is centred on ``box`` or set flush with one of its edges."""
    centre = abs((line.x0 + line.x1) / 2 - (box[0] + box[2]) / 2) <= CENTRED * em
    return centre or abs(line.x0 - box[0]) <= FLUSH * em or abs(line.x1 - box[2]) <= FLUSH * em


def _aligned(line: LineInfo, head: Box, em: float) -> bool:
    """Whether ``line`` is set with the headline and within its width."""
    inside = line.x0 >= head[0] - FLUSH * em and line.x1 <= head[2] + FLUSH * em
    return inside and _set_with(line, head, em)


BODY_REACH = 3.0
"""The module's text starts within this many line pitches under its headline."""


def _over_module(line: LineInfo, head: Box, body: list[LineInfo], scale: TypeScale) -> bool:
    """Whether ``line`` is centred over columns the headline heads, the headline set flush left in them.

    The columns start under the headline (their left edge is the headline's) and the
    module ends at the right edge of one of the columns set there; the kicker is
    centred between the module's edges and stands over the headline.
    """
    em, pitch = scale.em, scale.line_pitch or 1.3 * scale.size
    under = [i for i in body if 0 <= i.y0 - head[3] <= BODY_REACH * pitch and i.x0 >= head[0] - FLUSH * em]
    first = [i for i in under if overlap_1d(i.x0, i.x1, head[0], head[2]) > 0]
    if not first or abs(min(i.x0 for i in first) - head[0]) > FLUSH * em:
        return False
    left, centre = min(i.x0 for i in first), (line.x0 + line.x1) / 2
    if overlap_1d(line.x0, line.x1, head[0], head[2]) <= 0:
        return False
    return any(
        abs(centre - (left + i.x1) / 2) <= CENTRED * em and line.x1 <= i.x1 + FLUSH * em
        for i in under
        if i.x1 >= head[2] - FLUSH * em
    )


def _in_column(line: LineInfo, body: list[LineInfo], scale: TypeScale) -> bool:
    """Whether a body line stands a line pitch (or less) above ``line``, across most of it: a column of text.

    Running text is set to the column measure, so a line wider than the measure is no column's line
    (the upper line of a two-line kicker centred over a wide headline stands over its lower line).
    """
    pitch = scale.line_pitch or 1.3 * scale.size
    widest = scale.measure + FLUSH * scale.em if scale.measure > 0 else float("inf")
    return any(
        0 < line.cy - o.cy <= 1.3 * pitch
        and overlap_1d(o.x0, o.x1, line.x0, line.x1) > 0.5 * min(o.width, line.width)
        and o.width <= widest
        for o in body
        if o is not line
    )


def kicker_for(line: LineInfo, stack: Stack, body: list[LineInfo], scale: TypeScale) -> bool:
    """Whether ``line`` is the kicker of ``stack``'s headline (see the module docstring)."""
    if not stack.roles or stack.roles[0] not in ("headline", "kicker") or line.units < 3 or line.vertical:
        return False
    if line.text.rstrip()[-1:] in STOPS:
        return False
    if "headline" not in stack.roles:
        return False
    head = union(r.box for r in stack.role_rows("headline"))
    if stack.roles[0] == "kicker":  # a line tight over its kicker's first: the two lines of one kicker
        first = stack.rows[0].box
        if line.y1 > first[1] + PADDED * line.size or first[1] - line.y1 > TIGHT * line.size:
            return False
        placed = _set_with(line, first, scale.em) and _aligned(line, head, scale.em)
        return placed and not _in_column(line, body, scale)
    gap = head[1] - line.y1
    if not (-PADDED * line.size <= gap <= TIGHT * line.size) or line.size >= stack.rows[0].size:
        return False
    placed = _aligned(line, head, scale.em) or _over_module(line, head, body, scale)
    return placed and not _in_column(line, body, scale)


def take_kickers(stacks: list[Stack], body: list[LineInfo], scale: TypeScale) -> list[LineInfo]:
    """Put body-type kickers into their stacks; returns the body lines left."""
    taken: set[int] = set()
    for line in sorted(body, key=lambda i: -i.y1):  # bottom up: a kicker's lower line sits on its headline
        home = next((s for s in stacks if kicker_for(line, s, body, scale)), None)
        if home is not None:
            home.rows.insert(0, Row([line]))
            home.roles.insert(0, "kicker")
            taken.add(id(line))
    return [line for line in body if id(line) not in taken]

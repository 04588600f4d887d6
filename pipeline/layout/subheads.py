"""In-article subheads (小标题): bold or slightly larger lines set inside a column.

A subhead sits between two runs of body text of one column, no wider than the
column, with no rule between it and the text above; its type is at most a little
larger than the body. A line set the same way at the top of a column (the text
above ended in the previous column) has only the run below.
"""

from __future__ import annotations

from pipeline.geometry import Box, overlap_1d
from pipeline.layout.columns import Run
from pipeline.layout.features import LineInfo

MAX_SUBHEAD = 1.6
"""Subheads are set at most this many body sizes; larger single-column type is a headline."""
REACH = 3.0
"""How far (in body sizes) the body text above and below may be."""


def _width_ok(info: LineInfo | Box, run: Run) -> bool:
    x0, x1 = (info.x0, info.x1) if isinstance(info, LineInfo) else (info[0], info[2])
    return overlap_1d(x0, x1, run.left, run.right) >= 0.5 * (x1 - x0) and x1 - x0 <= 1.2 * (run.right - run.left)


def run_below(box: Box, runs: list[Run], size: float) -> Run | None:
    """The run starting just below ``box`` within its width."""
    for run in runs:
        gap = run.box[1] - box[3]
        if -0.3 * size <= gap <= REACH * size and _width_ok(box, run):
            return run
    return None


def run_above(box: Box, runs: list[Run], rules: list[Box], size: float) -> Run | None:
    """The run ending just above ``box`` within its width, with no rule in between."""
    for run in runs:
        bottom = run.box[3]
        gap = box[1] - bottom
        if not (-0.3 * size <= gap <= REACH * size and _width_ok(box, run)):
            continue
        crossed = any(
            bottom - 1 <= (r[1] + r[3]) / 2 <= box[1] + 1 and overlap_1d(r[0], r[2], box[0], box[2]) > 0 for r in rules
        )
        if not crossed:
            return run
    return None


def is_subhead(box: Box, rel_size: float, runs: list[Run], rules: list[Box], size: float, display: bool) -> bool:
    """Whether a line (or row) at ``box`` is a subhead inside a column of body text."""
    if rel_size >= MAX_SUBHEAD or run_below(box, runs, size) is None:
        return False
    return not display or run_above(box, runs, rules, size) is not None


def _pitch(run: Run, size: float) -> float:
    steps = [b.cy - a.cy for a, b in zip(run.lines, run.lines[1:], strict=False)]
    return sorted(steps)[len(steps) // 2] if steps else 1.3 * size


def in_rhythm(info: LineInfo, runs: list[Run], rules: list[Box], size: float) -> bool:
    """Whether a line sits at the regular line pitch between body lines above and below it.

    Such a line is body text set partly in bold (a dateline running over two lines);
    a subhead has extra space around it.
    """
    below = run_below(info.box, runs, size)
    if below is None:
        return False
    pitch = _pitch(below, size)
    if below.lines[0].cy - info.cy > 1.25 * pitch:
        return False
    for run in runs:
        for line in run.lines:
            near = 0 < info.cy - line.cy <= 1.25 * pitch
            if near and overlap_1d(line.x0, line.x1, info.x0, info.x1) > 0.5 * min(line.width, info.width):
                return True
    return False

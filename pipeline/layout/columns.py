"""Runs of body lines down one column, and the column grid they reveal.

A run is what a reader follows without lifting the eye: lines of body type stacked
at the regular line pitch, sharing a left or right edge. Runs break at rules,
headlines, subheads and photos (anything set between two lines) and at gaps
wider than a blank line. Columns are the x-intervals that runs share; they are
kept per module, since a headline spanning several columns starts a new grid.
Steps down a column are in line pitches, edges across it in ems
(:mod:`pipeline.layout.units`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from pipeline.config import LayoutOptions
from pipeline.geometry import Box, overlap_1d, union
from pipeline.layout.features import LineInfo
from pipeline.layout.units import scale_of
from pipeline.state import TypeScale

_DEFAULTS = LayoutOptions()
MIN_PITCH = 0.4
"""Smallest step, in line pitches: a line less far below is set beside, not under, the last one."""
INDENT_SLACK = 3.5
"""How far (in ems) a line's left edge may sit from its run's: a two-character indent, and some."""
OVERHANG = 2.0
"""How far (in ems) past a run's right edge a line may reach and still be one of its lines."""


@dataclass
class Run:
    """Consecutive body lines in one column (add lines with :meth:`add` to keep its edges)."""

    lines: list[LineInfo] = field(default_factory=list)
    left: float = float("inf")
    right: float = float("-inf")

    def __post_init__(self) -> None:
        if self.lines:
            self.left = min(i.x0 for i in self.lines)
            self.right = max(i.x1 for i in self.lines)

    def add(self, line: LineInfo) -> None:
        self.lines.append(line)
        self.left, self.right = min(self.left, line.x0), max(self.right, line.x1)

    @property
    def box(self) -> Box:
        return union(i.box for i in self.lines)

    @property
    def last(self) -> LineInfo:
        return self.lines[-1]

    @property
    def edges(self) -> tuple[float, float]:
        """The column's left and right edge as most lines show them.

        Indented first lines and short last lines of paragraphs are the minority,
        as is a line the detector ran across the gutter, so percentiles hold.
        """
        x0 = float(np.percentile([i.x0 for i in self.lines], 20))
        x1 = float(np.percentile([i.x1 for i in self.lines], 80))
        return x0, x1

    @property
    def frame(self) -> Box:
        """The run's box with the column edges of :attr:`edges`."""
        x0, x1 = self.edges
        return x0, min(i.y0 for i in self.lines), x1, max(i.y1 for i in self.lines)


def _between(barriers: list[Box], upper: LineInfo, lower: LineInfo) -> bool:
    """Whether something is set between two lines, across at least part of them."""
    x0, x1 = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
    for b in barriers:
        cy = (b[1] + b[3]) / 2
        if upper.cy < cy < lower.cy and overlap_1d(b[0], b[2], x0, x1) > 0.3 * min(b[2] - b[0], x1 - x0):
            return True
    return False


def _fits(run: Run, line: LineInfo, scale: TypeScale, most: float) -> bool:
    """Whether ``line`` continues ``run`` (pitch, shared edge, no wider than the column)."""
    dy = line.cy - run.last.cy
    if not MIN_PITCH * scale.line_pitch < dy <= most * scale.line_pitch:
        return False
    left, right = run.left, run.right
    if overlap_1d(left, right, line.x0, line.x1) < 0.6 * min(right - left, line.width):
        return False
    # body lines share the column's left edge, give or take a paragraph indent
    if abs(line.x0 - left) > INDENT_SLACK * scale.em:
        return False
    # a line reaching far past the column's edges is not part of it (a merged or wider line)
    return line.x1 <= right + OVERHANG * scale.em or len(run.lines) == 1


def build_runs(
    lines: list[LineInfo],
    barriers: list[Box],
    size: float,
    scale: TypeScale | None = None,
    opts: LayoutOptions | None = None,
) -> list[Run]:
    """Group body lines into runs, top to bottom; each line joins the nearest run it continues.

    ``size`` is the body box height; ``scale`` the page's type scale (else the nominal
    one of :func:`pipeline.layout.units.nominal`); ``opts`` gives ``run_break``.
    """
    units = scale_of(size, scale)
    most = (opts or _DEFAULTS).run_break
    runs: list[Run] = []
    active: list[Run] = []  # runs whose last line is still within reach
    for line in sorted(lines, key=lambda i: (i.y0, i.x0)):
        active = [r for r in active if line.cy - r.last.cy <= most * units.line_pitch]
        fitting = [r for r in active if _fits(r, line, units, most) and not _between(barriers, r.last, line)]
        best = max(fitting, key=lambda r: r.last.cy, default=None)
        if best is None:
            best = Run([line])
            runs.append(best)
            active.append(best)
        else:
            best.add(line)
    return runs


def _same_column(a: Run, b: Run, em: float) -> bool:
    """Runs one above the other whose edges agree within two ems: one column."""
    (a0, a1), (b0, b1) = a.edges, b.edges
    edges = abs(a0 - b0) <= OVERHANG * em and abs(a1 - b1) <= OVERHANG * em
    return edges and overlap_1d(a0, a1, b0, b1) >= 0.7 * min(a1 - a0, b1 - b0)


def _module_break(barriers: list[Box], upper: Run, lower: Run, col_width: float) -> bool:
    """A multi-column headline or rule between two runs of one column starts a new module."""
    x0, x1 = min(upper.edges[0], lower.edges[0]), max(upper.edges[1], lower.edges[1])
    top, bottom = upper.box[3], lower.box[1]
    for b in barriers:
        cy = (b[1] + b[3]) / 2
        if top <= cy <= bottom and b[2] - b[0] > 1.5 * col_width and overlap_1d(b[0], b[2], x0, x1) > 0.5 * (x1 - x0):
            return True
    return False


def column_grid(runs: list[Run], barriers: list[Box], size: float, scale: TypeScale | None = None) -> list[Box]:
    """Column boxes: runs sharing an x-interval, split where a wider element crosses them.

    Runs of fewer than three lines are left out (too little evidence of a column edge).
    Columns come back sorted left to right, then top to bottom.
    """
    em = scale_of(size, scale).em
    stacks: list[list[Run]] = []
    for run in sorted((r for r in runs if len(r.lines) >= 3), key=lambda r: r.box[1]):
        home = next((s for s in stacks if _same_column(s[-1], run, em)), None)
        if home is None:
            stacks.append([run])
        else:
            home.append(run)
    columns: list[Box] = []
    for stack in stacks:
        part = [stack[0]]
        for upper, lower in pairwise(stack):
            width = max(r.edges[1] - r.edges[0] for r in part)
            if _module_break(barriers, upper, lower, width):
                columns.append(union(r.frame for r in part))
                part = []
            part.append(lower)
        columns.append(union(r.frame for r in part))
    return sorted(columns, key=lambda c: (c[0], c[1]))

"""Section labels: a short title set in a black panel, heading a section or column, never an article.

A paper heads a section, a panel or a column of articles with a label (三品一标 展台,
聚焦·标准化, 基层监管 必读): a few words set white on a black panel, often with a second
word in an outlined box beside it. An article's headline is set in black type on the
paper; a label is page furniture, like the running head, and belongs to no article.

Typesetting facts, in the line's own height (its type size):

* A black panel runs solid across several characters above and below its white type,
  so some rows of the line's box are ink without a break for two type sizes or more.
  Black type on paper never is: a stroke spans one character at most, and characters
  stand apart.
* The panel is more than a rule: such rows fill a tenth of the line's height or more
  (a hairline under a headline is one or two rows).
* A label is a few words: at most :data:`MOST_UNITS` ems of text.
"""

from __future__ import annotations

import numpy as np

from pipeline.layout.features import LineInfo

SOLID_RUN = 2.0
"""A panel row is ink without a break for this many type sizes (line heights) or more."""
PANEL_ROWS = 0.1
"""Share of the line's height in such rows that makes a panel rather than a rule."""
MOST_UNITS = 14.0
"""A label holds at most this many ems of text."""


def longest_run(row: np.ndarray) -> int:
    """Length of the longest unbroken run of ink in a row of booleans.

    >>> longest_run(np.array([1, 1, 0, 1, 1, 1, 0], bool))
    3
    """
    edges = np.diff(np.concatenate([[0], row.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return int((ends - starts).max()) if len(starts) else 0


def panel_rows(ink: np.ndarray, line: LineInfo) -> int:
    """Rows of the line's box that are solid ink for :data:`SOLID_RUN` line heights or more."""
    h, w = ink.shape[:2]
    x0, x1 = max(0, int(line.x0)), min(w, int(np.ceil(line.x1)))
    y0, y1 = max(0, int(line.y0)), min(h, int(np.ceil(line.y1)))
    if x1 <= x0 or y1 <= y0:
        return 0
    reach = SOLID_RUN * (y1 - y0)
    crop = ink[y0:y1, x0:x1] > 0
    return sum(longest_run(row) >= reach for row in crop if np.count_nonzero(row) >= reach)


def is_label(ink: np.ndarray, line: LineInfo) -> bool:
    """Whether a short horizontal line is set in a black panel: a section label."""
    if line.vertical or not line.text.strip() or line.units > MOST_UNITS:
        return False
    return panel_rows(ink, line) >= max(2.0, PANEL_ROWS * (line.y1 - line.y0))


def section_labels(infos: list[LineInfo], ink: np.ndarray) -> list[LineInfo]:
    """The lines of the page set as section labels (``ink``: 255 ink, 0 paper)."""
    return [i for i in infos if is_label(ink, i)]

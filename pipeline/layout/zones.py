"""Parts of the page that are never article text: header band, footer, ads, captions.

* The page header (paper name, date, page number, section) sits above the first
  rule running across most of the page near its top; a folio line may sit below
  such a rule near the foot.
* An advertisement is a framed box whose type is display type rather than running
  text: little of it is set in runs of body type down a column. A frame holding running
  text is a sidebar: an article (or several) in a box.
* A caption is the short text set directly under a photo within its width, in a
  few lines, often closed by a credit (王根宝 摄).

Header and footer are placed by page shares (they are facts about the page); everything
else is in the page's type scale: across a line in ems, down the page in line pitches.
"""

from __future__ import annotations

import numpy as np

from pipeline.config import LayoutOptions
from pipeline.geometry import Box, area, contains_point, intersection, overlap_1d
from pipeline.layout.adverts import is_advertising
from pipeline.layout.columns import Run, build_runs
from pipeline.layout.features import LineInfo
from pipeline.layout.patterns import is_credit, is_credit_line
from pipeline.layout.rules import open_frames
from pipeline.layout.units import scale_of
from pipeline.state import TypeScale

WIDE_RULE = 0.6
"""A rule at least this share of the page width separates the header or footer."""
HEADER_ZONE = 0.2
FOOTER_ZONE = 0.08
RUNNING_TEXT_SHARE = 0.4
"""A frame whose long body-type lines hold at least this share of its text is a sidebar."""
JUSTIFIED = 0.6
"""A line of running text reaches both edges of its column within this many ems."""
TUCKED = 0.4
"""A caption's first line may tuck this many line pitches up into the photo's box."""
SHORT_ROW = 2.5
"""A caption row ending this many ems short of the measure is the caption's last."""
_DEFAULTS = LayoutOptions()


def _center(info: LineInfo) -> tuple[float, float]:
    return (info.x0 + info.x1) / 2, info.cy


def header_limit(lines: list[LineInfo], rules: list[Box], shape: tuple[int, int]) -> float:
    """Bottom of the page header: the topmost wide rule near the top with a line set above it (0 if none)."""
    h, w = shape
    for rule in sorted(rules, key=lambda r: r[1]):
        if rule[1] > HEADER_ZONE * h:
            break
        if rule[2] - rule[0] >= WIDE_RULE * w and any(i.cy < rule[1] for i in lines):
            return rule[3]
    return 0.0


def footer_limit(rules: list[Box], shape: tuple[int, int]) -> float:
    """Top of the folio line: the lowest wide rule near the foot (page height if none)."""
    h, w = shape
    wide = [r for r in rules if r[2] - r[0] >= WIDE_RULE * w and r[1] >= (1 - FOOTER_ZONE) * h]
    return min((r[1] for r in wide), default=float(h))


def lines_in(box: Box, lines: list[LineInfo]) -> list[LineInfo]:
    """Lines whose centre lies inside ``box``."""
    return [i for i in lines if contains_point(box, *_center(i))]


def _justified(run: Run, em: float) -> int:
    """Lines of a run that reach both of its edges (set justified, as running text is)."""
    x0, x1 = run.edges
    return sum(abs(i.x0 - x0) <= JUSTIFIED * em and abs(i.x1 - x1) <= JUSTIFIED * em for i in run.lines)


def is_ad(inside: list[LineInfo], body: float, scale: TypeScale | None = None) -> bool:
    """Whether a frame's lines read as an advertisement rather than a boxed article.

    Running text is body type set justified down a column (three lines or more
    sharing both edges); ads centre short lines of mixed sizes instead. A section
    label (分类广告, 遗失声明) or contact lines (热线：, phone numbers) make a frame an
    ad whatever its type: classified notices are small print set like running text.
    """
    total = sum(i.units for i in inside)
    if total == 0:
        return False
    if is_advertising(inside):
        return True
    units = scale_of(body, scale)
    plain = [i for i in inside if abs(i.size - body) <= 0.2 * body]
    runs = [r for r in build_runs(plain, [], body, units) if len(r.lines) >= 4 and _justified(r, units.em) >= 3]
    running = sum(i.units for r in runs for i in r.lines)
    return running < RUNNING_TEXT_SHARE * total


OPEN_FRAME_DEPTH = 2.0
"""The least depth and width of a box, in body line pitches: a notice of two lines."""
NESTED = 0.1
"""A box sharing this share of the smaller one's area with a frame already found is part of it
(the frame's inner rule, or the grid round it)."""


def open_frame_ads(
    lines: list[LineInfo],
    horizontals: list[Box],
    verticals: list[Box],
    frames: list[Box],
    shape: tuple[int, int],
    scale: TypeScale,
    ink: np.ndarray | None = None,
) -> list[Box]:
    """Ad boxes whose frame is broken or whose sides are short (:func:`open_frames`).

    A box drawn on all four sides (its short sides read on the ``ink``) is judged as a
    closed frame is (:func:`is_ad`); a box with one side missing (worn away, or hidden by
    a dark label band) is an ad only on the evidence of its text: a notice title, or
    contact and offer lines. Smaller boxes are judged first, so a notice boxed inside its
    section goes with the notice; boxes overlapping one of the ``frames`` already found are
    left alone.
    """
    found: list[Box] = []
    taken: set[int] = set()
    depth = OPEN_FRAME_DEPTH * scale.line_pitch
    for box, sides in open_frames(horizontals, verticals, shape, depth, ink):
        if any(intersection(box, f) > NESTED * min(area(box), area(f)) for f in frames):
            continue
        inside = [i for i in lines_in(box, lines) if id(i) not in taken]
        if inside and (is_ad(inside, scale.size, scale) if sides == 4 else is_advertising(inside)):
            found.append(box)
            taken.update(id(i) for i in inside)
    return found


CAPTION_ROWS = _DEFAULTS.caption_rows
"""A caption is a few lines; more under a photo is text of its own (``LayoutOptions.caption_rows``)."""


def caption_lines(
    photo: Box, lines: list[LineInfo], body: float, scale: TypeScale | None = None, opts: LayoutOptions | None = None
) -> list[LineInfo]:
    """The lines of the caption under ``photo``: tight below it, within its width, at most six rows.

    A caption is one paragraph set to one measure: its row with a short line or a credit is
    its last, and a later row split into several lines is body text set in the columns under
    the photo. A credit set on a line of its own (新华社记者 陈海宁 摄, often ranged right)
    still closes the caption. ``body`` is the body box height, ``scale`` the page's type
    scale, ``opts`` gives ``caption_gap`` and ``caption_rows``.
    """
    units, opts = scale_of(body, scale), opts or _DEFAULTS
    gap = opts.caption_gap * units.line_pitch
    x0, x1 = caption_measure(photo, lines, body, units, opts)
    y1 = photo[3]
    below = [
        i for i in lines if i.y0 >= y1 - TUCKED * units.line_pitch and overlap_1d(x0, x1, i.x0, i.x1) >= 0.8 * i.width
    ]
    rows = _rows(below)
    caption: list[LineInfo] = []
    bottom = y1
    credited = False
    taken = 0
    for row in rows[: opts.caption_rows]:
        if min(i.y0 for i in row) - bottom > gap:
            return caption
        if caption and len(row) > 1 and not any(is_credit(i.text) for i in row):
            return caption  # several lines side by side: columns of body text
        caption += row
        taken += 1
        bottom = max(i.y1 for i in row)
        credited = any(is_credit(i.text) for i in row)
        if max(i.x1 for i in row) < x1 - SHORT_ROW * units.em or credited:
            break
    if caption and not credited and taken < len(rows) and _credit_row(rows[taken], bottom, gap):
        caption += rows[taken]
    return caption


def caption_measure(
    photo: Box, lines: list[LineInfo], body: float, scale: TypeScale | None = None, opts: LayoutOptions | None = None
) -> tuple[float, float]:
    """The measure a caption under ``photo`` is set to: the photo's width, or its first line's.

    A caption is set to the photo's width, but a light picture (sky, snow) may read narrower
    than it is printed: a first row of a single line set tight under the photo, most of it
    within the photo's width, gives the caption's true measure.
    """
    units = scale_of(body, scale)
    top, gap = TUCKED * units.line_pitch, (opts or _DEFAULTS).caption_gap * units.line_pitch
    x0, _, x1, y1 = photo
    near = [i for i in lines if y1 - top <= i.y0 <= y1 + gap and overlap_1d(x0, x1, i.x0, i.x1) >= 0.5 * i.width]
    rows = _rows(near)
    first = rows[0] if rows else []
    if len(first) != 1:
        return x0, x1
    return min(x0, first[0].x0), max(x1, first[0].x1)


def merge_photos(photos: list[Box]) -> list[Box]:
    """Photo areas that overlap are one picture (pictures are never printed over each other)."""
    merged: list[Box] = []
    for box in photos:
        while True:
            hit = next(
                (
                    m
                    for m in merged
                    if overlap_1d(m[0], m[2], box[0], box[2]) > 0 and overlap_1d(m[1], m[3], box[1], box[3]) > 0
                ),
                None,
            )
            if hit is None:
                break
            merged.remove(hit)
            box = (min(box[0], hit[0]), min(box[1], hit[1]), max(box[2], hit[2]), max(box[3], hit[3]))
        merged.append(box)
    return merged


def credit_lines(lines: list[LineInfo]) -> list[LineInfo]:
    """Lines that are nothing but a photo credit (记者 王军 摄): a caption's, never body text.

    A credit is set on a line of its own under (or beside) a picture, even where the
    picture itself was not found on the page.
    """
    return [i for i in lines if not i.vertical and is_credit_line(i.text)]


def _credit_row(row: list[LineInfo], bottom: float, gap: float) -> bool:
    """Whether ``row`` is a credit line set within ``gap`` (px) under a caption ending at ``bottom``."""
    return min(i.y0 for i in row) - bottom <= gap and all(is_credit(i.text) for i in row)


def _rows(lines: list[LineInfo]) -> list[list[LineInfo]]:
    """Lines grouped into printed rows, top to bottom."""
    rows: list[list[LineInfo]] = []
    for info in sorted(lines, key=lambda i: i.y0):
        if rows and overlap_1d(rows[-1][0].y0, rows[-1][0].y1, info.y0, info.y1) > 0.5 * (info.y1 - info.y0):
            rows[-1].append(info)
        else:
            rows.append([info])
    return rows

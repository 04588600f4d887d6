"""Pages set vertically (竖排) are laid out in a frame turned a quarter turn counter-clockwise.

On a vertical page characters run down a column, columns follow each other from
right to left, and the page is cut into horizontal bands (段) read from the top.
Turned a quarter turn counter-clockwise, that is a horizontal page: each column
becomes a line read left to right, lines follow top to bottom, the bands become
columns read left to right, and a vertical headline at the right of its article
becomes a headline above it. So the layout rules run unchanged on the turned
lines; ``to_scan`` gains the inverse turn, as for a page scanned sideways, and
every coordinate still maps to the scan. Only the article order differs (see
:func:`article_order`).

The page header of a vertical paper is still printed across the top, so it is
found before the turn.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from pipeline.geometry import Affine, Box, box_to_quad, quad_to_box
from pipeline.layout.direction import backwards_lines, pairs, turned_around
from pipeline.layout.features import LineInfo, is_vertical, text_units
from pipeline.layout.zones import footer_limit, header_limit
from pipeline.state import Layout, PageState, Region, TextLine, Turned, WorkBlock

VERTICAL_PAGE = 0.5
"""A page whose text is mostly (by characters) in vertical lines is set vertically."""
TURNED_MARKS = str.maketrans({"’": "，", "°": "。"})
"""Vertical forms of the comma and full stop (︐ ︒ sit at the top right of their cell) as a
column read turned shows them: a raised comma and a ring. Neither sign is set in vertical body text."""


def vertical_share(lines: list[TextLine]) -> float:
    """Share of the page's characters that are set in vertical lines.

    >>> import numpy as np
    >>> col = TextLine("a", box_to_quad((0, 0, 20, 100)), "竖排的文字")
    >>> row = TextLine("b", box_to_quad((0, 0, 100, 20)), "横排")
    >>> round(vertical_share([col, row]), 2)
    0.71
    """
    total = vert = 0.0
    for line in lines:
        n = text_units(line.text)
        total += n
        vert += n if is_vertical(line.box, line.text) else 0.0
    return vert / total if total else 0.0


def set_vertically(lines: list[TextLine]) -> bool:
    """Whether the page is set vertically: most of its characters stand in vertical lines.

    The line boxes and their texts alone answer it (a column is a tall box its characters
    fill), so a horizontal page, the usual one, is known before anything of the image is
    measured.

    >>> set_vertically([TextLine("a", box_to_quad((0, 0, 20, 100)), "竖排的文字")])
    True
    """
    return vertical_share(lines) >= VERTICAL_PAGE


MARGIN_HEIGHT = 0.6
"""A side-margin column (邊欄) runs at least this share of the printed height."""


def side_margins(infos: list[LineInfo], rules: list[Box]) -> list[LineInfo]:
    """Columns set in the side margins of a vertical page: the paper's slogan, an ad of its own.

    Outside the bands, at the left or right edge of the printed area, a paper may print a
    single column the height of the page. It is the outermost column on its side, it
    runs most of the printed height, and it runs past a band rule (the rules between
    bands stop at the frame, the body columns stop at the rules): never article text.
    """
    columns = [i for i in infos if i.vertical]
    if not columns:
        return []
    top, bottom = min(i.y0 for i in infos), max(i.y1 for i in infos)
    left = min(columns, key=lambda i: i.x0)
    right = max(columns, key=lambda i: i.x1)
    out = []
    for edge in {id(left): left, id(right): right}.values():
        tall = edge.y1 - edge.y0 >= MARGIN_HEIGHT * (bottom - top)
        crossed = any(edge.y0 < (r[1] + r[3]) / 2 < edge.y1 and r[2] - r[0] > 4 * edge.width for r in rules)
        if tall and crossed:
            out.append(edge)
    return out


def quarter_turn(width: float) -> Affine:
    """Points of an image ``width`` wide to the image turned counter-clockwise: (x, y) -> (y, width - x).

    >>> quarter_turn(10.0).apply([[10.0, 0.0]]).tolist()
    [[0.0, 0.0]]
    """
    return Affine(np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, float(width)]]))


def _turn_box(turn: Affine, box: Box) -> Box:
    return quad_to_box(turn.apply(box_to_quad(box)))


def _turn_layout(layout: Layout, turn: Affine) -> None:
    """Rules, frames and photos in the turned frame: vertical rules become horizontal ones."""
    verticals = [_turn_box(turn, b) for b in layout.horizontal_rules]
    layout.horizontal_rules = [_turn_box(turn, b) for b in layout.vertical_rules]
    layout.vertical_rules = verticals
    layout.regions = [Region(r.kind, _turn_box(turn, r.box)) for r in layout.regions]


def _turned_line(line: TextLine, turn: Affine) -> TextLine:
    text = line.text.translate(TURNED_MARKS) if is_vertical(line.box, line.text) else line.text
    return TextLine(line.id, turn.apply(line.quad), text, line.confidence)


def turn_vertical_page(page: PageState, infos: list[LineInfo]) -> Turned | None:
    """Turn a vertically set page (lines, rules, regions, working image); None for other pages.

    ``infos`` describe ``page.lines`` before the turn; the header and footer are taken from them.
    Quads keep their corner order, so they map back to the scan exactly as read.
    """
    if not set_vertically(page.lines):
        return None
    image = page.work_image
    rules = page.layout.horizontal_rules
    top = header_limit(infos, rules, image.shape[:2])
    foot = footer_limit(rules, image.shape[:2])
    turn = quarter_turn(image.shape[1])
    turned = Turned(
        turn=turn,
        header=frozenset(i.line.id for i in infos if i.cy < top),
        # the side margins are furniture outside the bands, like the folio
        footer=frozenset(i.line.id for i in infos if i.cy > foot) | {i.line.id for i in side_margins(infos, rules)},
    )
    page.lines = [_turned_line(ln, turn) for ln in page.lines]
    _turn_layout(page.layout, turn)
    page.work = np.ascontiguousarray(np.rot90(image))
    page.to_scan = turn.inverse().then(page.to_scan)
    return turned


def _page_rows(lines: list[TextLine], back: Affine, rtl: bool = False) -> list[TextLine]:
    """Lines that run across the page in its reading order: rows top to bottom, each left to right
    (right to left when ``rtl``: each line's text is then given in reading order too)."""
    boxes = {ln.id: quad_to_box(back.apply(ln.quad)) for ln in lines}
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: boxes[ln.id][1]):
        b = boxes[line.id]
        first = boxes[rows[-1][0].id] if rows else None
        if first and min(first[3], b[3]) - max(first[1], b[1]) >= 0.5 * min(first[3] - first[1], b[3] - b[1]):
            rows[-1].append(line)
        else:
            rows.append([line])
    ordered = [ln for row in rows for ln in sorted(row, key=lambda ln: boxes[ln.id][0], reverse=rtl)]
    return [_backwards(ln) for ln in ordered] if rtl else ordered


def _backwards(line: TextLine) -> TextLine:
    return TextLine(line.id, line.quad, turned_around(line.text), line.confidence)


def column_pairs(blocks: list[WorkBlock]) -> Counter[str]:
    """Character pairs of the page's columns (lines running down the page, read top to bottom)."""
    return pairs(ln.text for b in blocks for ln in b.lines if not is_vertical(ln.box, ln.text))


def mark_directions(blocks: list[WorkBlock], turned: Turned) -> None:
    """Give blocks read in the turned frame their direction on the page.

    A line running across the turned frame runs down the page; a block whose text
    runs mostly across the page (the header, a horizontal headline) gets its lines
    back in the page's row order: right to left when the page's own columns say the
    lines read backwards (:mod:`pipeline.layout.direction`).
    """
    back = turned.turn.inverse()
    across: list[WorkBlock] = []
    for block in blocks:
        if not block.lines:
            continue
        units = sum(text_units(ln.text) for ln in block.lines if is_vertical(ln.box, ln.text))
        if units > 0.5 * sum(text_units(ln.text) for ln in block.lines):
            block.direction = "horizontal-ltr"
            across.append(block)
        else:
            block.direction = "vertical-rtl"
    texts = ["".join(ln.text for ln in b.lines) for b in across]
    for block, rtl in zip(across, backwards_lines(texts, column_pairs(blocks)), strict=True):
        block.lines = _page_rows(block.lines, back, rtl)


def is_turned(blocks: list[WorkBlock]) -> bool:
    """Whether most body text runs down the page (blocks read in the turned frame)."""
    body = [b for b in blocks if b.type == "body"]
    down = sum(len(b.text) for b in body if b.direction == "vertical-rtl")
    return down > 0.5 * sum(len(b.text) for b in body)


def article_order(
    heads: list[WorkBlock], turned: bool, size: float, blocks: list[WorkBlock] | None = None
) -> list[WorkBlock]:
    """Headlines in the order their articles are read.

    On a horizontal page: rows of modules from the top, each from the left. A module
    starts at the top of its headline stack (a kicker above the headline included:
    ``blocks`` gives the stacks), and the modules of one row start within a body size
    of each other (the detector's boxes of one row differ by a few pixels). In the
    turned frame a band of the page is a column: bands from the top are columns from
    the left, and articles from the right of a band are from the top of its column.
    """
    across, down = (1, 0) if turned else (0, 1)
    start = {h.id: h.box[down] for h in heads}
    for block in blocks or []:
        for head in heads:
            if head.group and block.group == head.group:
                start[head.id] = min(start[head.id], block.box[down])
    groups: list[list[WorkBlock]] = []
    for head in sorted(heads, key=lambda b: start[b.id]):
        if groups and start[head.id] - start[groups[-1][0].id] <= size:
            groups[-1].append(head)
        else:
            groups.append([head])
    return [h for group in groups for h in sorted(group, key=lambda b: b.box[across])]

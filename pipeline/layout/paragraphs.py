"""An article's text: body lines in reading order joined into paragraphs.

Chinese body type starts a paragraph with a two-character indent, and the last
line of a paragraph usually stops short of the column's right edge. A column end
is not a paragraph end: the text simply runs on at the top of the next column,
often mid-sentence. The dateline opens the first paragraph and is split off; a
byline may close the last one, after its final punctuation. Indents are in the
article's own em, distances down the page in the page's line pitches.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from pipeline.config import LayoutOptions
from pipeline.geometry import Box, area, overlap_1d
from pipeline.layout.bylines import bare_names, is_sentence, is_source_credit, parse_authors, split_source_credit
from pipeline.layout.features import text_units
from pipeline.layout.patterns import (
    is_byline,
    is_dateline_only,
    is_name_only,
    split_dateline,
    split_trailing_byline,
)
from pipeline.layout.units import scale_of
from pipeline.state import TextLine, TypeScale, WorkBlock

_DEFAULTS = LayoutOptions()
INDENT = _DEFAULTS.paragraph_indent
"""A line starting this many ems right of its column edge is indented (``LayoutOptions.paragraph_indent``)."""
SHORT = _DEFAULTS.paragraph_short
"""A line ending this many ems before its column's right edge ends a paragraph (``LayoutOptions.paragraph_short``)."""


@dataclass
class ArticleText:
    """The text fields of one article."""

    dateline: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    subheads: list[tuple[str, int]] = field(default_factory=list)


def reading_lanes(blocks: list[WorkBlock]) -> list[WorkBlock]:
    """Flow blocks in reading order: down each column, columns left to right.

    A block joins the lane (column) it shares half its width with. A column's last short
    line (走。) set flush left may start a hair left of the column above it: body text
    filling half of such a line's width runs in its lane too. Columns of text make the
    lanes; a picture or caption across several columns joins one only when it fits in it.
    """
    lanes: list[list[WorkBlock]] = []
    text_first = sorted(blocks, key=lambda b: (b.type in PICTURE_TYPES, b.box[0]))
    for block in text_first:
        home = next((ln for ln in lanes if _shares_lane(ln[0], block)), None)
        if home is None:
            lanes.append([block])
        else:
            home.append(block)
    lanes.sort(key=lambda ln: min(b.box[0] for b in ln))
    return [b for lane in lanes for b in sorted(lane, key=lambda b: b.box[1])]


PICTURE_TYPES = ("image", "caption")


def _shares_lane(seed: WorkBlock, block: WorkBlock) -> bool:
    a, b = seed.box, block.box
    shared = overlap_1d(a[0], a[2], b[0], b[2])
    short_line = seed.type == block.type == "body" and len(seed.lines) == 1 and a[2] - a[0] < b[2] - b[0]
    return shared >= 0.5 * (b[2] - b[0]) or (short_line and shared >= 0.5 * (a[2] - a[0]))


def _pitch(lines: list[TextLine], em: float) -> float:
    """Advance per character of the article's body type (the page's em when no line is long enough)."""
    pitches = [ln.width / u for ln in lines if (u := text_units(ln.text)) >= 6]
    return float(np.median(pitches)) if pitches else em


def _edges(block: WorkBlock, columns: list[Box]) -> tuple[float, float]:
    """Left and right edge of the column a body block is set in."""
    left = min(ln.box[0] for ln in block.lines)
    right = max(ln.box[2] for ln in block.lines)
    if len(block.columns) == 1 and len(block.lines) < 3:
        # too few lines to show the column's edges: take the grid's
        col = columns[block.columns[0]]
        left, right = min(left, col[0]), max(right, col[2])
    return left, right


class _Joiner:
    """Accumulates body lines into paragraphs."""

    def __init__(self, pitch: float, opts: LayoutOptions = _DEFAULTS) -> None:
        self.pitch = pitch
        self.indent, self.short = opts.paragraph_indent, opts.paragraph_short
        self.paragraphs: list[str] = []
        self.open = False  # the last paragraph may run on

    def add_block(self, block: WorkBlock, edges: tuple[float, float]) -> None:
        left, right = edges
        for row in rows_of(block.lines):
            x0, x1 = row[0].box[0], row[-1].box[2]
            if not self.open or x0 - left >= self.indent * self.pitch:
                self.paragraphs.append("")
            self.paragraphs[-1] += "".join(ln.text.strip() for ln in row)
            self.open = right - x1 < self.short * self.pitch

    def close(self) -> None:
        self.open = False


def rows_of(lines: list[TextLine]) -> list[list[TextLine]]:
    """Lines in rows top to bottom (lines sharing most of their height), each row left to right.

    A line read in pieces is one row: it opens or runs on a paragraph as one line.
    """
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: ln.box[1]):
        row = rows[-1] if rows else None
        if row and overlap_1d(row[0].box[1], row[0].box[3], line.box[1], line.box[3]) >= 0.5 * min(
            row[0].height, line.height
        ):
            row.append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda ln: ln.box[0]) for row in rows]


def absorb_pieces(flow: list[WorkBlock]) -> list[WorkBlock]:
    """Body blocks that lie inside another body block put back into it, row by row.

    A piece of a line (cut off at a gutter that is not there, or read apart) sits inside
    its column's block, level with the rest of its line: it is read in that line's place,
    not after the column. The page's blocks are left as they are (copies are returned).
    """
    hosts = {k: next((j for j, o in enumerate(flow) if j != k and _piece_of(b, o)), None) for k, b in enumerate(flow)}
    pieces: dict[int, list[TextLine]] = {}
    for k, host in hosts.items():
        if host is not None:
            pieces.setdefault(host, []).extend(flow[k].lines)
    return [replace(b, lines=[*b.lines, *pieces.get(k, [])]) for k, b in enumerate(flow) if hosts[k] is None]


def _piece_of(piece: WorkBlock, host: WorkBlock) -> bool:
    """A one-line body block inside another body block's box (a column held inside a block read
    across a gutter is no piece: it has lines of its own)."""
    one_line = len(piece.lines) == 1
    return one_line and piece.type == host.type == "body" and _inside(piece.box, host.box)


def _inside(inner: Box, outer: Box) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3] and area(inner) < area(outer)


def closing_names(block: WorkBlock, above: WorkBlock | None, scale: TypeScale) -> bool:
    """Whether ``block`` is a byline of bare names (任鸣 左效强) closing the text above it.

    Such a byline is set on a line of its own, flush right (or nearly) under the last
    line of the text, well clear of the column's left edge, where a paragraph's line
    would start (at most a two-em indent); its words are names that begin with family names.
    """
    if above is None or block.type != "body" or len(block.lines) != 1 or not bare_names(block.text):
        return False
    b, a = block.box, above.box
    pitch, em = scale.line_pitch, scale.em
    return (
        -0.4 * pitch <= b[1] - a[3] <= 1.2 * pitch
        and b[0] - a[0] >= CLEAR_OF_INDENT * em
        and a[2] - b[2] <= FLUSH_RIGHT * em
    )


CLEAR_OF_INDENT = 4.0
"""A line starting this many ems right of its column's edge is set apart, not indented (indents are two ems)."""
FLUSH_RIGHT = 2.0
"""A line ending within this many ems of its column's right edge is set flush right (give or take an em or so)."""


def closing_byline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Split off a byline set as the article's last lines and wrapped onto a second or third one.

    A closing byline is set apart from the text (indented or flush right), so each
    of its lines reads as a paragraph of its own; together they read as one byline.

    >>> closing_byline(["外贸稳规模、优结构。", "本报记者 王晓 通讯员", "陈明"])
    (['外贸稳规模、优结构。'], '本报记者 王晓 通讯员 陈明')
    >>> closing_byline(["他说。", "“我们还会再来。”"])
    (['他说。', '“我们还会再来。”'], None)
    """
    for k in (3, 2):
        tail = paragraphs[-k:]
        if len(paragraphs) > k and is_byline(" ".join(tail)):
            return paragraphs[:-k], " ".join(tail)
    return paragraphs, None


def _finish(text: ArticleText, bylines: list[str]) -> ArticleText:
    """Split the dateline and a trailing byline off the body; collect the authors."""
    paragraphs = [p for p in text.paragraphs if p]
    if paragraphs and text.dateline is None:
        text.dateline, paragraphs[0] = split_dateline(paragraphs[0])
    paragraphs, closing = closing_byline(paragraphs)
    bylines = [closing, *bylines] if closing else bylines
    paragraphs, credit = _source_credit(paragraphs)
    bylines = [credit, *bylines] if credit else bylines
    if paragraphs:
        # a byline may close the body even when more of it is set apart (a name on the next line)
        paragraphs[-1], trailing = split_trailing_byline(paragraphs[-1])
        bylines = [trailing, *bylines] if trailing else bylines
    text.byline = " ".join(bylines) or None
    text.paragraphs = [p for p in paragraphs if p]
    text.authors = list(dict.fromkeys(parse_authors(text.byline) + parse_authors(text.dateline)))
    return text


def _as_text(block: WorkBlock) -> WorkBlock:
    """A 'byline' that opens a sentence (记者从…获悉, a piece of a body line) read as body text."""
    if block.type == "byline" and is_sentence(block.text):
        return replace(block, type="body")
    return block


def _source_credit(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Split off a closing source credit (摘编自《…》), set as the last line or two."""
    for k in (1, 2):
        tail = "".join(paragraphs[-k:])
        if len(paragraphs) > k and is_source_credit(tail):
            return paragraphs[:-k], tail
    if paragraphs:
        last, credit = split_source_credit(paragraphs[-1])
        if credit:
            return [*paragraphs[:-1], last], credit
    return paragraphs, None


def _wrapped_names(byline: WorkBlock, block: WorkBlock, scale: TypeScale) -> bool:
    """Whether ``block`` is one line of names set right under a byline: its names wrapped.

    A two-character word reads like a name too, so only the line next below the
    byline (its box at most 0.8 line pitches under the byline's) and within its width
    (give or take half an em) counts.
    """
    b, n = byline.box, block.box
    pitch, em = scale.line_pitch, scale.em
    return (
        byline.type == "byline"
        and block.type == "body"
        and len(block.lines) == 1
        and is_name_only(block.text)
        and -0.4 * pitch <= n[1] - b[3] <= 0.8 * pitch
        and n[0] >= b[0] - 0.6 * em
        and n[2] <= b[2] + 0.6 * em
    )


def article_text(
    flow: list[WorkBlock],
    columns: list[Box],
    size: float,
    scale: TypeScale | None = None,
    opts: LayoutOptions | None = None,
) -> ArticleText:
    """Dateline, byline, authors, paragraphs and subheads of an article's flow blocks (in order).

    ``size`` is the body box height, ``scale`` the page's type scale (else the nominal
    one of ``size``), ``opts`` gives the paragraph indent and short-line thresholds.
    """
    units = scale_of(size, scale)
    flow = absorb_pieces([_as_text(b) for b in flow])
    body_lines = [ln for b in flow if b.type == "body" for ln in b.lines]
    last_body = next((b for b in reversed(flow) if b.type == "body"), None)
    joiner = _Joiner(_pitch(body_lines, units.em), opts or _DEFAULTS)
    text = ArticleText()
    bylines: list[str] = []
    prev: WorkBlock | None = None
    above: WorkBlock | None = None
    for block in flow:
        if bylines and prev is not None and _wrapped_names(prev, block, units):
            bylines[-1] += " " + block.text.strip()
        elif block is last_body and closing_names(block, above, units):
            bylines.append(block.text.strip())
        elif block.type == "body":
            above = block
            joiner.add_block(block, _edges(block, columns))
        elif block.type == "subhead":
            joiner.close()
            text.subheads.append((block.text, len([p for p in joiner.paragraphs if p])))
        elif block.type == "dateline" or (block.type == "byline" and is_dateline_only(block.text)):
            text.dateline = block.text
        elif block.type == "byline":
            bylines.append(block.text)
        prev = block
    text.paragraphs = joiner.paragraphs
    return _finish(text, bylines)

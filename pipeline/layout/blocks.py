"""Typed blocks from a page reading, with columns and a confidence for each.

Confidence mixes how clear-cut the typographic evidence was (a base per kind of
decision) with how surely OCR read the block's lines. Distances down the page are in
line pitches of the page's type scale.
"""

from __future__ import annotations

from pipeline.geometry import Box, overlap_1d, union
from pipeline.layout.display import Stack
from pipeline.layout.features import LineInfo
from pipeline.layout.reading import Reading
from pipeline.layout.units import scale_of
from pipeline.state import TextLine, TypeScale, WorkBlock
from schemas import BlockType

SUBHEAD_LEAD = 0.8
"""Lines of one subhead follow each other with at most this many line pitches of white between them."""
COLUMN_REACH = 5.0
"""A block belongs to the columns that start within this many line pitches below it (a headline's)."""

BASE_CONFIDENCE: dict[BlockType, float] = {
    "page_header": 0.9,
    "advertisement": 0.8,
    "image": 0.8,
    "caption": 0.75,
    "kicker": 0.8,
    "headline": 0.9,
    "subheadline": 0.8,
    "subhead": 0.7,
    "byline": 0.9,
    "dateline": 0.9,
    "body": 0.9,
}


def _confidence(kind: BlockType, lines: list[TextLine]) -> float:
    ocr = sum(ln.confidence for ln in lines) / len(lines) if lines else 1.0
    return round(BASE_CONFIDENCE[kind] * ocr, 4)


def in_rows(infos: list[LineInfo]) -> list[LineInfo]:
    """Lines in reading order: rows top to bottom (lines sharing most of their height), each left to right."""
    rows: list[list[LineInfo]] = []
    for info in sorted(infos, key=lambda i: i.y0):
        row = rows[-1] if rows else None
        shared = overlap_1d(row[0].y0, row[0].y1, info.y0, info.y1) if row else 0.0
        if row and shared >= 0.5 * min(row[0].y1 - row[0].y0, info.y1 - info.y0):
            row.append(info)
        else:
            rows.append([info])
    return [i for row in rows for i in sorted(row, key=lambda i: i.x0)]


def _block(kind: BlockType, infos: list[LineInfo], box: Box | None = None, group: str = "") -> WorkBlock:
    lines = [i.line for i in in_rows(infos)]
    frame = box if box is not None else union(i.box for i in infos)
    vertical = bool(infos) and all(i.vertical for i in infos)
    return WorkBlock(
        id="",
        type=kind,
        box=frame,
        lines=lines,
        confidence=_confidence(kind, lines),
        direction="vertical-rtl" if vertical else "horizontal-ltr",
        group=group,
    )


def _stack_blocks(stack: Stack, group: str) -> list[WorkBlock]:
    """Kicker, headline and subheadline blocks of a stack, their lines row by row."""
    out = []
    for role in ("kicker", "headline", "subheadline"):
        rows = stack.role_rows(role)  # type: ignore[arg-type]
        if rows:
            block = _block(role, [i for r in rows for i in r.items], group=group)  # type: ignore[arg-type]
            block.lines = [ln for r in rows for ln in r.lines()]
            out.append(block)
    return out


def _subhead_blocks(lines: list[LineInfo], pitch: float) -> list[WorkBlock]:
    """One block per subhead; a subhead set on two lines stays one block."""
    groups: list[list[LineInfo]] = []
    for info in sorted(lines, key=lambda i: i.y0):
        near = (g for g in groups if info.y0 - g[-1].y0 >= 0 and info.y0 - g[-1].y1 <= SUBHEAD_LEAD * pitch)
        home = next((g for g in near if overlap_1d(g[-1].x0, g[-1].x1, info.x0, info.x1) > 0), None)
        if home is None:
            groups.append([info])
        else:
            home.append(info)
    return [_block("subhead", g) for g in groups]


def column_ids(box: Box, columns: list[Box], size: float, scale: TypeScale | None = None) -> list[int]:
    """Columns a block covers: half their width or more, at its height or just below it."""
    reach = COLUMN_REACH * scale_of(size, scale).line_pitch
    out = []
    for k, col in enumerate(columns):
        wide = overlap_1d(box[0], box[2], col[0], col[2]) >= 0.5 * (col[2] - col[0])
        tall = overlap_1d(box[1], box[3] + reach, col[1], col[3]) > 0
        if wide and tall:
            out.append(k)
    return out


def make_blocks(reading: Reading, scale: TypeScale | None = None) -> list[WorkBlock]:
    """Every part of the reading as blocks, numbered top to bottom, left to right.

    ``scale`` is the page's type scale (else the nominal one of the reading's body size).
    """
    units = scale_of(reading.size, scale)
    blocks: list[WorkBlock] = []
    for part in (reading.header, reading.footer):
        if part:
            blocks.append(_block("page_header", part))
    blocks += [_block("advertisement", inside, box) for box, inside in reading.ads]
    blocks += [_block("image", [], box) for box in reading.photos]
    blocks += [_block("caption", cap) for cap in reading.captions]
    for k, stack in enumerate(reading.stacks):
        blocks += _stack_blocks(stack, group=f"g{k + 1}")
    blocks += _subhead_blocks(reading.subheads, units.line_pitch)
    blocks += [_block("byline", [i]) for i in reading.bylines]
    blocks += [_block("dateline", [i]) for i in reading.datelines]
    blocks += [_block("body", run.lines) for run in reading.runs]
    blocks.sort(key=lambda b: (b.box[1], b.box[0]))
    for k, block in enumerate(blocks):
        block.id = f"b{k + 1:04d}"
        block.columns = column_ids(block.box, reading.columns, reading.size, units)
    return blocks

"""How sure each title role is, from the typesetting evidence that named it.

Each cue is a fact about the block's type or place, scored from 0 (absent) to 1
(as clear as it gets) in the page's type scale, and weighted by how much it says
on its own. Independent cues combine as a noisy-or: the role is doubtful only
when every cue for it is weak, and one clear cue is enough to be fairly sure.
The block's confidence is that evidence times how surely OCR read its lines.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.config import LayoutOptions
from pipeline.geometry import Box, overlap_1d
from pipeline.layout.features import LineInfo
from pipeline.layout.kickers import STOPS
from pipeline.layout.roles import relative_size
from pipeline.state import TypeScale, WorkBlock

TITLE_ROLES = ("kicker", "headline", "subheadline", "subhead")
CUE_WEIGHT = {
    "size": 0.8,  # display type is the surest mark of a title
    "weight": 0.5,  # bold type sets a line apart, but subheads are bold too
    "lines": 0.3,  # several lines of one type: a title broken over lines
    "place": 0.6,  # where it stands: over a column run, tight on its headline, inside text
    "short": 0.2,  # ends without a sentence-final stop
}
"""How much each cue says on its own (the chance it is right when it is clear)."""
PLACE_REACH = 3.0
"""Body text this many body line pitches from a block counts as next to it."""


def noisy_or(cues: Iterable[tuple[str, float]]) -> float:
    """Combined evidence of independent cues ``(name, score)``.

    >>> round(noisy_or([("size", 1.0), ("weight", 0.5)]), 3)
    0.85
    >>> noisy_or([])
    0.0
    """
    doubt = 1.0
    for name, score in cues:
        doubt *= 1.0 - CUE_WEIGHT[name] * min(max(score, 0.0), 1.0)
    return 1.0 - doubt


def _ramp(value: float, lo: float, hi: float) -> float:
    """0 at ``lo``, 1 at ``hi``, linear between."""
    return (value - lo) / (hi - lo) if hi > lo else float(value >= hi)


def _near_body(box: Box, blocks: list[WorkBlock], reach: float, below: bool) -> bool:
    for b in blocks:
        if b.type != "body" or overlap_1d(b.box[0], b.box[2], box[0], box[2]) <= 0:
            continue
        gap = b.box[1] - box[3] if below else box[1] - b.box[3]
        if -0.5 * reach <= gap <= reach:
            return True
    return False


def _place(block: WorkBlock, blocks: list[WorkBlock], reach: float) -> float:
    """How well the block stands where its role is set."""
    above = _near_body(block.box, blocks, reach, below=False)
    below = _near_body(block.box, blocks, reach, below=True)
    if block.type == "subhead":
        return 1.0 if above and below else 0.5 if below else 0.0
    if block.type == "headline":
        return 1.0 if below else 0.3  # a headline heads text
    grouped = [b for b in blocks if b.group and b.group == block.group and b.type == "headline"]
    return 1.0 if grouped else 0.3  # a kicker or subheadline is set tight on its headline


def cues(block: WorkBlock, infos: list[LineInfo], scale: TypeScale, blocks: list[WorkBlock], opts: LayoutOptions):
    """The scored cues for ``block``'s role."""
    rel = max((relative_size(i, scale.size, scale.em) for i in infos), default=1.0)
    ink = max((i.ink for i in infos), default=0.0)
    weight = _ramp(ink / scale.weight, 1.0, opts.bold_weight) if scale.weight > 0 else 0.0
    text = block.text.rstrip()
    out = [
        ("weight", weight),
        ("short", 0.0 if text[-1:] in STOPS else 1.0),
        ("place", _place(block, blocks, PLACE_REACH * (scale.line_pitch or 1.3 * scale.size))),
    ]
    if block.type == "subhead":
        # a subhead is body-sized type set apart: larger than display size speaks against it
        out.append(("size", 1.0 - _ramp(rel, opts.medium_size, opts.display_size)))
    else:
        out.append(("size", _ramp(rel, 1.0, opts.display_size)))
        out.append(("lines", 1.0 if len({round(i.cy) for i in infos}) >= 2 else 0.0))
    return out


def rescore(blocks: list[WorkBlock], infos: list[LineInfo], scale: TypeScale, opts: LayoutOptions) -> None:
    """Set each title block's confidence from its evidence times its OCR confidence."""
    by_id = {i.line.id: i for i in infos}
    for block in blocks:
        if block.type not in TITLE_ROLES or not block.lines:
            continue
        mine = [by_id[ln.id] for ln in block.lines if ln.id in by_id]
        ocr = sum(ln.confidence for ln in block.lines) / len(block.lines)
        block.confidence = round(noisy_or(cues(block, mine, scale, blocks, opts)) * ocr, 4)

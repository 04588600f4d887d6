"""Which headline owns each block: the article structure of a page.

A headline owns the text set below it within its width, down to the next
headline, or to a rule that closes its module. So each body block belongs to the
nearest headline above it that overlaps it horizontally, in the same frame
(a boxed sidebar keeps its own articles), with no closing rule in between. This
also covers L-shaped modules: a column that runs on below a neighbouring article
still has its own headline as the nearest one above it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.geometry import Box, area, intersection, overlap_1d
from pipeline.layout.display import at_top_corner
from pipeline.layout.modules import OPENERS, after_close, band_breaks, container, run_on, walled_apart
from pipeline.layout.units import scale_of
from pipeline.state import TypeScale, WorkBlock

FLOW_TYPES = ("body", "subhead", "byline", "dateline", "caption", "image")
"""Blocks that belong to whichever article's area they lie in."""


ACROSS = 0.8
"""A rule closes a module for a block it runs across: most of the block's width. The edge of
a section label's panel or of a small tint, set over part of a column, closes nothing."""


def _closed_between(head: Box, box: Box, rules: list[Box], size: float) -> bool:
    """A rule across ``box`` set between the headline and it (not a rule tight under the headline)."""
    for r in rules:
        cy = (r[1] + r[3]) / 2
        below_head = cy > head[3] + 1.0 * size
        if below_head and cy < box[1] and overlap_1d(r[0], r[2], box[0], box[2]) > ACROSS * (box[2] - box[0]):
            return True
    return False


def _headed_between(head: Box, box: Box, heads: list[Span]) -> bool:
    """A lower headline set wholly between ``head`` and the block, over part of its column.

    A headline starts a module: text below it belongs to it, never to a headline above
    it, even where only white space parts the bands. A headline level with ``head`` (an
    L-shaped neighbour) is not between them, so a column running on under it keeps its own.
    """
    for _, h, _ in heads:
        if (
            h[1] > head[3]
            and h[3] < box[1]
            and overlap_1d(h[0], h[2], box[0], box[2]) > 0.25 * min(box[2] - box[0], h[2] - h[0])
        ):
            return True
    return False


Span = tuple[str, Box, Box]
"""A headline's id, its box and the x-range (as a box) its article may occupy."""


def owner_above(
    block: WorkBlock, heads: list[Span], rules: list[Box], frames: list[Box], size: float, share: float = 0.5
) -> str | None:
    """The id of the nearest headline above ``block`` whose span covers ``share`` of it, if any.

    ``heads`` holds (id, headline box, span): the span is the x-range the
    headline's article may occupy.
    """
    box = block.box
    home = container(box, frames)
    best: Span | None = None
    for head in heads:
        _, h, span = head
        if h[3] > box[1] + 0.5 * size or container(h, frames) != home:
            continue
        if overlap_1d(span[0], span[2], box[0], box[2]) < share * min(box[2] - box[0], span[2] - span[0]):
            continue
        if _closed_between(h, box, rules, size) or _headed_between(h, box, heads):
            continue
        if best is None or h[3] > best[1][3]:
            best = head
    return best[0] if best else None


def _mirrored_spans(heads: list[WorkBlock], flow: list[WorkBlock], owners: dict[str, str]) -> list[Span]:
    """Each headline's span widened to what it owns, mirrored about its centre.

    Headlines are usually centred over their article, so text found on one side
    of a headline vouches for as much on the other side.
    """
    out = []
    for head in heads:
        h = head.box
        owned = [b.box for b in flow if owners.get(b.id) == head.id]
        x0, x1 = min([h[0], *(b[0] for b in owned)]), max([h[2], *(b[2] for b in owned)])
        cx = (h[0] + h[2]) / 2
        out.append((head.id, h, (min(x0, 2 * cx - x1), h[1], max(x1, 2 * cx - x0), h[3])))
    return out


def _beside(block: WorkBlock, others: list[WorkBlock], owners: dict[str, str]) -> str | None:
    """Owner of the nearest owned flow block to the left at the same height (a column run on)."""
    box = block.box
    best, gap = None, float("inf")
    for other in others:
        o = other.box
        if other.id not in owners or o[2] > box[0] + 1 or overlap_1d(o[1], o[3], box[1], box[3]) <= 0:
            continue
        if box[0] - o[2] < gap:
            best, gap = owners[other.id], box[0] - o[2]
    return best


def assign_owners(
    blocks: list[WorkBlock],
    rules: list[Box],
    frames: list[Box],
    size: float,
    walls: list[Box] | None = None,
    scale: TypeScale | None = None,
    run_ons: bool = True,
) -> dict[str, str]:
    """Map each flow block id to the id of the headline that owns it (unowned blocks left out).

    Passes from the surest evidence to the weakest: text under the headline itself;
    text under the headline's mirrored span; text in the headline's module (no
    rule between them); text beside owned text. The middle passes first keep to
    the headline's side of vertical rules (``walls``), then reach past them.
    ``run_ons``: a column's text runs on down its module (under a picture, past a closing
    byline); off on a turned vertical page, whose bands are cut by short items' titles instead
    (:mod:`pipeline.layout.openers`).
    """
    heads = [b for b in blocks if b.type == "headline"]
    flow = [b for b in blocks if b.type in FLOW_TYPES]
    owners: dict[str, str] = {}
    labels = label_heads(blocks, heads, frames, walls)
    spans = [(h.id, h.box, h.box) for h in heads] + [(b.id, b.box, b.box) for b in blocks if b.id in labels]
    units = scale_of(size, scale)
    for block in flow:  # top to bottom: an opener is placed before the text under it
        follows = run_on(block, blocks, owners, rules, units) if run_ons else None
        if follows is not None:
            owners[block.id] = follows
            continue
        owner = owner_above(block, spans, rules, frames, size)
        if owner is not None:
            owner = labels.get(owner, owner)  # text under a section label belongs to its module's headline
            owners[block.id] = _module_head(block, owner, heads, blocks, size) or owner
        opened = _opened_by(block, blocks, owners, units)
        if opened is not None:
            owners[block.id] = opened
    for fence in (walls or [], []):
        ctx = _Pass(rules, frames, size, fence)
        _mirrored_pass(heads, flow, owners, ctx)
        _module_pass(heads, flow, owners, ctx)
    for block in sorted(flow, key=lambda b: b.box[0]):
        if block.id not in owners and block.type in ("body", "byline"):
            owner = _beside(block, flow, owners)
            if owner is not None:
                owners[block.id] = owner
    closes = _bylines_close(flow, owners, size)
    if run_ons:
        after_close(blocks, owners, closes, units)
    band_breaks(blocks, owners, frames, units)
    _bylines_over(heads, blocks, owners, frames, units)
    return owners


BYLINE_OVER = 1.5
"""Most white space (in line pitches) between a byline set above a headline and the headline."""


def _bylines_over(
    heads: list[WorkBlock], blocks: list[WorkBlock], owners: dict[str, str], frames: list[Box], scale: TypeScale
) -> None:
    """A byline set at the top of a module, above its headline, belongs to that headline.

    Leads often carry the byline in the module's top band (beside a section label),
    over the headline rather than under it: the headline next below it, within the
    width of the module it heads (the headline and what it owns), with nothing between.
    """
    for byline in (b for b in blocks if b.type == "byline" and b.id not in owners):
        y = byline.box
        below = [
            h
            for h in heads
            if 0 <= h.box[1] - y[3] <= BYLINE_OVER * scale.line_pitch
            and container(h.box, frames) == container(y, frames)
            and _module_width(h, blocks, owners)[0] <= (y[0] + y[2]) / 2 <= _module_width(h, blocks, owners)[1]
        ]
        head = min(below, key=lambda h: h.box[1], default=None)
        if head is not None and not any(_parts(y, head.box, b.box) for b in blocks if b.id not in (byline.id, head.id)):
            owners[byline.id] = head.id


def _module_width(head: WorkBlock, blocks: list[WorkBlock], owners: dict[str, str]) -> tuple[float, float]:
    """The x-range of a headline and the text it owns."""
    boxes = [head.box, *(b.box for b in blocks if owners.get(b.id) == head.id)]
    return min(b[0] for b in boxes), max(b[2] for b in boxes)


def _parts(upper: Box, lower: Box, other: Box) -> bool:
    """Whether ``other`` stands between ``upper`` and ``lower`` (in height, over ``upper``'s width)."""
    return other[1] >= upper[3] and other[3] <= lower[1] and overlap_1d(other[0], other[2], upper[0], upper[2]) > 0


OPENER_GAP = 1.0
"""Most white space (in line pitches) between a byline or dateline heading a column and its text."""


def _opened_by(block: WorkBlock, blocks: list[WorkBlock], owners: dict[str, str], scale: TypeScale) -> str | None:
    """The owner of the byline or dateline set at the head of this block's column, if any.

    A byline (or a dateline on its own line) set over the first column of a module, under
    its headline, opens that module's text: the text right under it is the same article,
    wherever the nearest headline above stands (so does a byline's second line). Only an
    opener heading its column counts (no text, picture or caption just above it); a byline
    closing a column does not.
    """
    if block.type not in ("body", "subhead", *OPENERS):
        return None
    b = block.box
    for opener in blocks:
        o = opener.box
        if opener.type not in OPENERS or opener.id not in owners or opener is block:
            continue
        if not (
            -0.3 * scale.line_pitch <= b[1] - o[3] <= OPENER_GAP * scale.line_pitch
            and overlap_1d(o[0], o[2], b[0], b[2]) >= 0.5 * min(o[2] - o[0], b[2] - b[0])
        ):
            continue
        if not any(f.type in HEADS_COLUMN and _just_above(f.box, o, scale.size) for f in blocks if f is not opener):
            return owners[opener.id]
    return None


HEADS_COLUMN = ("body", "subhead", "caption", "image")
"""What may stand over a byline in its column: a byline under any of these closes text, it opens none."""


BYLINE_REACH = 1.5
"""Most white space (in body sizes) between a byline and the column text it closes."""


def _bylines_close(flow: list[WorkBlock], owners: dict[str, str], size: float) -> list[tuple[WorkBlock, WorkBlock]]:
    """A byline closes its article: set at the foot of a column, it belongs to the text just above it there.

    Returns each closing byline with the text it closes.
    """
    closes = []
    for byline in (b for b in flow if b.type == "byline"):
        y = byline.box
        above = [
            b
            for b in flow
            if b.type == "body"
            and b.id in owners
            and 0 <= y[1] - b.box[3] + 0.5 * size <= BYLINE_REACH * size
            and overlap_1d(b.box[0], b.box[2], y[0], y[2]) >= 0.8 * (y[2] - y[0])
        ]
        nearest = max(above, key=lambda b: b.box[3], default=None)
        if nearest is not None:
            owners[byline.id] = owners[nearest.id]
            closes.append((byline, nearest))
    return closes


def label_heads(
    blocks: list[WorkBlock], heads: list[WorkBlock], frames: list[Box], walls: list[Box] | None = None
) -> dict[str, str]:
    """Section labels (kickers with no headline of their own) mapped to the headline at whose top corner they sit.

    A label beyond a rule that bounds the headline's module (``walls``: vertical rules) is not that module's.
    """
    grouped = {h.group for h in heads}
    out: dict[str, str] = {}
    for block in blocks:
        if block.type != "kicker" or block.group in grouped:
            continue
        for head in heads:
            h = head.box
            if (
                at_top_corner(block.box, h, 2 * (h[3] - h[1]))
                and container(block.box, frames) == container(h, frames)
                and not walled_apart(block.box, h, walls or [])
            ):
                out[block.id] = head.id
                break
    return out


@dataclass(frozen=True)
class _Pass:
    """What one ownership pass respects: closing rules, frames, and vertical rules as walls."""

    rules: list[Box]
    frames: list[Box]
    size: float
    walls: list[Box]

    def owner(self, block: WorkBlock, spans: list[Span], share: float) -> str | None:
        heads = [s for s in spans if not _walled(s[1], block.box, self.walls)]
        return owner_above(block, heads, self.rules, self.frames, self.size, share)


def _mirrored_pass(heads: list[WorkBlock], flow: list[WorkBlock], owners: dict[str, str], ctx: _Pass) -> None:
    """A centred headline may leave its outer columns only partly under it.

    Spans widen pass by pass; a block waits while a nearer headline above it may
    still come to cover it, and takes the best it has when the spans stop growing.
    """
    nearest = {b.id: ctx.owner(b, _unbounded(heads), 0.0) for b in flow}
    found: dict[str, str | None] = {}
    for _ in range(3):
        spans = _mirrored_spans(heads, flow, owners)
        found = {b.id: ctx.owner(b, spans, 0.25) for b in flow if b.id not in owners}
        sure = {k: v for k, v in found.items() if v is not None and v == nearest[k]}
        owners.update(sure)
        if not sure:
            break
    owners.update({k: v for k, v in found.items() if v is not None and k not in owners})


def _unbounded(heads: list[WorkBlock]) -> list[Span]:
    """Headlines with spans as wide as the page: ownership by height alone."""
    return [(h.id, h.box, (0.0, h.box[1], float("inf"), h.box[3])) for h in heads]


def _module_pass(heads: list[WorkBlock], flow: list[WorkBlock], owners: dict[str, str], ctx: _Pass) -> None:
    """A column off to the side of a narrow headline: the nearest headline above that no rule shuts off."""
    wide = _unbounded(heads)
    for block in flow:
        if block.id not in owners and block.type in ("body", "byline", "subhead"):
            owner = ctx.owner(block, wide, 0.0)
            if owner is not None:
                owners[block.id] = owner


def _walled(head: Box, box: Box, walls: list[Box]) -> bool:
    """A vertical rule beside the block, between it and a headline off to its side, that bounds a module.

    Column rules inside an article start below its headline; a rule that bounds
    a module runs from the module's top, alongside the headlines set there.
    """
    cx = (box[0] + box[2]) / 2
    if head[0] <= cx <= head[2]:
        return False
    lo, hi = (cx, head[0]) if cx < head[0] else (head[2], cx)
    return any(
        lo < (w[0] + w[2]) / 2 < hi and overlap_1d(w[1], w[3], box[1], box[3]) > 0 and w[1] < head[3] for w in walls
    )


def _module_head(
    block: WorkBlock, owner: str, heads: list[WorkBlock], blocks: list[WorkBlock], size: float
) -> str | None:
    """A later headline whose module this block opens, though the headline is not above it.

    A block that starts level with the top of a lower headline's text, close beside
    that headline, with nothing (text, headline, photo) just above it, begins that
    headline's module (a centred headline leaves its outer columns uncovered); a
    column that runs on from above (an L-shaped article beside the new module) does not.
    A byline or dateline just above opens a column's text, it never runs on into it.
    """
    box = block.box
    top = next(h.box[3] for h in heads if h.id == owner)
    for head in heads:
        h = head.box
        if not (top < h[3] <= box[1] + 0.5 * size and box[1] - h[3] <= 3 * size):
            continue
        if max(h[0] - box[2], box[0] - h[2]) > 0.5 * (h[2] - h[0]):
            continue  # too far to the side to be this module's headline
        if not any(_just_above(f.box, box, size) for f in blocks if f is not block and f.type not in OPENERS):
            return head.id
    return None


def _just_above(upper: Box, lower: Box, size: float) -> bool:
    return 0 <= lower[1] - upper[3] <= 3 * size and overlap_1d(upper[0], upper[2], lower[0], lower[2]) > 0


def in_frame(block: WorkBlock, frames: list[Box]) -> bool:
    """Whether most of the block lies inside one of ``frames``."""
    a = area(block.box)
    return any(intersection(block.box, f) >= 0.5 * a for f in frames) if a else False

"""Ground truth from what the browser measured: blocks, lines, columns and articles.

Leaves with one block key make one block, their lines in document order. An
article's body flow is cut where it changes column (a line set at the height of
the last one or above it) or changes kind (body, subhead, byline): one block per
run, as ``samplegen.truth`` describes a page; the runs of one column of a flow
make one page column. CSS boxes scale to the screenshot's pixels and then go through the skew
of the page's aging (``samplegen.truth.Frame``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from samplegen.corpus import ArticleText
from samplegen.degrade import Aging
from samplegen.truth import Frame

from schemas import Article, BBox, Block, Column, EngineInfo, Line, Page, Source, Step, Subhead

GENERATOR = "htmlgen 1.0"
Box = tuple[float, float, float, float]


@dataclass
class Run:
    """Lines that make one block, before they become a ``schemas.Block``."""

    kind: str
    art: str | None
    lines: list[tuple[str, Box]] = field(default_factory=list)
    box: Box | None = None
    column: int | None = None
    """Which column of its flow the run is set in (None: not part of a flow)."""


def _union(boxes: list[Box]) -> Box:
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _new_column(prev: Box, box: Box) -> bool:
    """A line of a column is set below the one before it; one at its height or above starts a new column."""
    return box[1] <= prev[1] + 1


def runs(measured: dict) -> list[Run]:
    """Blocks in document order, flows cut into column runs."""
    out: list[Run] = []
    keyed: dict[str, Run] = {}
    flows: dict[str, Run] = {}
    for leaf in measured["leaves"]:
        lines = [(ln["t"], tuple(ln["box"])) for ln in leaf["lines"] if ln["t"]]
        if leaf["flow"]:
            for text, box in lines:
                last = flows.get(leaf["flow"])
                turn = last is not None and _new_column(last.lines[-1][1], box)
                if last is None or turn or last.kind != leaf["k"]:
                    col = 0 if last is None else last.column + int(turn)  # type: ignore[operator]
                    last = flows[leaf["flow"]] = Run(leaf["k"], leaf["art"], column=col)
                    out.append(last)
                last.lines.append((text, box))  # type: ignore[arg-type]
            continue
        run = keyed.get(leaf["b"])
        if run is None:
            run = keyed[leaf["b"]] = Run(leaf["k"], leaf["art"])
            out.append(run)
        run.lines += lines  # type: ignore[arg-type]
        if leaf["k"] == "image":
            run.box = tuple(leaf["rect"])  # type: ignore[assignment]
        if leaf["b"] in measured["boxes"]:
            run.box = tuple(measured["boxes"][leaf["b"]])  # type: ignore[assignment]
    return [r for r in out if r.lines or r.box]


class Scaler:
    """CSS pixels to scan boxes: scale to the screenshot, then the skew."""

    def __init__(self, sx: float, sy: float, frame: Frame) -> None:
        self.sx, self.sy, self.frame = sx, sy, frame

    def box(self, b: Box) -> Box:
        return b[0] * self.sx, b[1] * self.sy, b[2] * self.sx, b[3] * self.sy

    def bbox(self, b: Box) -> BBox:
        return self.frame.bbox(self.box(b))

    def quad(self, b: Box):
        return self.frame.quad(self.box(b))


def _block(run: Run, bid: str, at: Scaler, columns: list[int]) -> Block:
    lines = [
        Line(id=f"{bid}-l{j + 1:02d}", quad=at.quad(box), bbox=at.bbox(box), text=text, confidence=1.0)
        for j, (text, box) in enumerate(run.lines)
    ]
    box = run.box or _union([b for _, b in run.lines])
    return Block(
        id=bid,
        type=run.kind,
        bbox=at.bbox(box),
        polygon=list(at.quad(box)),
        column_span=len(columns),
        columns=columns,
        lines=lines,
        text="".join(t for t, _ in run.lines),
        confidence=1.0,
    )


def _article(aid: str, index: int, text: ArticleText, got: dict, blocks: list[Block], cols: list[int]) -> Article:
    kinds = {b.type for b in blocks}
    return Article(
        id=f"a{index + 1:02d}",
        kicker=text.kicker if "kicker" in kinds else None,
        headline="".join(text.headline.split()),
        subheadline=text.subheadline if "subheadline" in kinds else None,
        dateline=got["dateline"],
        byline=text.byline if "byline" in kinds else None,
        authors=list(text.authors),
        paragraphs=got["paragraphs"],
        subheads=[Subhead(text=t, before_paragraph=i) for t, i in got["subheads"]],
        block_ids=[b.id for b in blocks],
        bbox=BBox(
            x0=min(b.bbox.x0 for b in blocks),
            y0=min(b.bbox.y0 for b in blocks),
            x1=max(b.bbox.x1 for b in blocks),
            y1=max(b.bbox.y1 for b in blocks),
        ),
        columns=cols,
        confidence=1.0,
    )


def page_truth(
    measured: dict,
    texts: dict[str, ArticleText],
    size: tuple[int, int],
    scale: tuple[float, float],
    dpi: int,
    aging: Aging,
    step: Step,
) -> Page:
    """The page's ground truth; ``size`` is the scan's, ``scale`` scan pixels per CSS pixel."""
    at = Scaler(scale[0], scale[1], Frame(size[0], size[1], aging.angle))
    all_runs = runs(measured)
    spans: dict[tuple[str, int], list[Box]] = {}
    for run in all_runs:
        if run.column is not None:
            spans.setdefault((run.art or "", run.column), []).extend(b for _, b in run.lines)
    ids = {key: i for i, key in enumerate(spans)}
    columns = [Column(index=i, bbox=at.bbox(_union(spans[key]))) for key, i in ids.items()]
    art_cols: dict[str, list[int]] = {}
    for (art, _), i in ids.items():
        art_cols.setdefault(art, []).append(i)
    blocks: list[Block] = []
    by_art: dict[str, list[Block]] = {}
    for i, run in enumerate(all_runs):
        if run.column is not None:
            cols = [ids[(run.art or "", run.column)]]
        else:
            cols = art_cols.get(run.art or "", []) if run.art else []
        blocks.append(_block(run, f"b{i + 1:03d}", at, cols))
        if run.art in measured["articles"]:
            by_art.setdefault(run.art, []).append(blocks[-1])
    articles = [
        _article(aid, i, texts[aid], measured["articles"][aid], by_art[aid], art_cols.get(aid, []))
        for i, aid in enumerate(a for a in measured["articles"] if a in by_art)
    ]
    return Page(
        source=Source(path="", sha256="0" * 64),
        width=size[0],
        height=size[1],
        dpi=float(dpi),
        skew_deg=aging.angle,
        engine=EngineInfo(name="ground-truth", version=GENERATOR),
        columns=columns,
        blocks=blocks,
        reading_order=[b.id for b in blocks],
        articles=articles,
        steps=[step],
    )

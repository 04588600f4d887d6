"""Articles and reading order from typed blocks.

Each headline collects the blocks it owns (:mod:`pipeline.layout.articles`), its
kicker and subheadline (same group), and its text is joined into paragraphs
(:mod:`pipeline.layout.paragraphs`). Articles are read top to bottom, left to
right by their headlines; the page header comes first, blocks outside every
article (ads, stray lines) last.
"""

from __future__ import annotations

from typing import ClassVar

from pipeline.config import LayoutOptions
from pipeline.geometry import union
from pipeline.layout.articles import assign_owners, label_heads
from pipeline.layout.modules import lone_titles, stacked_subheadlines
from pipeline.layout.openers import promote_openers
from pipeline.layout.paragraphs import article_text, reading_lanes
from pipeline.layout.turn import article_order, is_turned
from pipeline.layout.units import scale_of
from pipeline.layout.vertical import side_owners
from pipeline.state import PageState, RunContext, WorkArticle, WorkBlock, WorkSubhead
from schemas import Step

_TEXT_FLOW = ("body", "subhead", "byline", "dateline")


def _text(blocks: list[WorkBlock], kind: str) -> str | None:
    parts = [b.text for b in blocks if b.type == kind]
    return "".join(parts) or None


def build_article(
    head: WorkBlock, group: list[WorkBlock], flow: list[WorkBlock], page: PageState, opts: LayoutOptions | None = None
) -> WorkArticle:
    """One article from its headline group and its flow blocks (already in reading order)."""
    text_flow = [b for b in flow if b.type in _TEXT_FLOW]
    text = article_text(text_flow, page.layout.columns, page.layout.body_size, page.type_scale, opts)
    kicker = [b for b in group if b.type == "kicker"]
    sub = [b for b in group if b.type == "subheadline"]
    blocks = [*kicker, head, *sub, *flow]
    confidences = [b.confidence for b in blocks]
    return WorkArticle(
        id="",
        headline=head.text,
        block_ids=[b.id for b in blocks],
        box=union(b.box for b in blocks),
        kicker=_text(kicker, "kicker"),
        subheadline=_text(sub, "subheadline"),
        dateline=text.dateline,
        byline=text.byline,
        authors=text.authors,
        paragraphs=text.paragraphs,
        subheads=[WorkSubhead(t, i) for t, i in text.subheads],
        columns=sorted({c for b in blocks for c in b.columns}),
        confidence=round(sum(confidences) / len(confidences), 4),
    )


class Assemble:
    """Fill ``page.articles`` and ``page.reading_order``."""

    name: ClassVar[str] = "assemble"
    version: ClassVar[str] = "6"  # 6: a kicker no headline takes heads the column text under it

    def __init__(self, options: LayoutOptions) -> None:
        self.options = options

    def __call__(self, page: PageState, ctx: RunContext) -> PageState:
        ads = {b.box for b in page.blocks if b.type == "advertisement"}
        frames = [r.box for r in page.layout.regions if r.kind == "box" and r.box not in ads]
        layout = page.layout
        if page.turned is not None:  # a short item's title on a vertical page (pipeline.layout.openers)
            promote_openers(page.blocks, layout.horizontal_rules, layout.vertical_rules, layout.body_size)
        units = scale_of(layout.body_size, page.type_scale)
        stacked_subheadlines(page.blocks, units)
        if page.turned is None:  # a small title set over its column's text on a page set across
            heads = [b for b in page.blocks if b.type == "headline"]
            lone_titles(page.blocks, label_heads(page.blocks, heads, frames, layout.vertical_rules), units)
        owners = assign_owners(
            page.blocks,
            layout.horizontal_rules,
            frames,
            layout.body_size,
            layout.vertical_rules,
            page.type_scale,
            run_ons=page.turned is None,
        )
        # a vertical headline (竖题) owns the text beside it, not below it
        owners.update(side_owners(page.blocks, layout.horizontal_rules, layout.vertical_rules, layout.body_size))
        heads = [b for b in page.blocks if b.type == "headline"]
        heads = article_order(heads, is_turned(page.blocks), layout.body_size, page.blocks)
        articles: list[WorkArticle] = []
        for head in heads:
            flow = reading_lanes([b for b in page.blocks if owners.get(b.id) == head.id])
            if not any(b.type == "body" for b in flow):
                continue  # a section label or a teaser: no text of its own
            group = [b for b in page.blocks if head.group and b.group == head.group and b is not head]
            article = build_article(head, group, flow, page, self.options)
            article.id = f"a{len(articles) + 1:03d}"
            articles.append(article)
        page.articles = articles
        page.reading_order = reading_order(page.blocks, articles)
        page.steps.append(Step(name=self.name, version=self.version))
        return page


def reading_order(blocks: list[WorkBlock], articles: list[WorkArticle]) -> list[str]:
    """Page header, then each article's blocks, then every other block top to bottom."""
    header = [b.id for b in blocks if b.type == "page_header"]
    in_articles = [i for a in articles for i in a.block_ids]
    taken = set(header) | set(in_articles)
    rest = [b.id for b in sorted(blocks, key=lambda b: (b.box[1], b.box[0])) if b.id not in taken]
    return header[:1] + in_articles + rest + header[1:]

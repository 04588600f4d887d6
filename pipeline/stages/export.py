"""PageState -> schemas.Page, mapping every coordinate back to the scan."""

from __future__ import annotations

from pipeline.geometry import to_scan_bbox, to_scan_quad
from pipeline.state import PageState, TextLine, WorkArticle, WorkBlock
from schemas import Article, BBox, Block, Column, EngineInfo, Line, Page, Source, Subhead


def _line(line: TextLine, page: PageState) -> Line:
    quad = to_scan_quad(line.quad, page.to_scan, page.width, page.height)
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    return Line(
        id=line.id,
        quad=quad,
        bbox=BBox(x0=min(xs), y0=min(ys), x1=max(xs), y1=max(ys)),
        text=line.text,
        confidence=round(min(1.0, max(0.0, line.confidence)), 4),
    )


def _block(block: WorkBlock, page: PageState) -> Block:
    lines = [_line(ln, page) for ln in block.lines]
    return Block(
        id=block.id,
        type=block.type,
        bbox=to_scan_bbox(block.box, page.to_scan, page.width, page.height),
        column_span=len(block.columns),
        columns=block.columns,
        direction=block.direction,
        lines=lines,
        text="".join(ln.text for ln in lines),
        confidence=round(min(1.0, max(0.0, block.confidence)), 4),
    )


def _article(article: WorkArticle, page: PageState) -> Article:
    return Article(
        id=article.id,
        kicker=article.kicker,
        headline=article.headline,
        subheadline=article.subheadline,
        dateline=article.dateline,
        byline=article.byline,
        authors=article.authors,
        paragraphs=article.paragraphs,
        subheads=[Subhead(text=s.text, before_paragraph=s.before_paragraph) for s in article.subheads],
        block_ids=article.block_ids,
        bbox=to_scan_bbox(article.box, page.to_scan, page.width, page.height),
        columns=article.columns,
        confidence=round(min(1.0, max(0.0, article.confidence)), 4),
    )


def to_page(page: PageState, engine: EngineInfo) -> Page:
    """Build the validated output model of one page.

    Raises:
        pydantic.ValidationError: the state breaks the contract (a bug, not bad input).
    """
    src = page.source
    return Page(
        source=Source(
            path=str(src.path),
            page_index=src.page_index,
            page_count=src.page_count,
            sha256=src.sha256,
            format=src.format,
            metadata=src.metadata,
        ),
        width=page.width,
        height=page.height,
        dpi=page.dpi,
        skew_deg=page.skew_deg,
        orientation_deg=page.orientation_deg,  # type: ignore[arg-type]
        engine=engine,
        columns=[
            Column(index=i, bbox=to_scan_bbox(c, page.to_scan, page.width, page.height))
            for i, c in enumerate(page.layout.columns)
        ],
        blocks=[_block(b, page) for b in page.blocks],
        reading_order=page.reading_order,
        articles=[_article(a, page) for a in page.articles],
        steps=page.steps,
    )

"""What a reviewer should look at first: the review queue of one page.

An item names a page (and an article or block) and says why in a few words:

* ``low confidence``: a page whose lines were read with a mean recognition
  confidence under :data:`LOW_CONFIDENCE` (PP-OCR reads clean type at 0.95 and up),
  or an article under :data:`LOW_ARTICLE_CONFIDENCE` (an article's confidence is its
  blocks' type certainty, at most 0.9, times their recognition confidence);
* ``no body``: an article with a headline but no paragraph;
* ``headline with no article``: a headline block no article took;
* ``text outside every article``: running text (body, subhead, dateline, byline,
  kicker, subheadline) that no article holds. Page headers, advertisements, captions
  and photos stand outside articles by design and are not listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas import Block, Page

LOW_CONFIDENCE = 0.85
"""Mean line confidence below which a page goes to the queue."""
LOW_ARTICLE_CONFIDENCE = 0.75
"""Article confidence below which it goes to the queue: body lines read at about 0.83."""

ARTICLE_TEXT = frozenset({"body", "subhead", "dateline", "byline", "kicker", "subheadline"})
"""Block types that belong inside an article; the others may stand alone on a page."""


@dataclass(frozen=True)
class Item:
    """One entry of the review queue: ``article`` and ``block`` are ids or empty."""

    page: str
    reason: str
    detail: str
    article: str = ""
    block: str = ""


def page_confidence(page: Page) -> float | None:
    """Mean confidence of the page's lines; ``None`` when it has none.

    >>> from schemas import BBox, EngineInfo, Source
    >>> page_confidence(Page(source=Source(path="a.png", sha256=""), width=1, height=1, engine=EngineInfo(name="e")))
    """
    values = [ln.confidence for b in page.blocks for ln in b.lines]
    return sum(values) / len(values) if values else None


def _snippet(text: str, size: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _block_text(block: Block) -> str:
    return block.text or "".join(ln.text for ln in block.lines)


def _article_items(name: str, page: Page, low: float) -> list[Item]:
    items = []
    for art in page.articles:
        title = _snippet(art.headline or art.id)
        if art.confidence < low:
            items.append(Item(name, "low confidence", f"{title} ({art.confidence:.2f})", article=art.id))
        if not any(p.strip() for p in art.paragraphs):
            items.append(Item(name, "no body", title, article=art.id))
    return items


def _block_items(page_name: str, page: Page) -> list[Item]:
    held = {b for a in page.articles for b in a.block_ids}
    items = []
    for block in page.blocks:
        text = _block_text(block)
        if block.id in held or not text.strip():
            continue
        if block.type == "headline":
            items.append(Item(page_name, "headline with no article", _snippet(text), block=block.id))
        elif block.type in ARTICLE_TEXT:
            items.append(
                Item(page_name, "text outside every article", f"{block.type}: {_snippet(text)}", block=block.id)
            )
    return items


def review_items(
    name: str, page: Page, low: float = LOW_CONFIDENCE, low_article: float = LOW_ARTICLE_CONFIDENCE
) -> list[Item]:
    """The queue entries of one page, the page itself first when it reads poorly."""
    items = []
    conf = page_confidence(page)
    if conf is not None and conf < low:
        items.append(Item(name, "low confidence", f"page ({conf:.2f})"))
    return items + _article_items(name, page, low_article) + _block_items(name, page)

"""JSONL: one article per line, with its page and issue facts, ready for a search index.

Each line is a flat JSON object:

- ``doc_id``: unique, ``<page stem>/<article id>``;
- where the article came from: ``source_path``, ``page_index``, ``page_count``, ``sha256``;
- the issue facts: ``paper``, ``date``, ``edition``, ``page_number``, ``issue``, and
  ``date_iso`` (the date as ``YYYY-MM-DD`` when it parses, for sorting and ranges);
- every field of :class:`schemas.Article` under its own name (``id``, ``headline``,
  ``authors``, ``paragraphs``, ``bbox``...);
- ``text``: the article as one string for full-text search (titles, dateline and
  paragraphs, byline; one per line).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipeline.atomic import write_atomic
from pipeline.formats.mets import iso_date
from pipeline.naming import page_stem
from schemas import Article, Page, PageMetadata

PAGE_FIELDS = ("doc_id", "source_path", "page_index", "page_count", "sha256", "date_iso")
ISSUE_FIELDS = tuple(PageMetadata.model_fields)


def article_text(article: Article) -> str:
    """The article as plain text, one title, paragraph or byline per line.

    >>> from schemas import BBox
    >>> a = Article(id="a1", headline="标题", dateline="晚报讯", paragraphs=["昨天,会议召开。", "二段。"],
    ...             byline="记者 王明", bbox=BBox(x0=0, y0=0, x1=1, y1=1))
    >>> print(article_text(a))
    标题
    晚报讯 昨天,会议召开。
    二段。
    记者 王明
    """
    paragraphs = list(article.paragraphs)
    if article.dateline:
        paragraphs[:1] = [" ".join(p for p in (article.dateline, *paragraphs[:1]) if p)]
    parts = [article.kicker, article.headline, article.subheadline, *paragraphs, article.byline]
    return "\n".join(p for p in parts if p)


def article_record(page: Page, article: Article) -> dict[str, object]:
    """One JSONL record: page and issue facts, then the article's own fields, then ``text``."""
    src = page.source
    meta = src.metadata or PageMetadata()
    stem = page_stem(Path(src.path), src.page_index, src.page_count)
    return {
        "doc_id": f"{stem}/{article.id}",
        "source_path": src.path,
        "page_index": src.page_index,
        "page_count": src.page_count,
        "sha256": src.sha256,
        **meta.model_dump(mode="json"),
        "date_iso": iso_date(meta.date) if meta.date else None,
        **article.model_dump(mode="json"),
        "text": article_text(article),
    }


def document_records(pages: Sequence[Page]) -> Iterator[dict[str, object]]:
    """Records of every article of every page, in page order then article order."""
    for page in pages:
        for article in page.articles:
            yield article_record(page, article)


def document_jsonl(pages: Sequence[Page]) -> str:
    """The JSONL text of one document: UTF-8 characters kept as they are, one record a line."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in document_records(pages))


def write_jsonl(pages: Sequence[Page], path: Path, page_formats: Sequence[str] = ()) -> None:
    """Write ``OUT/<stem>.jsonl`` atomically (empty when the document has no articles).

    ``page_formats`` (the per-page files of the run) are not referenced: the records hold the text.
    """
    write_atomic(path, document_jsonl(pages))

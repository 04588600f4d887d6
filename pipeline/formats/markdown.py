"""Markdown of a page: one section per article, then the non-article text (ads)."""

from __future__ import annotations

from schemas import Article, Page

_NON_ARTICLE_TEXT = ("advertisement",)


def _title(article: Article) -> str:
    parts = [p for p in (article.kicker, article.headline, article.subheadline) if p]
    return " ".join(parts)


def article_markdown(article: Article) -> str:
    """One article: title, dateline in bold before the first paragraph, subheads, byline.

    >>> from schemas import Article, BBox
    >>> a = Article(id="a1", headline="标题", dateline="晚报讯", paragraphs=["正文。"],
    ...             byline="记者 王明", bbox=BBox(x0=0, y0=0, x1=1, y1=1))
    >>> print(article_markdown(a))
    ## 标题
    <BLANKLINE>
    **晚报讯** 正文。
    <BLANKLINE>
    记者 王明
    """
    out = [f"## {_title(article)}"]
    subheads = {s.before_paragraph: s.text for s in article.subheads}
    for i, para in enumerate(article.paragraphs):
        if i in subheads:
            out.append(f"### {subheads[i]}")
        if i == 0 and article.dateline:
            para = f"**{article.dateline}** {para}"
        out.append(para)
    if not article.paragraphs and article.dateline:
        out.append(f"**{article.dateline}**")
    if article.byline:
        out.append(article.byline)
    return "\n\n".join(out)


def page_markdown(page: Page) -> str:
    """The whole page in reading order of articles; ads follow as plain text."""
    sections = [article_markdown(a) for a in page.articles]
    for block in page.blocks:
        if block.type in _NON_ARTICLE_TEXT and block.lines:
            sections.append("  \n".join(line.text for line in block.lines))
    return "\n\n".join(sections) + "\n"

"""HTML of the review site: the index and one page view per page, self-contained.

Every file carries its stylesheet and script inline and names nothing on the
network, so the site opens from ``file://`` in any browser, offline. The page's
data goes in as JSON inside a ``<script type="application/json">`` element (with
``<`` escaped, so no text in a headline can end the element early).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from importlib.resources import files

from pipeline.review.queue import Item, page_confidence
from schemas import Article, Page

KEYS_HELP = "j/k or ↓/↑ article · n/p or →/← page · i or Esc index"


@dataclass(frozen=True)
class PageLinks:
    """A page view's neighbours (file names) and its picture (a relative path or ``None``)."""

    image: str | None
    prev: str | None
    next: str | None


def _asset(name: str) -> str:
    return files("pipeline.review").joinpath(name).read_text(encoding="utf-8")


def _document(title: str, body: str, script: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_asset('review.css')}</style></head>"
        f"<body>{body}{script}</body></html>\n"
    )


def _script_json(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return f'<script id="page-data" type="application/json">{text}</script>'


def _article_data(art: Article) -> dict[str, object]:
    keys = ("id", "kicker", "headline", "subheadline", "dateline", "byline", "authors", "paragraphs", "confidence")
    data: dict[str, object] = {k: getattr(art, k) for k in keys}
    data["subheads"] = [s.model_dump() for s in art.subheads]
    data["block_ids"] = list(art.block_ids)
    return data


def _rect(box: tuple[int, int, int, int], cls: str, attrs: str) -> str:
    x0, y0, x1, y1 = box
    return f'<rect class="{cls}" x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" {attrs}></rect>'


def _svg(page: Page) -> str:
    """Article frames (under) and block boxes (over, clickable: a block selects its article)."""
    owner = {b: i for i, a in enumerate(page.articles) for b in a.block_ids}
    parts = [f'<svg viewBox="0 0 {page.width} {page.height}" preserveAspectRatio="none">']
    for i, art in enumerate(page.articles):
        b = art.bbox
        parts.append(_rect((b.x0, b.y0, b.x1, b.y1), "article", f'data-article="{i}"'))
    for block in page.blocks:
        b, where = block.bbox, owner.get(block.id)
        attrs = f'data-block="{escape(block.id)}"' + ("" if where is None else f' data-article="{where}"')
        cls = f"block t-{block.type}" + (" outside" if where is None else "")
        title = escape(f"{block.id} {block.type}")
        parts.append(_rect((b.x0, b.y0, b.x1, b.y1), cls, attrs).replace("></rect>", f"><title>{title}</title></rect>"))
    parts.append("</svg>")
    return "".join(parts)


def _header(title: str, links: PageLinks | None) -> str:
    nav = ['<a href="index.html">index</a>']
    if links:
        nav.append(f'<a id="prev" href="{escape(links.prev)}">← prev</a>' if links.prev else "<span>← prev</span>")
        nav.append(f'<a id="next" href="{escape(links.next)}">next →</a>' if links.next else "<span>next →</span>")
    return f'<header><h1>{escape(title)}</h1>{" ".join(nav)}<span class="keys">{KEYS_HELP}</span></header>'


def page_html(name: str, page: Page, links: PageLinks) -> str:
    """The page view: the scan with blocks and articles outlined, the article list, the article read."""
    picture = (
        f'<img src="{escape(links.image)}" alt="scan of {escape(name)}" width="{page.width}" height="{page.height}">'
        if links.image
        else f'<svg class="blank" viewBox="0 0 {page.width} {page.height}"></svg>'
    )
    items = "".join(
        f'<li data-article="{i}">{escape(a.headline or a.id)} <small>({a.confidence:.2f})</small></li>'
        for i, a in enumerate(page.articles)
    )
    body = (
        _header(name, links)
        + f'<main class="page"><div id="scan"><div class="sheet">{picture}{_svg(page)}</div></div>'
        + f'<aside><h2>{len(page.articles)} articles</h2><ol id="articles">{items}</ol>'
        + '<section id="detail"></section></aside></main>'
    )
    data = {"name": name, "prev": links.prev, "next": links.next, "articles": [_article_data(a) for a in page.articles]}
    return _document(name, body, _script_json(data) + f"<script>{_asset('review.js')}</script>")


def _pages_table(pages: list[tuple[str, Page]], queue: list[Item], low: float) -> str:
    counts: dict[str, int] = {}
    for item in queue:
        counts[item.page] = counts.get(item.page, 0) + 1
    rows = []
    for name, page in pages:
        conf = page_confidence(page)
        shown = "-" if conf is None else f"{conf:.3f}"
        cls = ' class="num low"' if conf is not None and conf < low else ' class="num"'
        rows.append(
            f'<tr><td><a href="{escape(name)}.html">{escape(name)}</a></td>'
            f'<td class="num">{len(page.articles)}</td><td class="num">{len(page.blocks)}</td>'
            f'<td{cls}>{shown}</td><td class="num">{counts.get(name, 0)}</td></tr>'
        )
    head = "<tr><th>page</th><th>articles</th><th>blocks</th><th>mean line confidence</th><th>to review</th></tr>"
    return f'<h2>Pages ({len(pages)})</h2><table id="pages">{head}{"".join(rows)}</table>'


def _failures_table(failures: list[dict[str, object]]) -> str:
    if not failures:
        return '<h2>Failures (0)</h2><p id="failures">None.</p>'
    rows = "".join(
        "<tr>"
        + "".join(f"<td>{escape(str(f.get(k, '')))}</td>" for k in ("path", "page", "error", "message"))
        + "</tr>"
        for f in failures
    )
    head = "<tr><th>path</th><th>page</th><th>error</th><th>message</th></tr>"
    return f'<h2>Failures ({len(failures)})</h2><table id="failures">{head}{rows}</table>'


def _queue_table(queue: list[Item]) -> str:
    if not queue:
        return '<h2>Review queue (0)</h2><p id="queue">Nothing to review.</p>'
    rows = []
    for item in queue:
        anchor = f"#a={item.article}" if item.article else f"#b={item.block}" if item.block else ""
        href = escape(f"{item.page}.html{anchor}")
        rows.append(
            f'<tr><td><a href="{href}">{escape(item.page)}</a></td>'
            f"<td>{escape(item.reason)}</td><td>{escape(item.detail)}</td></tr>"
        )
    head = "<tr><th>page</th><th>why</th><th>what</th></tr>"
    return f'<h2>Review queue ({len(queue)})</h2><table id="queue">{head}{"".join(rows)}</table>'


def index_html(pages: list[tuple[str, Page]], failures: list[dict[str, object]], queue: list[Item], low: float) -> str:
    """The index: pages with their counts, failures from ``errors.jsonl``, the review queue."""
    body = (
        _header("broadsheet review", None)
        + '<main class="index">'
        + _pages_table(pages, queue, low)
        + _failures_table(failures)
        + _queue_table(queue)
        + "</main>"
    )
    return _document("broadsheet review", body)

"""Golden test on a real page: 农民日报 2010-12-16 page 7, read by eye.

The ground truth (``tests/data/nongmin-ribao-2010-12-16-p7.articles.json``) was written by
reading the page image, not from any pipeline output: nine articles, five section labels,
two captions, the page header, no ads. The whole pipeline (real OCR) runs once per module.

Each article is checked aspect by aspect. An aspect the layout gets wrong today is an
``xfail(strict=True)`` with the reason: it turns red the day it is fixed, and then its
entry in ``KNOWN`` below is removed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from article_checks import ends_like, holds, iou, locate, near, starts_like
from conftest import SHARED_REFERENCE

from schemas import Article, Page

TRUTH = json.loads(
    (Path(__file__).parent / "data" / "nongmin-ribao-2010-12-16-p7.articles.json").read_text(encoding="utf-8")
)
PAGE = SHARED_REFERENCE / TRUTH["page"]
ARTICLES = {a["id"]: a for a in TRUTH["articles"]}

# (aspect, article or text id) -> why the current layout gets it wrong
KNOWN: dict[tuple[str, str], str] = {
}


def _cases(aspect: str, ids: list[str]) -> list:
    marks = {
        key: pytest.mark.xfail(strict=True, reason=reason) for (asp, key), reason in KNOWN.items() if asp == aspect
    }
    return [pytest.param(i, id=i, marks=marks[i]) if i in marks else pytest.param(i, id=i) for i in ids]


@pytest.fixture(scope="module")
def page(pipe) -> Page:
    if not PAGE.exists():
        pytest.skip(f"{PAGE} absent: the real reference pages live beside the repository, not in it")
    (result,) = list(pipe.run_file(PAGE))
    return result


def _found(page: Page, aid: str) -> Article:
    truth = ARTICLES[aid]
    article = locate(page.articles, truth["headline"], truth["body_start"])
    if article is None:
        pytest.fail(f"no article has a headline like {truth['headline']!r}: {[a.headline for a in page.articles]}")
    return article


@pytest.mark.parametrize("aid", _cases("headline", list(ARTICLES)))
def test_headline(page, aid):
    """Some article carries this headline, within two OCR character errors, and nothing else."""
    want = ARTICLES[aid]["headline"]
    assert any(near(a.headline, want) for a in page.articles), [a.headline for a in page.articles]


@pytest.mark.parametrize("aid", _cases("titles", list(ARTICLES)))
def test_kicker_and_subheadline(page, aid):
    """Kicker and subheadline as read (none of this page's articles has either)."""
    truth, article = ARTICLES[aid], _found(page, aid)
    assert near(article.kicker, truth["kicker"]), article.kicker
    assert near(article.subheadline, truth["subheadline"]), article.subheadline


@pytest.mark.parametrize("aid", _cases("byline", list(ARTICLES)))
def test_byline_and_authors(page, aid):
    """The byline within one edit per five characters; each author within one edit."""
    truth, article = ARTICLES[aid], _found(page, aid)
    assert near(article.byline, truth["byline"], edits=max(1, len(truth["byline"]) // 5)), article.byline
    assert len(article.authors) == len(truth["authors"]), article.authors
    assert all(near(f, w, edits=1) for f, w in zip(article.authors, truth["authors"], strict=True)), article.authors


@pytest.mark.parametrize("aid", _cases("body_start", list(ARTICLES)))
def test_body_start(page, aid):
    """The body opens with the recorded ten characters (two edits allowed)."""
    article = _found(page, aid)
    assert starts_like(article, ARTICLES[aid]["body_start"]), "".join(article.paragraphs)[:30]


@pytest.mark.parametrize("aid", _cases("body_end", list(ARTICLES)))
def test_body_end(page, aid):
    """The body closes with the recorded ten characters: no byline, credit or neighbour after them."""
    article = _found(page, aid)
    assert ends_like(article, ARTICLES[aid]["body_end"]), "".join(article.paragraphs)[-30:]


@pytest.mark.parametrize("aid", _cases("region", list(ARTICLES)))
def test_region(page, aid):
    """The article covers its module (IoU >= 0.8 with the box measured on the image)."""
    article = _found(page, aid)
    box = (article.bbox.x0, article.bbox.y0, article.bbox.x1, article.bbox.y1)
    assert iou(box, tuple(ARTICLES[aid]["region"])) >= 0.8, box


def test_one_article_per_module(page):
    """As many articles as the page has, each true one matched by a different found one."""
    matched = [locate(page.articles, a["headline"]) for a in TRUTH["articles"]]
    assert len(page.articles) == len(TRUTH["articles"]), [a.headline for a in page.articles]
    assert len({id(a) for a in matched if a is not None}) == len(matched)


FOREIGN: dict[str, tuple[str, bool]] = {
    **{f"label-{x['id']}": (x["text"], False) for x in TRUTH["labels"]},
    **{f"header-{i}": (x, False) for i, x in enumerate(TRUTH["page_header"])},
    **{f"ad-{i}": (x["text"], False) for i, x in enumerate(TRUTH["advertisements"])},
}
for _cap in TRUTH["captions"]:
    # photo news belongs to no article; an article photo's caption belongs to no article's body
    FOREIGN[f"caption-{_cap['id']}"] = (_cap["text"], not _cap["photo_news"])
    if _cap["credit"]:
        FOREIGN[f"credit-{_cap['id']}"] = (_cap["credit"], not _cap["photo_news"])


@pytest.mark.parametrize("key", _cases("foreign", list(FOREIGN)))
def test_not_inside_any_article(page, key):
    """Section labels, captions, credits, page-header text and ads are in no article."""
    text, body_only = FOREIGN[key]
    inside = [a.headline for a in page.articles if holds(a, text, body_only=body_only)]
    assert not inside, f"{text!r} inside {inside}"

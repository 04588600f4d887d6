"""One hand-typeset page per way layout has failed on pages we did not make (issue 11).

Each page (``tests/failure_pages.py``) is typeset here by hand, independently of the
sample generator, and read by the whole pipeline with the real OCR models, once per page.
The assertions are on the articles: every module found with its headline, kicker, byline
and body, and no ad, photo-news or caption text inside any article.

What the layout gets wrong today is an ``xfail(strict=True)`` with the reason (``KNOWN``):
the suite stays green, and each case turns red the day it is fixed, so its marker can go.
"""

from __future__ import annotations

import pytest
from article_checks import ends_like, holds, locate, near, starts_like
from failure_pages import BUILDERS
from typeset_helpers import Expected, Typeset

from schemas import Article, Page

KNOWN: dict[str, dict[str, str]] = {
    # page kind -> "test/case" -> why the current layout gets it wrong
    "small_headlines": {
        "body/shitang": "lines read across the gutter of its two columns put the body out of order",
    },
}


def _truth() -> dict[str, Typeset]:
    return {kind: build() for kind, build in BUILDERS.items()}


TRUTH = _truth()


def _cases(test: str, rows: list[tuple[str, str]]) -> list:
    out = []
    for kind, case in rows:
        reason = KNOWN.get(kind, {}).get(f"{test}/{case}")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(kind, case, id=f"{kind}-{case}", marks=marks))
    return out


ARTICLE_ROWS = [(kind, a.name) for kind, t in TRUTH.items() for a in t.articles]
FOREIGN_ROWS = [(kind, name) for kind, t in TRUTH.items() for name in [*t.foreign, *t.body_only]]


@pytest.fixture(scope="module")
def read(pipe, tmp_path_factory):
    """``read(kind)``: the pipeline's page for that hand-typeset page (OCR runs once per page)."""
    done: dict[str, Page] = {}
    folder = tmp_path_factory.mktemp("failure-kinds")

    def run(kind: str) -> Page:
        if kind not in done:
            path = TRUTH[kind].sheet.save(folder / f"{kind}.png")
            (done[kind],) = list(pipe.run_file(path))
        return done[kind]

    return run


def _expected(kind: str, case: str) -> Expected:
    return next(a for a in TRUTH[kind].articles if a.name == case)


def _article(read, kind: str, case: str) -> Article:
    want = _expected(kind, case)
    page = read(kind)
    found = locate(page.articles, want.headline, want.body_start)
    if found is None:
        pytest.fail(f"no article headed like {want.headline!r}: {[a.headline for a in page.articles]}")
    return found


@pytest.mark.parametrize(("kind", "case"), _cases("count", [(k, "all") for k in TRUTH]))
def test_one_article_per_module(read, kind, case):
    """As many articles as modules with a headline; ads and photo news make none."""
    page = read(kind)
    assert len(page.articles) == len(TRUTH[kind].articles), [a.headline for a in page.articles]


@pytest.mark.parametrize(("kind", "case"), _cases("headline", ARTICLE_ROWS))
def test_headline(read, kind, case):
    """The module's headline, all its lines in order, is some article's headline (two edits)."""
    want = _expected(kind, case).headline
    headlines = [a.headline for a in read(kind).articles]
    assert any(near(h, want) for h in headlines), headlines


@pytest.mark.parametrize(("kind", "case"), _cases("kicker", ARTICLE_ROWS))
def test_kicker(read, kind, case):
    """The kicker as set (or none), and never the first words of the body."""
    want = _expected(kind, case)
    found = _article(read, kind, case)
    assert near(found.kicker, want.kicker), found.kicker


@pytest.mark.parametrize(("kind", "case"), _cases("byline", ARTICLE_ROWS))
def test_byline(read, kind, case):
    """The closing byline as set."""
    want = _expected(kind, case)
    found = _article(read, kind, case)
    assert near(found.byline, want.byline, edits=1), found.byline


@pytest.mark.parametrize(("kind", "case"), _cases("body", ARTICLE_ROWS))
def test_body_starts_and_ends(read, kind, case):
    """The body opens and closes with the module's own first and last ten characters."""
    want = _expected(kind, case)
    found = _article(read, kind, case)
    text = "".join(found.paragraphs)
    assert starts_like(found, want.body_start), text[:30]
    assert ends_like(found, want.body_end), text[-30:]


def _foreign(kind: str, case: str) -> tuple[str, bool]:
    page = TRUTH[kind]
    return (page.foreign[case], False) if case in page.foreign else (page.body_only[case], True)


@pytest.mark.parametrize(("kind", "case"), _cases("foreign", FOREIGN_ROWS))
def test_not_inside_any_article(read, kind, case):
    """Ad, classified, photo-news and credit text is in no article; an article photo's caption
    and credit are not in any article's body."""
    text, body_only = _foreign(kind, case)
    inside = [a.headline for a in read(kind).articles if holds(a, text, body_only=body_only)]
    assert not inside, f"{text!r} inside {inside}"

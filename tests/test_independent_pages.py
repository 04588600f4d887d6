"""Two more hand-typeset pages, on grids and with set-ups the failure-kind pages do not have.

Six and seven columns at 22 and 20 px body, a lead module with kicker, subheadline, byline on
top and a bold dateline, one-column modules, bands parted by white space only, a staggered
headline, a Song headline, a Kai kicker, framed classifieds, a display ad and photo news
(``tests/independent_pages.py``; not the sample generator). Read by the whole pipeline with
the real OCR models, once per page; known faults are strict xfails with their reason.
"""

from __future__ import annotations

import pytest
from article_checks import body, holds, locate, near, norm
from independent_pages import BUILDERS
from rapidfuzz.distance import Levenshtein
from typeset_helpers import Expected

from schemas import Article, Page

BODY_CER = 0.05
KNOWN: dict[str, str] = {
    # "aspect/page/article" -> why the layout gets it wrong today
}
TRUTH = {name: build() for name, build in BUILDERS.items()}
ROWS = [(page, a.name) for page, t in TRUTH.items() for a in t.articles]
FOREIGN = [(page, name) for page, t in TRUTH.items() for name in t.foreign]


def _cases(aspect: str, rows: list[tuple[str, str]]) -> list:
    out = []
    for page, name in rows:
        reason = KNOWN.get(f"{aspect}/{page}/{name}")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(page, name, id=f"{page}-{name}", marks=marks))
    return out


@pytest.fixture(scope="module")
def read(pipe, tmp_path_factory):
    """``read(page)``: the pipeline's page (OCR runs once per page)."""
    done: dict[str, Page] = {}
    folder = tmp_path_factory.mktemp("independent")

    def run(name: str) -> Page:
        if name not in done:
            (done[name],) = list(pipe.run_file(TRUTH[name].sheet.save(folder / f"{name}.png")))
        return done[name]

    return run


def _want(page: str, name: str) -> Expected:
    return next(a for a in TRUTH[page].articles if a.name == name)


def _found(read, page: str, name: str) -> Article:
    want = _want(page, name)
    found = locate(read(page).articles, want.headline, want.body_start)
    if found is None:
        pytest.fail(f"no article like {want.headline!r}: {[a.headline for a in read(page).articles]}")
    return found


@pytest.mark.parametrize(("page", "name"), _cases("count", [(p, "all") for p in TRUTH]))
def test_one_article_per_module(read, page, name):
    """As many articles as modules with a headline; the ad and photo news make none."""
    assert len(read(page).articles) == len(TRUTH[page].articles), [a.headline for a in read(page).articles]


@pytest.mark.parametrize(("page", "name"), _cases("headline", ROWS))
def test_headline(read, page, name):
    headlines = [a.headline for a in read(page).articles]
    assert any(near(h, _want(page, name).headline) for h in headlines), headlines


@pytest.mark.parametrize(("page", "name"), _cases("kicker", ROWS))
def test_kicker(read, page, name):
    found = _found(read, page, name)
    assert near(found.kicker, _want(page, name).kicker), found.kicker


@pytest.mark.parametrize(("page", "name"), _cases("byline", ROWS))
def test_byline(read, page, name):
    found = _found(read, page, name)
    assert near(found.byline, _want(page, name).byline, edits=1), found.byline


@pytest.mark.parametrize(("page", "name"), _cases("body", ROWS))
def test_body(read, page, name):
    """The whole body in reading order, the dateline split off, within 5% CER."""
    want = norm(_want(page, name).body)
    got = body(_found(read, page, name))
    assert Levenshtein.distance(got, want) / len(want) <= BODY_CER, got


@pytest.mark.parametrize(("page", "name"), FOREIGN)
def test_not_inside_any_article(read, page, name):
    text = TRUTH[page].foreign[name]
    inside = [a.headline for a in read(page).articles if holds(a, text)]
    assert not inside, f"{text!r} inside {inside}"

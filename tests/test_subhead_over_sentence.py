"""A subhead over a paragraph that opens 记者从…获悉: a page typeset by hand, read by the real pipeline.

The page (1200 x 1600, 24 px body, four columns of 11 ems) holds one module over two
columns. In its first column a subhead (小标题, bold Hei a little above body size, centred
in the column) stands between two paragraphs, and the paragraph under it opens with
记者从市农业农村局获悉: the reporter's role word opens a sentence there, not a byline. A
title over a byline opens an article; a title over that sentence is the body's subhead
(:func:`pipeline.layout.reading._openers`), and the module stays one article.
"""

from __future__ import annotations

import pytest
from article_checks import ends_like, locate, norm, starts_like
from typeset_helpers import Grid, Segment, Sheet, headline, lines_needed

from schemas import Page

GRID = Grid()
BODY = GRID.em
TOP = 40
HEADLINE = ["城西农贸市场改造完工"]
BEFORE = [
    "经过四个月施工，城西农贸市场改造工程近日完工，市场内新增冷链摊位四十个，地面、排水和照明全部更新。"
    "市场管理方介绍，改造期间实行分区施工，摊户一天也没有停业。",
    "改造后的市场设有农药残留快检室，每天抽检蔬菜样品，结果在入口大屏公示。",
]
SUBHEAD = "群众满意是标准"
AFTER = [
    "记者从区团委书记处获悉，全市今年将完成十二个农贸市场的提升改造，目前已有九个完工，其余三个年底前完成。"
    "改造完成的市场将统一实行明码标价和电子结算，方便市民买菜。",
    "市民王女士说，市场亮堂了，买菜也放心了。",
]


def build() -> tuple[Sheet, str, str]:
    """The test page, the article's body text and its subhead."""
    sheet = Sheet(1200, 1600)
    y = headline(sheet, GRID.x0(0), GRID.x1(1), TOP, HEADLINE, round(2 * BODY)) + BODY // 2
    depth = lines_needed(BEFORE, GRID.measure, BODY) * sheet.pitch
    sheet.flow(BEFORE, [Segment(GRID.x0(0), y, y + depth, GRID.measure)])
    sub_y = y + depth + BODY // 2
    sheet.centre(GRID.x0(0), GRID.x1(0), sub_y, SUBHEAD, round(1.2 * BODY), "hei")
    top = sub_y + round(1.2 * BODY) + BODY // 2
    rest = lines_needed(AFTER, GRID.measure, BODY)
    first = (rest // 2 + 1) * sheet.pitch
    segments = [Segment(GRID.x0(0), top, top + first, GRID.measure), Segment(GRID.x0(1), y, top + first, GRID.measure)]
    sheet.flow(AFTER, segments)
    return sheet, "".join(BEFORE + AFTER), SUBHEAD


SHEET, BODY_TEXT, SUB = build()


@pytest.fixture(scope="module")
def page(pipe, tmp_path_factory) -> Page:
    path = SHEET.save(tmp_path_factory.mktemp("subhead_sentence") / "subhead_sentence.png")
    (result,) = list(pipe.run_file(path))
    return result


def test_the_module_is_one_article(page):
    """The subhead starts no article of its own; the module's text runs on past it."""
    assert len(page.articles) == 1, [a.headline for a in page.articles]
    (article,) = page.articles
    assert starts_like(article, BODY_TEXT[:10]) and ends_like(article, BODY_TEXT[-10:]), "".join(article.paragraphs)


def test_the_subhead_is_the_bodys(page):
    """The bold line is the article's subhead, and 记者从… stays body text, not a byline."""
    found = locate(page.articles, "".join(HEADLINE), BODY_TEXT[:10])
    assert found is not None
    assert any(norm(s.text) == norm(SUB) for s in found.subheads), found.subheads
    assert "记者从区团委" in norm("".join(found.paragraphs))

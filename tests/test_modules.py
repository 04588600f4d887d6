"""Which module owns which text: a page typeset by hand, read by the real pipeline.

The page (1200 x 1600, 24 px body, four columns of 11 ems) is set the way a compositor
sets one, to test the facts of ownership in :mod:`pipeline.layout.articles` and
:mod:`pipeline.layout.paragraphs`:

* a lead's byline set at the top right of its module, *above* its headline;
* a one-column module closing with a byline of bare names on a line of its own, flush right;
* a second band parted from the first by white space only (no rule anywhere), where
  the lead's long headline stands over the third column, so the nearest headline above
  that column's text is the lead's, not its own;
* in that band, a module whose short headline is set flush right over its second column
  only, with its byline heading its first column: the text under that byline is its own;
* a module closing with a source credit (摘编自《…》) on a line of its own.
"""

from __future__ import annotations

import pytest
from article_checks import ends_like, locate, near, starts_like
from typeset_helpers import Expected, Grid, Segment, Sheet, Typeset, balanced, headline

from schemas import Article, Page

GRID = Grid()
BODY = GRID.em
TOP = 40

LEAD = {
    "headline": ["滨江新区三条主干道路同日建成通车"],
    "byline": "本报记者 赵明",
    "body": [
        "昨天上午，滨江新区纬三路、经五路和滨河大道同时建成通车，新区路网骨架基本形成。三条道路总长十一点六公里，"
        "总投资十八亿元，沿线设置公交港湾十二处、非机动车道和人行步道各两条。",
        "新区建设指挥部负责人介绍，道路施工期间采用分段封闭、错时施工的办法，尽量减少对周边居民出行的影响。"
        "通车后，新区到老城区的车程将由四十分钟缩短到二十分钟左右。",
        "据了解，明年新区还将开工建设六条支路，进一步打通断头路，方便企业和居民出行。",
    ],
}
SIDE = {
    "headline": ["乡村书屋", "添了新书架"],
    "names": "王军 李华",
    "body": [
        "近日，城西镇十二个村的农家书屋陆续收到新购置的图书两千余册，内容涵盖农业技术、法律常识和少儿读物。",
        "村民们说，书屋离家近，农闲时来看看书，学到不少种养新技术。",
    ],
}
LEFT = {
    "headline": ["冬季用电", "安全须知"],
    "credit": "摘编自《农村电工手册》",
    "body": [
        "入冬以后，取暖设备使用增多，用电负荷明显上升。电力部门提醒，使用电暖器时应远离窗帘、被褥等易燃物品，"
        "人离开时要及时断电。",
        "不要私拉乱接电线，不要在一个插座上同时接入多个大功率电器。发现电线老化、插座发烫，应及时请专业电工检修。",
    ],
}
RIGHT = {
    "headline": ["城北农贸市场", "今起试营业"],
    "byline": "本报记者 孙倩",
    "body": [
        "经过半年改造，城北农贸市场今天起试营业。市场共设摊位二百六十个，划分为蔬菜、肉类、水产和熟食四个区域，"
        "每个摊位都配有电子秤和价格公示牌。",
        "市场管理方表示，试营业期间将每天抽检蔬菜农药残留，检测结果在入口大屏上公布，让市民买得放心。",
    ],
}


def _closing_line(sheet: Sheet, segments: list[Segment], last_box: tuple, text: str, name: str) -> None:
    """A line of its own under the text's last line, flush right in its column."""
    seg = next(s for s in segments if s.x <= last_box[0] < s.x + s.width)
    sheet.right(seg.x + seg.width, last_box[1] + sheet.pitch, text, BODY, name)


def build() -> Typeset:
    """The test page and what a reader finds on it."""
    sheet = Sheet(1200, 1600)
    page = Typeset(sheet)
    # band 1: the lead over columns 1-3, its byline above its headline at the top right
    sheet.right(GRID.x1(2), TOP, LEAD["byline"], BODY, "hei")
    y = headline(sheet, GRID.x0(0), GRID.x1(2), TOP + 2 * BODY, LEAD["headline"], round(2.2 * BODY)) + BODY // 2
    segments = balanced(sheet, GRID, [0, 1, 2], y, LEAD["body"])
    lead = sheet.flow(LEAD["body"], segments)
    page.articles.append(Expected("".join(LEAD["headline"]), lead.text, None, LEAD["byline"], "lead"))
    bottom = segments[0].bottom
    # beside it, a one-column module closing with two bare names set flush right
    y = headline(sheet, GRID.x0(3), GRID.x1(3), TOP, SIDE["headline"], round(1.5 * BODY)) + BODY // 2
    segments = balanced(sheet, GRID, [3], y, SIDE["body"])
    side = sheet.flow(SIDE["body"], segments)
    _closing_line(sheet, segments, side.last_box, SIDE["names"], "song")
    page.articles.append(Expected("".join(SIDE["headline"]), side.text, None, SIDE["names"], "side"))
    bottom = max(bottom, side.last_box[3] + sheet.pitch)
    # band 2, below white space only
    top = bottom + 2 * BODY
    y = headline(sheet, GRID.x0(0), GRID.x1(1), top, LEFT["headline"], round(1.6 * BODY), align="left") + BODY // 2
    segments = balanced(sheet, GRID, [0, 1], y, LEFT["body"])
    left = sheet.flow(LEFT["body"], segments)
    _closing_line(sheet, segments, left.last_box, LEFT["credit"], "hei")
    page.articles.append(Expected("".join(LEFT["headline"]), left.text, None, LEFT["credit"], "left"))
    head_bottom = headline(sheet, GRID.x0(2), GRID.x1(3), top, RIGHT["headline"], round(1.6 * BODY), align="right")
    by = sheet.text(GRID.x0(2), head_bottom - BODY, RIGHT["byline"], BODY, "hei")
    segments = balanced(sheet, GRID, [2, 3], max(by[3], head_bottom) + BODY // 2, RIGHT["body"])
    right = sheet.flow(RIGHT["body"], segments)
    page.articles.append(Expected("".join(RIGHT["headline"]), right.text, None, RIGHT["byline"], "right"))
    return page


TRUTH = build()
NAMES = [a.name for a in TRUTH.articles]


@pytest.fixture(scope="module")
def page(pipe, tmp_path_factory) -> Page:
    path = TRUTH.sheet.save(tmp_path_factory.mktemp("modules") / "modules.png")
    (result,) = list(pipe.run_file(path))
    return result


def _want(name: str) -> Expected:
    return next(a for a in TRUTH.articles if a.name == name)


def _found(page: Page, name: str) -> Article:
    want = _want(name)
    article = locate(page.articles, want.headline, want.body_start)
    if article is None:
        pytest.fail(f"no article headed like {want.headline!r}: {[a.headline for a in page.articles]}")
    return article


def test_one_article_per_headline(page):
    """Four modules, four articles: no headline is left without its text, none takes two modules."""
    assert len(page.articles) == len(TRUTH.articles), [a.headline for a in page.articles]


@pytest.mark.parametrize("name", NAMES)
def test_body_is_the_modules_own(page, name):
    """Each article's body opens and closes with its own module's first and last ten characters,
    and no other module's text is in it."""
    want, found = _want(name), _found(page, name)
    text = "".join(found.paragraphs)
    assert starts_like(found, want.body_start), text[:30]
    assert ends_like(found, want.body_end), text[-30:]
    for other in TRUTH.articles:
        if other.name != name:
            assert other.body_start not in text and other.body_end not in text, (other.name, text)


@pytest.mark.parametrize("name", NAMES)
def test_byline_or_credit(page, name):
    """The byline above the lead's headline, the bare names, the byline heading a column and
    the source credit each close (or open) their own article, not the body."""
    want, found = _want(name), _found(page, name)
    assert near(found.byline, want.byline, edits=1), found.byline


def test_bare_names_are_the_authors(page):
    """Two names set without role words are the side module's two authors."""
    assert _found(page, "side").authors == SIDE["names"].split()


def test_source_credit_names_no_author(page):
    """A source credit is the credit line, and names no author."""
    assert _found(page, "left").authors == []

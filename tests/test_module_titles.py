"""Small titles and the module walls beside them: a page typeset by hand, read by the real pipeline.

The page (1200 x 1600, 24 px body, four columns of 11 ems) is set the way a compositor
sets a band of two modules parted by a column rule that runs from the band's top:

* on the left, a one-column module whose title is set small, in the Kai face and size of
  the kicker over its neighbour's headline and level with that kicker, right over its text;
* right of the rule, a three-column module with a kicker over a large headline.

The small title is no section label of the neighbour (the rule bounds the neighbour's
module): it heads the text under it (:func:`pipeline.layout.modules.lone_titles`).
"""

from __future__ import annotations

import pytest
from article_checks import ends_like, locate, starts_like
from typeset_helpers import Expected, Grid, Segment, Sheet, Typeset, balanced, headline

from schemas import Page

GRID = Grid()
BODY = GRID.em
TOP = 40
KICKER = round(1.2 * BODY)

SMALL = {
    "headline": "春运保障进社区",
    "body": [
        "春运首日，城东街道在辖区三个公交站点设立志愿服务点，为返乡旅客提供热水、药品和行李搬运等帮助。",
        "街道负责人介绍，服务点将一直开放到春运结束，每天安排志愿者两班轮值，确保旅客随时能找到人。",
        "不少旅客说，寒风里喝上一杯热水，心里也暖和了。",
    ],
}
LEAD = {
    "kicker": "新春走基层",
    "headline": ["学校扩建工程按下快进键"],
    "body": [
        "今年以来，崇川区加快推进中小学扩建工程，十二所学校的新教学楼已经封顶，秋季开学前将全部投入使用。"
        "新校舍按照现行标准建设，每间教室都配有新风系统和护眼灯具。",
        "区教育局相关负责人表示，扩建完成后全区将新增学位六千余个，基本解决城区部分学校大班额问题。"
        "施工期间，各校错开上下学时间，并在校门口设置临时通道，保障师生出行安全。",
        "据了解，区里还将同步建设学校食堂和体育场馆，节假日向周边居民开放。",
    ],
}


def build() -> Typeset:
    """The test page and what a reader finds on it."""
    sheet = Sheet(1200, 1600)
    page = Typeset(sheet)
    # left of the rule: the small title, level with the neighbour's kicker, over its one column
    sheet.text(GRID.x0(0), TOP, SMALL["headline"], KICKER, "hei_light")
    y = TOP + KICKER + BODY
    small_segments = [Segment(GRID.x0(0), y, 940, GRID.measure)]
    small = sheet.flow(SMALL["body"], small_segments)
    page.articles.append(Expected(SMALL["headline"], small.text, None, None, "small"))
    # the column rule bounding both modules, from the band's top down
    rule_x = GRID.gutter_mid(0)
    sheet.rule(rule_x, TOP, rule_x + 1, small.last_box[3] + BODY)
    # right of it: kicker, headline, three balanced columns
    sheet.text(GRID.x0(1), TOP, LEAD["kicker"], KICKER, "hei_light")
    y = headline(
        sheet, GRID.x0(1), GRID.x1(3), TOP + round(1.3 * KICKER), LEAD["headline"], round(2.5 * BODY), align="left"
    )
    segments = balanced(sheet, GRID, [1, 2, 3], y + BODY // 2, LEAD["body"])
    lead = sheet.flow(LEAD["body"], segments)
    page.articles.append(Expected(LEAD["headline"][0], lead.text, LEAD["kicker"], None, "lead"))
    return page


TRUTH = build()


@pytest.fixture(scope="module")
def page(pipe, tmp_path_factory) -> Page:
    path = TRUTH.sheet.save(tmp_path_factory.mktemp("module_titles") / "module_titles.png")
    (result,) = list(pipe.run_file(path))
    return result


@pytest.mark.parametrize("name", ["small", "lead"])
def test_each_module_keeps_its_own_text(page, name):
    """The small title heads its column's text; the neighbour's body holds none of it."""
    want = next(a for a in TRUTH.articles if a.name == name)
    found = locate(page.articles, want.headline, want.body_start)
    assert found is not None, [(a.headline, "".join(a.paragraphs)[:12]) for a in page.articles]
    assert starts_like(found, want.body_start) and ends_like(found, want.body_end), "".join(found.paragraphs)
    for other in TRUTH.articles:
        if other.name != name:
            assert other.body_start not in "".join(found.paragraphs)

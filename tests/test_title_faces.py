"""Title roles read from the face a line is set in, on pages typeset by hand and read by the
whole pipeline with the real OCR models (``tests/typeset_helpers.py``; not the sample generator).

A bold Hei headline keeps its role beside a light Kai or Song line set as large or larger:
a compositor often sets a kicker or subheadline in a larger light face, and the heaviest
face of the group is the headline's.
"""

from __future__ import annotations

import pytest
from article_checks import locate, near
from typeset_helpers import Grid, Sheet, balanced, headline

from schemas import Page

GRID = Grid(left=40, chars=12, gutter=24, count=3, em=24)
KICKER = "深化改革激发发展活力"
HEAD = ["新区首批重点项目集中开工"]
BODY = [
    "本报讯 昨天上午，新区首批十二个重点项目集中开工，总投资八十六亿元，涵盖先进制造、现代物流和民生保障等领域。",
    "据介绍，这批项目建成后预计可新增就业岗位四千余个，年产值超过一百二十亿元。新区将为项目建设提供全程服务，确保早投产、早见效。",
    "今年以来，新区持续优化营商环境，推行企业开办一日办结，审批时限平均压缩一半以上，吸引了一批龙头企业落户。",
]
SIDE_HEAD = ["社区食堂开进老小区"]
SIDE_BODY = [
    "本报讯 记者从市民政局获悉，全市首批三十家社区食堂日前投入运营，为老年人提供价格实惠、营养均衡的一日三餐。",
    "社区食堂由街道提供场地，引入专业餐饮企业运营，六十岁以上老人就餐可享受八折优惠，行动不便的老人还可预约送餐上门。",
]


def kicker_page() -> Sheet:
    """A two-column lead whose Kai kicker is set larger than its bold Hei headline, beside a
    one-column module with a Hei headline of its own."""
    sheet = Sheet(width=GRID.x1(2) + 40, height=900)
    x0, x1 = GRID.x0(0), GRID.x1(1)
    sheet.centre(x0, x1, 40, KICKER, 46, "kai")
    y = headline(sheet, x0, x1, 40 + round(46 * 1.35), HEAD, 40, "hei") + sheet.body // 2
    segments = balanced(sheet, GRID, [0, 1], y, BODY)
    sheet.flow(BODY, segments)
    y = headline(sheet, GRID.x0(2), GRID.x1(2), 40, SIDE_HEAD, 34, "hei") + sheet.body // 2
    segments = balanced(sheet, GRID, [2], y, SIDE_BODY)
    sheet.flow(SIDE_BODY, segments)
    return sheet


PAGES = {"kicker": kicker_page}


@pytest.fixture(scope="module")
def read(pipe, tmp_path_factory):
    """``read(name)``: the pipeline's page (OCR runs once per page)."""
    folder = tmp_path_factory.mktemp("faces")
    done: dict[str, Page] = {}

    def run(name: str) -> Page:
        if name not in done:
            (done[name],) = list(pipe.run_file(PAGES[name]().save(folder / f"{name}.png")))
        return done[name]

    return run


def test_a_larger_light_kicker_is_no_part_of_the_bold_headline(read):
    page = read("kicker")
    found = locate(page.articles, "".join(HEAD), BODY[0][4:14])
    assert found is not None, [a.headline for a in page.articles]
    assert near(found.headline, "".join(HEAD)), found.headline
    assert near(found.kicker, KICKER), found.kicker

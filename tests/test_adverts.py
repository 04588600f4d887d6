"""What is not an article, on hand-built lines: classified frames, unframed ads, caption measure.

Each line is given as the type sets it (x, top, size in pixels, text; one character per em),
so the rules are tested on exact input, in the page's body size.
"""

from __future__ import annotations

from pipeline.geometry import box_to_quad
from pipeline.layout.adverts import is_advertising, is_contact, is_label, unframed_ads
from pipeline.layout.features import LineInfo, text_units
from pipeline.layout.zones import caption_lines, credit_lines, is_ad, merge_photos
from pipeline.state import TextLine

BODY = 24.0


def line(x: float, y: float, text: str, size: float = BODY, width: float | None = None) -> LineInfo:
    """A line of ``text`` set at ``size`` from (x, y); ``width`` for a justified line."""
    w = width if width is not None else text_units(text) * size
    box = (x, y, x + w, y + size)
    return LineInfo(TextLine(id=text, quad=box_to_quad(box), text=text), box, size, 0.1, False)


def centred(cx: float, y: float, text: str, size: float) -> LineInfo:
    return line(cx - text_units(text) * size / 2, y, text, size)


def column(x: float, y: float, texts: list[str], measure: float = 12 * BODY) -> list[LineInfo]:
    """Running text: body lines set justified to one measure at the body pitch."""
    return [line(x, y + k * 1.5 * BODY, t, width=measure) for k, t in enumerate(texts)]


RUNNING = [
    "市农业农村局近日组织专家深入田间",
    "地头开展技术指导，帮助农户解决生",
    "产中遇到的实际困难，受到群众欢迎",
    "下一步还将继续加大服务力度推动发",
]
NOTICES = [
    "南通市宏达商贸有限公司遗失营业执照",
    "副本一份，统一社会信用代码91320600",
    "MA1234，声明作废。",
    "某物流公司因业务发展，招聘仓库管理",
    "员三名，要求身体健康，吃苦耐劳，待",
    "遇面议。",
]


def test_patterns():
    assert is_label("分类广告") and is_label("【遗失声明】") and not is_label("公告栏目今起改版")
    assert is_contact("咨询电话：0513-85551234") and is_contact("13912345678") and is_contact("均价12000元/平方米")
    assert not is_contact("去年全市粮食总产量达到十二亿斤，同比增长百分之三。")


def test_framed_notices_in_body_type_are_an_ad():
    """Small notices set like running text, under a section label, make an advertisement block."""
    notices = [centred(150 + 6 * BODY, 110, "分类广告", 26), centred(150 + 6 * BODY, 150, "遗失声明", 24)]
    notices += column(150, 190, NOTICES)
    assert is_ad(notices, BODY)


def test_boxed_article_stays_an_article():
    """A frame of justified running text with no label or contact lines is a sidebar."""
    sidebar = [centred(150 + 6 * BODY, 110, "基层干部说", 36), *column(150, 170, RUNNING * 2)]
    assert not is_advertising(sidebar)
    assert not is_ad(sidebar, BODY)


def test_one_hotline_in_a_boxed_article_is_not_an_ad():
    """A sidebar may quote one hotline; one contact line does not make the frame an ad."""
    sidebar = column(150, 170, [*RUNNING, "市民可拨打热线：12345咨询相关政策"])
    assert not is_ad(sidebar, BODY)


def test_unframed_display_ad_is_found():
    """Centred lines of mixed sizes with a contact line and display type, no frame."""
    cx = 1000
    ad = [
        centred(cx, 200, "滨江·御景湾", 48),
        centred(cx, 262, "临江而居 静享繁华", 30),
        centred(cx, 302, "建筑面积89—143平方米", 20),
        centred(cx, 334, "售楼热线：0513-88886666", 20),
        centred(cx, 366, "项目地址：滨江大道1号", 20),
    ]
    news = [centred(300, 120, "老旧小区加装电梯惠及居民", 40), *column(150, 190, RUNNING)]
    found = unframed_ads(news + ad, BODY)
    assert len(found) == 1
    assert {i.text for i in found[0][1]} == {i.text for i in ad}


def test_article_quoting_a_hotline_is_not_an_ad():
    """A headline over running text that gives a hotline is news: the body is set justified."""
    article = [centred(150 + 6 * BODY, 120, "医保热线开通", 40)]
    article += column(150, 180, [*RUNNING[:2], "服务热线：0513-12345678", *RUNNING[2:]])
    assert unframed_ads(article, BODY) == []


def test_caption_measure_follows_its_first_line_when_the_photo_reads_narrow():
    """A light picture detected narrower than printed still gets its whole caption and credit."""
    photo = (48.0, 48.0, 465.0, 345.0)  # printed 48..597; its light right part read as paper
    caption = [
        line(83, 350, "12月15日，市民在滨江公园观赏盛开的蜡梅。近日气", width=510),
        line(40, 382, "温回升，园内蜡梅竞相开放，暗香浮动，吸引众多市民前", width=552),
        line(40, 414, "来游览。"),
        line(470, 446, "记者 王军 摄"),
    ]
    below = column(40, 520, RUNNING)
    taken = caption_lines(photo, caption + below, BODY)
    assert [i.text for i in taken] == [i.text for i in caption]


def test_overlapping_photo_areas_merge_and_apart_stay_apart():
    parts = [(657.0, 192.0, 918.0, 360.0), (861.0, 168.0, 1173.0, 333.0), (48.0, 216.0, 465.0, 345.0)]
    assert sorted(merge_photos(parts)) == [(48.0, 216.0, 465.0, 345.0), (657.0, 168.0, 1173.0, 360.0)]


def test_a_credit_line_is_never_body():
    """A credit set on its own line is a caption's even where its picture was not found."""
    lines = [*column(40, 100, RUNNING), line(200, 260, "新华社记者 陈海宁 摄"), line(40, 300, "市民纷纷拿出手机拍摄")]
    assert [i.text for i in credit_lines(lines)] == ["新华社记者 陈海宁 摄"]

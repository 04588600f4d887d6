"""What is not an article: ads that point nowhere and section labels in a black panel.

Two kinds of test: the rules on exact input (lines as the type sets them, labels
rendered and thresholded as the pipeline does), and one page typeset by hand and read
by the whole pipeline (real OCR): a news module headed by a section label, beside an
unframed display ad with no phone and no address, over a framed one of the same kind.
The ads' and the label's text must be in no article, and the article must be whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from article_checks import holding, locate, near, starts_like
from test_adverts import BODY, centred, column, line
from typeset_helpers import Expected, Grid, Sheet, Typeset, module

from pipeline.layout.adverts import is_advertising, is_offer, unframed_ads
from pipeline.layout.features import LineInfo, text_units
from pipeline.layout.labels import is_label, section_labels
from pipeline.layout.rules import ink_mask
from pipeline.layout.zones import is_ad
from pipeline.state import TextLine

TEXTS = json.loads((Path(__file__).parent / "data" / "hand-typeset-texts.json").read_text(encoding="utf-8"))
NEWS = {key: {**item, "name": key} for key, item in TEXTS["news"].items()}

SHOP = [("海港店盛大开业", 32), ("全场5折", 60), ("满300元减50元", 28), ("会员再享九五折", 24)]
"""An unframed shop ad: a name, a discount in big type, money off; no phone, no address."""
CONCERT = [("1月5日 19:30", 28), ("新年交响音乐会", 56), ("票价 180元起", 32)]
"""A framed concert ad: date, title in big type, a ticket price; no phone, no address."""
LABEL = "基层监管 必读"


def _stack(items: list[tuple[str, float]], cx: float = 600.0, top: float = 100.0) -> list[LineInfo]:
    out, y = [], top
    for text, size in items:
        out.append(centred(cx, y, text, size))
        y += 1.5 * size
    return out


def test_offers_are_ad_matter_and_news_figures_are_not():
    assert all(is_offer(t) for t, _ in SHOP[1:3]) and is_offer("票价 180元起") and is_offer("均价12800元/㎡起")
    assert not any(is_offer(t) for t in ("总投资143亿元", "全年增收500元", "折返跑比赛在操场举行"))


def test_unframed_ad_without_contact_lines_is_found():
    ads = unframed_ads(_stack(SHOP), BODY)
    assert len(ads) == 1 and len(ads[0][1]) == len(SHOP)


def _row(cx: float, y: float, texts: list[str], size: float) -> list[LineInfo]:
    """One centred row of display type that the detector read as several pieces, half an em apart."""
    widths = [text_units(t) * size for t in texts]
    x = cx - (sum(widths) + 0.5 * size * (len(texts) - 1)) / 2
    out = []
    for text, w in zip(texts, widths, strict=True):
        out.append(line(x, y, text, size))
        x += w + 0.5 * size
    return out


def test_ad_whose_name_is_wider_than_its_offer_is_found_whole():
    """Three lines only: a shop's name set wider than the big discount under it, and money off."""
    lines = _stack([("启东市店盛大开业", 40), ("全场8折", 60), ("满300元减50元", 28)])
    (ad,) = unframed_ads(lines, BODY)
    assert len(ad[1]) == 3


def test_spread_ad_with_rows_read_in_pieces_is_found_whole():
    """Lines spread evenly down the ad's space, the date and the phone row each read as two pieces."""
    cx, b = 600.0, BODY
    pieces = _row(cx, 100, ["6月12日", "19:30"], 1.3 * b)
    pieces += [centred(cx, 100 + 4 * b, "经典老歌演唱会", 3 * b), centred(cx, 100 + 10 * b, "票价580元起", 1.3 * b)]
    pieces += _row(cx, 100 + 14 * b, ["电话", "0513-66583663"], 2 * b)
    pieces += [centred(cx, 100 + 18.5 * b, "演出地点：城东街道大剧院", b)]
    (ad,) = unframed_ads(pieces, BODY)
    assert {i.text for i in ad[1]} == {i.text for i in pieces}


def test_headline_stack_with_a_figure_is_not_an_ad():
    """A headline and subheadline quoting money, over running text: news, not an ad."""
    lines = _stack([("总投资143亿元", 48), ("全市重点工程全面开工", 30)], cx=300.0)
    lines += column(300 - 6 * BODY, 100 + 1.5 * 48 + 1.5 * 30 + BODY, ["全市" * 6] * 5)
    assert unframed_ads(lines, BODY) == []


def test_framed_offers_make_an_ad_and_one_price_in_a_sidebar_does_not():
    assert is_advertising(_stack(SHOP)) and is_ad(_stack(CONCERT), BODY)
    sidebar = [line(0, 0, "相关链接", 30), *column(0, 50, ["活动门票价格为每张30元。", *(["市民踊跃参加活动"] * 4)])]
    assert not is_advertising(sidebar) and not is_ad(sidebar, BODY)


def _rendered(text: str, reverse: bool) -> tuple[np.ndarray, LineInfo]:
    """A label (or a headline in black type) rendered at 28 px, thresholded as segment does."""
    sheet = Sheet(600, 120)
    if reverse:
        x0, y0, x1, y1 = sheet.reversed_label(20, 30, text, 28)
    else:
        x0, y0, x1, y1 = sheet.text(20, 30, text, 28, "hei")
    gray = np.asarray(sheet.img.convert("L"))
    # a detector's box hugs the type, padded a little, inside the panel
    box = (x0 + 2.0, y0 + 2.0, x1 - 2.0, y1 - 2.0)
    quad = [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])]
    info = LineInfo(TextLine(id="l", quad=quad, text=text), box, box[3] - box[1], 0.1, False)
    return ink_mask(gray), info


@pytest.mark.parametrize("text", [LABEL, "三品一标", "区域风采"])
def test_a_label_in_a_black_panel_is_a_label(text):
    ink, info = _rendered(text, reverse=True)
    assert is_label(ink, info)
    assert section_labels([info], ink) == [info]


@pytest.mark.parametrize("text", [LABEL, "一二三工程一体推进", "国国国国"])
def test_bold_black_type_is_not_a_label(text):
    ink, info = _rendered(text, reverse=False)
    assert not is_label(ink, info)


def test_a_long_line_in_a_panel_is_not_a_label():
    ink, info = _rendered("本版编辑电话邮箱地址版式制作监制校对", reverse=True)
    assert not is_label(ink, info)


GRID = Grid()


def _page() -> Typeset:
    """A labelled news module over three columns beside an unframed shop ad; a framed concert ad below."""
    sheet = Sheet(1200, 1600)
    page = Typeset(sheet)
    sheet.reversed_label(GRID.x0(0), 40, LABEL, 28)
    page.foreign["label"] = LABEL
    news, bottom = module(sheet, GRID, NEWS["dianti"], [0, 1, 2], 100, 48)
    page.articles.append(news)
    x0, x1, y = GRID.x0(3), GRID.x1(3), 120
    for k, (text, size) in enumerate(SHOP):
        sheet.centre(x0, x1, y, text, size, "hei")
        page.foreign[f"shop-{k}"] = text
        y += round(size * 1.6)
    top = max(bottom, y) + GRID.em
    sheet.rule(GRID.x0(0), top, GRID.x1(3), top + 1)
    y = top + 2 * GRID.em
    for k, (text, size) in enumerate(CONCERT):
        sheet.centre(GRID.x0(0), GRID.x1(3), y, text, size, "hei")
        page.foreign[f"concert-{k}"] = text
        y += round(size * 1.5)
    sheet.frame((GRID.x0(0), top + GRID.em, GRID.x1(3), y + GRID.em), width=4)
    return page


TRUTH = _page()


@pytest.fixture(scope="module")
def read(pipe, tmp_path_factory):
    return TRUTH.read(pipe, tmp_path_factory.mktemp("not-articles"))


@pytest.mark.parametrize("key", list(TRUTH.foreign))
def test_ad_and_label_text_is_in_no_article(read, key):
    text = TRUTH.foreign[key]
    inside = holding(read.articles, text)
    assert not inside, f"{text!r} inside {inside}"


def test_the_article_stays_whole(read):
    want: Expected = TRUTH.articles[0]
    assert len(read.articles) == 1, [a.headline for a in read.articles]
    found = locate(read.articles, want.headline, want.body_start)
    assert found is not None and near(found.headline, want.headline), [a.headline for a in read.articles]
    assert starts_like(found, want.body_start), "".join(found.paragraphs)[:30]

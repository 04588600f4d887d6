"""Ads whose box is not a whole frame, and ads with no box at all, are never articles.

A classified section whose top rule is hidden by its dark label band is still a box: its
two sides and its foot are rules that meet at the corners. A shallow display ad at the
foot of a band has short sides, shorter than any rule the rule finder looks for, but they
are drawn on the page and read on its ink at the ends of its two long rules. A concert
ad of three centred lines (date, title, ticket price) needs no box. The page is typeset
by hand and read by the whole pipeline (real OCR): no ad text in any article, and the two
news modules whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from article_checks import ends_like, holding, locate, near, starts_like
from typeset_helpers import INK, PAPER, Expected, Grid, Segment, Sheet, Typeset, module

from pipeline.layout.rules import find_rules, ink_mask, open_frames

TEXTS = json.loads((Path(__file__).parent / "data" / "hand-typeset-texts.json").read_text(encoding="utf-8"))
NEWS = {key: {**item, "name": key} for key, item in TEXTS["news"].items()}
GRID = Grid()
TOP = 60

CONCERT = [("7月7日 19:30", 28), ("新年交响音乐会", 36), ("票价 180元起", 28)]
"""An unframed concert ad: a date, the title in display type, a ticket price."""
PROPERTY = [("滨江·御景湾", 40), ("售楼热线 0513-8888 6666", 24)]
"""A shallow framed property ad: a name and a hotline whose number is set in two groups."""
BANNER = ("分类信息", "刊登热线 0513-79818989")
"""The classified section's label band: the label and the booking line, white on black."""


def _concert(sheet: Sheet, page: Typeset, top: int) -> int:
    """The concert ad centred in the fourth column, no frame; returns its bottom."""
    y = top
    for k, (text, size) in enumerate(CONCERT):
        sheet.centre(GRID.x0(3), GRID.x1(3), y, text, size, "hei")
        page.foreign[f"concert-{k}"] = text
        y += round(size * 1.6)
    return y


def _classifieds(sheet: Sheet, page: Typeset, top: int) -> int:
    """分类信息 over two columns: a black label band across the box's top, where its top rule
    would run, then notices in 20 px type; rules down both sides and along the foot only.
    Returns the box's bottom."""
    x0, x1 = GRID.x0(0), GRID.x1(1)
    band = top + 44
    sheet.draw.rectangle((x0, top, x1, band), fill=INK)
    sheet.text(x0 + 12, top + 8, BANNER[0], 28, "hei", fill=PAPER)
    sheet.text(x1 - 12 - 18 * 15, top + 18, BANNER[1], 18, "hei_light", fill=PAPER)
    page.foreign["classified-label"] = BANNER[0]
    page.foreign["classified-booking"] = BANNER[1]
    small = Grid(left=x0 + 12, chars=12, gutter=24, count=2, em=20)
    bottoms = [band + 14, band + 14]
    for k, notice in enumerate(TEXTS["classifieds"]):
        col = k % 2
        y = bottoms[col]
        sheet.centre(small.x0(col), small.x1(col), y, notice["title"], 22, "hei")
        flowed = sheet.flow([notice["text"]], [Segment(small.x0(col), y + 30, top + 2000, small.measure)], size=20)
        bottoms[col] = flowed.last_box[3] + 18
        page.foreign[f"classified-{k}"] = notice["text"]
        page.foreign[f"classified-title-{k}"] = notice["title"]
    bottom = max(bottoms) + 6
    sheet.rule(x0, top, x0 + 1, bottom)
    sheet.rule(x1 - 1, top, x1, bottom)
    sheet.rule(x0, bottom - 1, x1, bottom)
    return bottom


def _property(sheet: Sheet, page: Typeset, top: int) -> int:
    """The property ad over the last two columns, framed, about four body lines deep."""
    x0, x1 = GRID.x0(2), GRID.x1(3)
    y = top + 12
    for k, (text, size) in enumerate(PROPERTY):
        sheet.centre(x0, x1, y, text, size, "hei")
        page.foreign[f"property-{k}"] = text
        y += round(size * 1.3)
    bottom = y + 10
    sheet.frame((x0, top, x1, bottom), width=3)
    return bottom


def _page() -> Typeset:
    """A news module beside the concert ad; a band rule; the classified section beside the
    property ad; a news module across the page under them."""
    sheet = Sheet(1200, 1800)
    page = Typeset(sheet)
    news, bottom = module(sheet, GRID, NEWS["shitang"], [0, 1, 2], TOP, 48)
    page.articles.append(news)
    band = max(bottom, _concert(sheet, page, TOP + 40)) + GRID.em
    sheet.rule(GRID.gutter_mid(2), TOP, GRID.gutter_mid(2) + 1, band - GRID.em // 2)
    sheet.rule(GRID.x0(0), band, GRID.x1(3), band + 1)
    boxes = band + GRID.em
    low = max(_classifieds(sheet, page, boxes), _property(sheet, page, boxes))
    news, bottom = module(sheet, GRID, NEWS["tushuguan"], [0, 1, 2], low + 2 * GRID.em, 40)
    page.articles.append(news)
    assert bottom < sheet.height - GRID.em, "the page is too short for its modules"
    return page


TRUTH = _page()


def _rules() -> tuple[list, list, np.ndarray]:
    ink = ink_mask(np.asarray(TRUTH.sheet.img.convert("L")))
    return find_rules(ink, horizontal=True), find_rules(ink, horizontal=False), ink


def test_the_ads_boxes_are_found_though_their_frames_are_not_whole():
    """The rule finder sees neither the classified box's top (a black band) nor the property
    ad's short sides; the boxes are found all the same, with the sides that are drawn."""
    horizontals, verticals, ink = _rules()
    pitch = TRUTH.sheet.pitch
    found = open_frames(horizontals, verticals, ink.shape, 2 * pitch, ink)
    without_ink = open_frames(horizontals, verticals, ink.shape, 2 * pitch)

    def at(x0: float, x1: float, frames: list) -> list[int]:
        return [s for (b, s) in frames if abs(b[0] - x0) < GRID.em and abs(b[2] - x1) < GRID.em]

    assert 3 in at(GRID.x0(0), GRID.x1(1), found)
    assert 4 in at(GRID.x0(2), GRID.x1(3), found)
    assert at(GRID.x0(2), GRID.x1(3), without_ink) == []  # its sides are on the ink only


def test_a_column_of_type_is_no_side():
    """Between the band rule and the boxes, and round the news, no box is made of text."""
    horizontals, verticals, ink = _rules()
    found = open_frames(horizontals, verticals, ink.shape, 2 * TRUTH.sheet.pitch, ink)
    assert all(b[1] > TOP + 200 for b, _ in found), found  # none round the top module


@pytest.fixture(scope="module")
def read(pipe, tmp_path_factory):
    return TRUTH.read(pipe, tmp_path_factory.mktemp("ads-pages"))


@pytest.mark.parametrize("key", list(TRUTH.foreign))
def test_ad_text_is_in_no_article(read, key):
    text = TRUTH.foreign[key]
    inside = holding(read.articles, text, names=True)
    assert not inside, f"{text!r} inside {inside}"


@pytest.mark.parametrize("want", TRUTH.articles, ids=lambda e: e.name)
def test_the_news_stays_whole(read, want: Expected):
    assert len(read.articles) == len(TRUTH.articles), [a.headline for a in read.articles]
    found = locate(read.articles, want.headline, want.body_start)
    assert found is not None and near(found.headline, want.headline), [a.headline for a in read.articles]
    assert starts_like(found, want.body_start), "".join(found.paragraphs)[:30]
    assert ends_like(found, want.body_end), "".join(found.paragraphs)[-30:]

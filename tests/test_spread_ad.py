"""An ad given a whole column's depth spreads its few lines evenly down it, and is no article.

Beside two news modules over three columns, the fourth column holds an unframed property ad:
its name in display type, a slogan, a price, a hotline and an address, each line alone
with the same wide white above and below it, far more than any leading. Read together its
lines are too far apart to be a stack; read as a column of evenly spread lines they are
one ad. The page is typeset by hand and read by the whole pipeline (real OCR).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from article_checks import holding, locate, near, starts_like
from typeset_helpers import Expected, Grid, Sheet, Typeset, module

TEXTS = json.loads((Path(__file__).parent / "data" / "hand-typeset-texts.json").read_text(encoding="utf-8"))
NEWS = {key: {**item, "name": key} for key, item in TEXTS["news"].items()}
GRID = Grid()
TOP = 60

SPREAD = [("滨江·御景湾", 44), ("临江而居 静享繁华", 26), ("均价18800元/㎡起", 26), ("售楼热线 0513-88886666", 22)]
"""The ad's rows, top to bottom: name, slogan, price, hotline (text, size in px)."""


def _page() -> Typeset:
    """Two news modules over columns 0-2; the ad's rows spread evenly down column 3 beside them."""
    sheet = Sheet(1200, 1600)
    page = Typeset(sheet)
    news, bottom = module(sheet, GRID, NEWS["shitang"], [0, 1, 2], TOP, 48)
    page.articles.append(news)
    sheet.rule(GRID.x0(0), bottom + GRID.em, GRID.x1(2), bottom + GRID.em + 1)
    news, bottom = module(sheet, GRID, NEWS["tushuguan"], [0, 1, 2], bottom + 2 * GRID.em, 40)
    page.articles.append(news)
    assert bottom < sheet.height - GRID.em, "the page is too short for its modules"
    sheet.rule(GRID.gutter_mid(2), TOP, GRID.gutter_mid(2) + 1, bottom)
    heights = [size for _, size in SPREAD]
    white = (bottom - TOP - sum(heights)) / (len(SPREAD) - 1)
    assert white > 3 * sheet.pitch, "the module is too shallow to spread the ad"
    y = float(TOP)
    for k, (text, size) in enumerate(SPREAD):
        sheet.centre(GRID.x0(3), GRID.x1(3), round(y), text, size, "hei")
        page.foreign[f"spread-{k}"] = text
        y += size + white
    return page


TRUTH = _page()


@pytest.fixture(scope="module")
def read(pipe, tmp_path_factory):
    return TRUTH.read(pipe, tmp_path_factory.mktemp("spread-ad"))


@pytest.mark.parametrize("key", list(TRUTH.foreign))
def test_ad_text_is_in_no_article(read, key):
    text = TRUTH.foreign[key]
    inside = holding(read.articles, text, names=True)
    assert not inside, f"{text!r} inside {inside}"


def test_the_ad_is_an_advertisement(read):
    ads = "".join(line.text for b in read.blocks if b.type == "advertisement" for line in b.lines)
    assert all(text.replace(" ", "")[:4] in ads.replace(" ", "") for text, _ in SPREAD), ads


@pytest.mark.parametrize("want", TRUTH.articles, ids=lambda e: e.name)
def test_the_news_keeps_its_articles(read, want: Expected):
    assert len(read.articles) == len(TRUTH.articles), [a.headline for a in read.articles]
    found = locate(read.articles, want.headline, want.body_start)
    assert found is not None and near(found.headline, want.headline), [a.headline for a in read.articles]
    assert starts_like(found, want.body_start), "".join(found.paragraphs)[:30]

"""Photos and their captions on a hand-typeset page: captions are caption blocks, never body.

The page (typeset here by hand, read by the whole pipeline with the real OCR models):

* top band, columns 1-2: an article; columns 3-4: photo news, a light picture (a pale
  sky over a grey field, as a misty morning photo prints) with its caption set under it
  across the photo's width in Kai, opened by the day and closed by a credit, and no
  headline;
* a rule across the page;
* bottom band, columns 1-2: an article whose caption (with its credit) is set over its
  photo, and whose body runs on under the photo; columns 3-4: an article.
"""

from __future__ import annotations

import numpy as np
import pytest
from article_checks import ends_like, holds, iou, locate, norm, starts_like
from failure_pages import NEWS
from PIL import Image
from typeset_helpers import Expected, Grid, Segment, Sheet, Typeset, balanced, headline, module

from schemas import Page

GRID = Grid()
BODY = GRID.em
TOP = 40
CAPTION = 22
PHOTO_NEWS = ("12月25日，东社镇学生在操场上参加冬季长跑。", "记者 徐敏芳 摄")
OVER = ("3月5日，崇川区市民在新建的口袋公园里晨练。", "通讯员 胡勇 摄")
ARTICLE = {
    "headline": ["口袋公园扮靓街巷", "市民推窗见绿"],
    "body": [
        "崇川区今年新建口袋公园十二个，见缝插绿，把街角空地变成市民休闲的好去处。",
        "公园里铺设了健身步道，安放了座椅和健身器材，清晨和傍晚前来锻炼的市民络绎不绝。区住建局相关负责人表示，明年还将再建一批。",
    ],
    "byline": "记者 胡勇",
}


def light_photo(sheet: Sheet, box: tuple[int, int, int, int], seed: int) -> None:
    """A pale picture: a light sky that lightens towards the top edge, a grey field, soft figures, grain."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    horizon = 0.6 * h
    pic = np.where(yy < horizon, 212 - 14 * yy / horizon, 184 + 10 * (yy - horizon) / (h - horizon))
    for _ in range(4):
        cx, cy = rng.uniform(0.1 * w, 0.9 * w), rng.uniform(0.6 * h, 0.85 * h)
        rx, ry = rng.uniform(0.04 * w, 0.07 * w), rng.uniform(0.12 * h, 0.2 * h)
        pic[((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 < 1] = rng.uniform(120, 150)
    pic += rng.normal(0, 5, pic.shape)
    sheet.img.paste(Image.fromarray(np.clip(pic, 0, 255).astype(np.uint8)), (x0, y0))


def caption(sheet: Sheet, x0: int, x1: int, top: int, text: str, credit: str) -> int:
    """Set a caption in Kai across ``x0..x1`` from ``top``, its credit two ems after the text; return its bottom."""
    wide = [Segment(x0, top, top + 10 * CAPTION, x1 - x0)]
    flowed = sheet.flow([text + "\u3000\u3000" + credit.replace(" ", "\u3000")], wide, CAPTION, "kai", under_way=True)
    return flowed.last_box[3]


def photo_page() -> tuple[Typeset, tuple[int, int, int, int]]:
    """The page described above, and the box of its light photo."""
    sheet = Sheet(1200, 1100)
    page = Typeset(sheet)
    # top band: an article in columns 1-2, photo news in columns 3-4
    first, first_bottom = module(sheet, GRID, NEWS["tushuguan"], [0, 1], TOP, round(1.8 * BODY))
    page.articles.append(first)
    pale = (GRID.x0(2), TOP, GRID.x1(3), TOP + 260)
    light_photo(sheet, pale, seed=7)
    news_bottom = caption(sheet, pale[0], pale[2], pale[3] + 8, *PHOTO_NEWS)
    page.foreign["photo-news-caption"] = PHOTO_NEWS[0]
    page.foreign["photo-news-credit"] = PHOTO_NEWS[1]
    band = max(first_bottom, news_bottom) + BODY
    sheet.rule(GRID.left, band, GRID.x1(3), band + 2)
    # bottom band: headline, caption over its photo, body under the photo in columns 1-2
    x0, x1 = GRID.x0(0), GRID.x1(1)
    y = headline(sheet, x0, x1, band + BODY, ARTICLE["headline"], round(1.8 * BODY)) + BODY // 2
    y = caption(sheet, x0, x1, y, *OVER) + 8
    sheet.photo((x0, y, x1, y + 200), seed=4)
    segments = balanced(sheet, GRID, [0, 1], y + 200 + BODY, ARTICLE["body"])
    flowed = sheet.flow(ARTICLE["body"], segments)
    sheet.byline_after(flowed, segments, ARTICLE["byline"])
    page.articles.append(Expected("".join(ARTICLE["headline"]), flowed.text, None, ARTICLE["byline"], "over"))
    page.body_only["over-caption"] = OVER[0]
    page.body_only["over-credit"] = OVER[1]
    beside, _ = module(sheet, GRID, NEWS["kuaidi"], [2, 3], band + BODY, round(1.8 * BODY))
    page.articles.append(beside)
    return page, pale


TRUTH, PALE = photo_page()


@pytest.fixture(scope="module")
def read(pipe, tmp_path_factory) -> Page:
    path = TRUTH.sheet.save(tmp_path_factory.mktemp("photos") / "photos.png")
    (page,) = list(pipe.run_file(path))
    return page


def test_light_photo_is_found(read):
    """The pale picture is an image block over its whole area, not paper."""
    boxes = [(b.bbox.x0, b.bbox.y0, b.bbox.x1, b.bbox.y1) for b in read.blocks if b.type == "image"]
    assert max((iou(b, PALE) for b in boxes), default=0.0) > 0.8, boxes


@pytest.mark.parametrize("text", [PHOTO_NEWS[0], OVER[0]], ids=["under-light-photo", "over-photo"])
def test_caption_is_a_caption_block(read, text):
    """A caption set under or over its photo is read as a block of type caption."""
    captions = [norm(b.text) for b in read.blocks if b.type == "caption"]
    assert any(norm(text)[:12] in c for c in captions), captions


def test_photo_news_is_in_no_article(read):
    """Photo news (a photo and a caption, no headline) makes no article and joins none."""
    assert len(read.articles) == len(TRUTH.articles), [a.headline for a in read.articles]
    for text in TRUTH.foreign.values():
        assert not [a.headline for a in read.articles if holds(a, text)], text


def test_caption_over_photo_is_not_body(read):
    """The caption over an article's photo, and its credit, are not in the article's body."""
    for text in TRUTH.body_only.values():
        assert not [a.headline for a in read.articles if holds(a, text, body_only=True)], text


@pytest.mark.parametrize("case", [a.name for a in TRUTH.articles])
def test_bodies_open_and_close_with_their_own_text(read, case):
    """Each article's body is its own: it neither opens nor closes with caption text."""
    want = next(a for a in TRUTH.articles if a.name == case)
    found = locate(read.articles, want.headline, want.body_start)
    assert found is not None, [a.headline for a in read.articles]
    text = "".join(found.paragraphs)
    assert starts_like(found, want.body_start), text[:30]
    assert ends_like(found, want.body_end), text[-30:]
